import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createNominations } from '../../app/customers/add-or-claim.ts';
import { lookupCustomer } from '../../app/customers/lookup-customer.ts';
import { getNomination, nominationHistory } from '../../app/customers/nomination-view.ts';
import type { AppContext } from '../../app/ports.ts';
import { errorResponses, IdempotencyKeyHeaders } from '../../contracts/common.ts';
import { CustomerLookup, CustomerLookupRequest } from '../../contracts/lookups.ts';
import {
  CreateNominationsRequest,
  Nomination,
  NominationHistory,
  NominationList,
  NominationParams,
} from '../../contracts/nominations.ts';
import { requirePrincipal } from '../auth.ts';
import { sendIdempotent } from '../idempotent-reply.ts';
import { describeObstacle } from '../present.ts';

const errors = errorResponses(400, 401, 403, 404, 409, 422, 429, 503);

// Add a customer and claim a customer (spec §4.1, §4.2): the lookup of step 1 and the creation of step 4.
export const nominationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/customer-lookups',
      {
        schema: {
          tags: ['customers'],
          summary:
            'Resolve a customer from an email (and optional tenant ID or TPID) and tell which workshops they can take',
          body: CustomerLookupRequest,
          response: { 200: CustomerLookup, ...errors },
        },
      },
      async (request) => {
        const { workshops, ...customer } = await lookupCustomer(
          ctx,
          requirePrincipal(request).actor,
          request.body,
        );
        return {
          ...customer,
          workshops: workshops.map(({ obstacles, ...w }) => ({
            ...w,
            reasons: obstacles.map((o) => describeObstacle(request.locale, o)),
          })),
        };
      },
    );

    app.post(
      '/nominations',
      {
        schema: {
          tags: ['customers'],
          summary:
            'Add or claim a customer for one or more workshops (one record per workshop, Idempotency-Key honoured)',
          headers: IdempotencyKeyHeaders,
          body: CreateNominationsRequest,
          response: { 201: NominationList, ...errors },
        },
      },
      async (request, reply) => {
        const result = await createNominations(
          ctx,
          requirePrincipal(request).actor,
          request.body,
          request.headers['idempotency-key'],
        );
        return sendIdempotent(reply, result);
      },
    );

    app.get(
      '/nominations/:nominationId',
      {
        schema: {
          tags: ['customers'],
          summary: 'One engagement customer record',
          params: NominationParams,
          response: { 200: Nomination, ...errors },
        },
      },
      async (request) =>
        getNomination(
          ctx.store,
          requirePrincipal(request).actor,
          request.params.nominationId,
          ctx.clock.now(),
        ),
    );

    app.get(
      '/nominations/:nominationId/history',
      {
        schema: {
          tags: ['customers'],
          summary: 'Who did what, when (audit events)',
          params: NominationParams,
          response: { 200: NominationHistory, ...errors },
        },
      },
      async (request) => ({
        value: await nominationHistory(
          ctx.store,
          requirePrincipal(request).actor,
          request.params.nominationId,
          ctx.clock.now(),
        ),
      }),
    );
  };
