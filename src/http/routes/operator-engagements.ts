import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createEngagement,
  getOperatorEngagement,
  listOperatorEngagements,
  patchEngagement,
} from '../../app/operator/engagement-editor.ts';
import type { AppContext } from '../../app/ports.ts';
import { errorResponses, IdempotencyKeyHeaders, IfMatch } from '../../contracts/common.ts';
import {
  CreateEngagementRequest,
  OperatorEngagement,
  OperatorEngagementList,
  OperatorEngagementListQuery,
  OperatorEngagementParams,
  PatchEngagementRequest,
} from '../../contracts/operator.ts';
import { requirePrincipal } from '../auth.ts';
import { sendIdempotent } from '../idempotent-reply.ts';
import { operatorOnly } from './operator-claims.ts';

const errors = errorResponses(400, 401, 403, 404, 409, 412, 422, 503);
const IfMatchRequired = z.object({ 'if-match': IfMatch });

// The program operator's engagement catalogue (spec §4.5, issue 6). Operators only.
export const operatorEngagementRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    operatorOnly(app, 'operator.catalogue');
    app.get(
      '/operator/engagements',
      {
        schema: {
          tags: ['operator'],
          summary:
            'Every engagement (all kinds) with windows, availability, criteria, POE requirements, rates and reminders',
          querystring: OperatorEngagementListQuery,
          response: { 200: OperatorEngagementList, ...errors },
        },
      },
      // The catalogue is small (tens of engagements): one page.
      async (request) => ({
        value: await listOperatorEngagements(ctx.store, requirePrincipal(request).actor, request.query),
      }),
    );

    app.get(
      '/operator/engagements/:engagementId',
      {
        schema: {
          tags: ['operator'],
          summary: 'One engagement as the operator edits it; ETag for PATCH',
          params: OperatorEngagementParams,
          response: { 200: OperatorEngagement, ...errors },
        },
      },
      async (request, reply) => {
        const view = await getOperatorEngagement(
          ctx.store,
          requirePrincipal(request).actor,
          request.params.engagementId,
        );
        reply.header('etag', view.etag);
        return view;
      },
    );

    app.post(
      '/operator/engagements',
      {
        schema: {
          tags: ['operator'],
          summary: 'Create an engagement (its code is unique: 409 if taken)',
          headers: IdempotencyKeyHeaders,
          body: CreateEngagementRequest,
          response: { 201: OperatorEngagement, ...errors },
        },
      },
      async (request, reply) => {
        const result = await createEngagement(
          ctx,
          requirePrincipal(request).actor,
          request.body,
          request.headers['idempotency-key'],
        );
        reply.header('etag', result.body.etag);
        reply.header('location', `/api/v1/operator/engagements/${result.body.id}`);
        return sendIdempotent(reply, result);
      },
    );

    app.patch(
      '/operator/engagements/:engagementId',
      {
        schema: {
          tags: ['operator'],
          summary:
            'Edit an engagement (If-Match required). New windows apply to deadlines granted from now on; granted ones never move',
          params: OperatorEngagementParams,
          headers: IfMatchRequired,
          body: PatchEngagementRequest,
          response: { 200: OperatorEngagement, ...errors },
        },
      },
      async (request, reply) => {
        const view = await patchEngagement(
          ctx,
          requirePrincipal(request).actor,
          request.params.engagementId,
          request.body,
          request.headers['if-match'],
        );
        reply.header('etag', view.etag);
        return view;
      },
    );
  };
