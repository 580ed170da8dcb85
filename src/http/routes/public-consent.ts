import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { decideConsent, viewConsent } from '../../app/consent/public-consent.ts';
import type { AppContext } from '../../app/ports.ts';
import { errorResponses } from '../../contracts/common.ts';
import { ConsentDecisionBody, ConsentTokenParams, PublicConsent } from '../../contracts/consent.ts';
import { RATE_LIMITS } from '../rate-limits.ts';

const errors = errorResponses(400, 404, 409, 410, 429, 503);

// The public consent page's API (spec §4.3): no sign-in, the single-purpose token is the credential.
// Rate-limited per address (quality §3.7); a GET never changes anything (the page POSTs).
export const publicConsentRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/public/consent/:token',
      {
        schema: {
          tags: ['public'],
          summary: 'What the customer is asked to consent to (404 no longer valid, 410 expired)',
          params: ConsentTokenParams,
          response: { 200: PublicConsent, ...errors },
        },
        config: { rateLimit: RATE_LIMITS.consentView },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return viewConsent(ctx, request.params.token);
      },
    );

    app.post(
      '/public/consent/:token',
      {
        schema: {
          tags: ['public'],
          summary: 'Accept or decline (a replayed accept is idempotent; decline after accept is 409)',
          params: ConsentTokenParams,
          body: ConsentDecisionBody,
          response: { 200: PublicConsent, ...errors },
        },
        config: { rateLimit: RATE_LIMITS.consentDecide },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return decideConsent(ctx, request.params.token, request.body);
      },
    );
  };
