import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse } from '../../contracts/common.ts';
import { errorBody, sendError } from '../errors.ts';

/** Ready when the database answers; 503 in the error shape otherwise (load balancers, tests). */
export const healthRoutes =
  (ping: () => Promise<void>): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/health',
      {
        schema: {
          tags: ['system'],
          summary: 'Readiness',
          response: { 200: z.object({ status: z.literal('ok') }), 503: ErrorResponse },
        },
      },
      async (request, reply) => {
        try {
          await ping();
          return { status: 'ok' as const };
        } catch {
          return sendError(reply, 503, errorBody(request, 'ServiceUnavailable'));
        }
      },
    );
  };
