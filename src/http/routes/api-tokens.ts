import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApiToken, listApiTokens, revokeApiToken } from '../../app/auth/api-tokens.ts';
import type { AppContext } from '../../app/ports.ts';
import {
  ApiTokenList,
  ApiTokenParams,
  CreateApiTokenRequest,
  CreatedApiToken,
} from '../../contracts/api-tokens.ts';
import { errorResponses } from '../../contracts/common.ts';
import { requirePrincipal, requireSession } from '../auth.ts';

const errors = errorResponses(400, 401, 403, 404);

// API tokens (issue 14), managed by the partner's Incentives admins from a signed-in session: a token
// cannot mint or revoke tokens (a leaked token must not outlive its revocation by making another).
// Creation takes no Idempotency-Key: a replay would have to store the secret to show it again.
export const apiTokenRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api-tokens',
      {
        schema: {
          tags: ['api-tokens'],
          summary: 'Create an API token (the secret is in this answer only)',
          body: CreateApiTokenRequest,
          response: { 201: CreatedApiToken, ...errors },
        },
      },
      async (request, reply) => {
        requireSession(request);
        const created = await createApiToken(ctx, requirePrincipal(request).actor, request.body);
        return reply.code(201).header('cache-control', 'no-store').send(created);
      },
    );

    app.get(
      '/api-tokens',
      {
        schema: {
          tags: ['api-tokens'],
          summary: "The partner's API tokens that are not revoked (never the secret)",
          response: { 200: ApiTokenList, ...errors },
        },
      },
      async (request) => {
        requireSession(request);
        return { value: await listApiTokens(ctx, requirePrincipal(request).actor) };
      },
    );

    app.delete(
      '/api-tokens/:tokenId',
      {
        schema: {
          tags: ['api-tokens'],
          summary: 'Revoke an API token (at once)',
          params: ApiTokenParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        requireSession(request);
        await revokeApiToken(ctx, requirePrincipal(request).actor, request.params.tokenId);
        return reply.code(204).send(null);
      },
    );
  };
