import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse } from '../../contracts/common.ts';
import { errorBody, sendError } from '../errors.ts';

/** A readiness check: resolves when the part it names works, rejects otherwise. */
export type ReadinessChecks = Record<string, () => Promise<void>>;

/** Paths answered without touching the database (auth and test-clock hooks skip them). */
export const LIVENESS_PATH = '/api/v1/health/live';

const CHECK_TIMEOUT_MS = 5000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const Ready = z.object({
  status: z.literal('ok'),
  checks: z.record(z.string(), z.literal('ok')),
});

// Liveness says the process answers (restart it if not); readiness says it can serve (send it traffic):
// database reachable, migrations current, job queue running. Load balancers and orchestrators use them.
export const healthRoutes =
  (checks: ReadinessChecks): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/health/live',
      {
        schema: {
          tags: ['system'],
          summary: 'Liveness: the process answers (no database call)',
          response: { 200: z.object({ status: z.literal('ok') }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );
    const ready = async (request: FastifyRequest, reply: FastifyReply) => {
      const names = Object.keys(checks);
      const results = await Promise.allSettled(
        names.map((name) => within(checks[name]!(), CHECK_TIMEOUT_MS)),
      );
      const failed = names.filter((_name, i) => results[i]!.status === 'rejected');
      if (failed.length === 0)
        return { status: 'ok' as const, checks: Object.fromEntries(names.map((n) => [n, 'ok' as const])) };
      reply.header('retry-after', '5');
      const details = failed.map((check) => ({
        code: 'HealthCheckFailed',
        target: check,
        message: errorBody(request, 'HealthCheckFailed', {}, { check }).error.message,
      }));
      return sendError(reply, 503, errorBody(request, 'ServiceUnavailable', { target: failed[0]!, details }));
    };
    const schema = (summary: string) => ({
      tags: ['system'],
      summary,
      response: { 200: Ready, 503: ErrorResponse },
    });
    app.get(
      '/health/ready',
      { schema: schema('Readiness: database reachable, migrations current, job queue running') },
      ready,
    );
    app.get('/health', { schema: schema('Readiness (alias of /health/ready)') }, ready);
  };
