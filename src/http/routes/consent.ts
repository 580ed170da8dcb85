import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  consentEtag,
  getConsentRequest,
  requestConsent,
  resendConsent,
  updateConsentContact,
} from '../../app/consent/consent-requests.ts';
import type { AppContext } from '../../app/ports.ts';
import { errorResponses, IdempotencyKeyHeaders, IfMatchHeaders } from '../../contracts/common.ts';
import { ConsentContactPatch, ConsentRequest, ConsentRequestBody } from '../../contracts/consent.ts';
import { NominationParams } from '../../contracts/nominations.ts';
import { requirePrincipal } from '../auth.ts';
import { sendIdempotent } from '../idempotent-reply.ts';

const errors = errorResponses(400, 401, 403, 404, 409, 410, 412, 422, 429, 503);

// The partner's consent actions (spec §4.3, R26–R29).
export const consentRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/nominations/:nominationId/consent-requests',
      {
        schema: {
          tags: ['consent'],
          summary:
            'Send for consent: emails the customer contact a link to the public consent page (R26–R28)',
          params: NominationParams,
          headers: IdempotencyKeyHeaders,
          body: ConsentRequestBody,
          response: { 202: ConsentRequest, ...errors },
        },
      },
      async (request, reply) => {
        const result = await requestConsent(
          ctx,
          requirePrincipal(request).actor,
          request.params.nominationId,
          request.body,
          request.headers['idempotency-key'],
        );
        const etag = await consentEtag(ctx.store, request.params.nominationId);
        if (etag) reply.header('etag', etag);
        return sendIdempotent(reply, result);
      },
    );

    app.get(
      '/nominations/:nominationId/consent-requests/current',
      {
        schema: {
          tags: ['consent'],
          summary: 'The current consent request (contacts, sends, delivery, decision); ETag for PATCH',
          params: NominationParams,
          response: { 200: ConsentRequest, ...errors },
        },
      },
      async (request, reply) => {
        const { view, etag } = await getConsentRequest(
          ctx,
          requirePrincipal(request).actor,
          request.params.nominationId,
        );
        reply.header('etag', etag);
        return view;
      },
    );

    app.patch(
      '/nominations/:nominationId/consent-requests/current',
      {
        schema: {
          tags: ['consent'],
          summary:
            'Change the customer contact while consent is pending: voids every old link and sends a new email',
          params: NominationParams,
          headers: IfMatchHeaders,
          body: ConsentContactPatch,
          response: { 200: ConsentRequest, ...errors },
        },
      },
      async (request, reply) => {
        const view = await updateConsentContact(
          ctx,
          requirePrincipal(request).actor,
          request.params.nominationId,
          request.body,
          request.headers['if-match'],
        );
        const etag = await consentEtag(ctx.store, request.params.nominationId);
        if (etag) reply.header('etag', etag);
        return view;
      },
    );

    app.post(
      '/nominations/:nominationId/consent-requests/resend',
      {
        schema: {
          tags: ['consent'],
          summary:
            'Resend the consent email while pending and open (R29: at most one per hour; 429 with Retry-After)',
          params: NominationParams,
          response: { 202: ConsentRequest, ...errors },
        },
      },
      async (request, reply) => {
        const view = await resendConsent(ctx, requirePrincipal(request).actor, request.params.nominationId);
        const etag = await consentEtag(ctx.store, request.params.nominationId);
        if (etag) reply.header('etag', etag);
        return reply.code(202).send(view);
      },
    );
  };
