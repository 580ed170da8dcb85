import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/ports.ts';
import { enrolLocation, withdrawLocation } from '../../app/roles/enrolment.ts';
import { errorResponses, IdempotencyKeyHeaders } from '../../contracts/common.ts';
import { EnrolmentRequest, LocationParams, PartnerLocation } from '../../contracts/partner.ts';
import { requirePrincipal } from '../auth.ts';
import { sendIdempotent } from '../idempotent-reply.ts';

// Enrolment of the partner's locations in the MCI program, by its Account admin (R39, issue 15 item 3).
export const partnerEnrolmentRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/partner/locations/:locationId/enrolment',
      {
        schema: {
          tags: ['partner'],
          summary:
            'Enrol a location in the program, accepting the program terms (already enrolled: 200, unchanged)',
          params: LocationParams,
          headers: IdempotencyKeyHeaders,
          body: EnrolmentRequest,
          response: { 200: PartnerLocation, ...errorResponses(400, 401, 403, 404, 409, 422) },
        },
      },
      async (request, reply) => {
        const result = await enrolLocation(ctx, requirePrincipal(request).actor, {
          locationId: request.params.locationId,
          acceptTerms: request.body.acceptTerms,
          idempotencyKey: request.headers['idempotency-key'],
        });
        return sendIdempotent(reply, result);
      },
    );

    app.delete(
      '/partner/locations/:locationId/enrolment',
      {
        schema: {
          tags: ['partner'],
          summary:
            'Withdraw a location from the program; refused (409) while records are still running there, naming them',
          params: LocationParams,
          response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request, reply) => {
        await withdrawLocation(ctx, requirePrincipal(request).actor, request.params);
        return reply.code(204).send(null);
      },
    );
  };
