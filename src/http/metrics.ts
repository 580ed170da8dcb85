import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Histogram, register } from 'prom-client';
import { z } from 'zod';
import { ErrorResponse } from '../contracts/common.ts';
import { errorBody, sendError } from './errors.ts';

// Prometheus metrics (prom-client's default registry: one per process). The HTTP layer owns the request
// histogram, labelled by the route pattern (never the raw URL, whose ids would explode the series) and
// the status; the composition root adds database, job queue, mail and process metrics (src/main/metrics.ts).

const httpDuration =
  (register.getSingleMetric('http_request_duration_seconds') as Histogram<'method' | 'route' | 'status'>) ??
  new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });

export interface MetricsOptions {
  /** METRICS_TOKEN: when set, /metrics needs `Authorization: Bearer <token>`; else loopback peers only. */
  token: string | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function allowed(request: FastifyRequest, token: string | undefined): 'ok' | 'unauthenticated' | 'forbidden' {
  if (token) {
    const given = Buffer.from(request.headers.authorization ?? '');
    const expected = Buffer.from(`Bearer ${token}`);
    return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'unauthenticated';
  }
  // Without a token, only a scraper on this machine, talking to us directly (not through a proxy that
  // would make every client look local), may read the metrics (ADR 0014).
  const direct = LOOPBACK.has(request.socket.remoteAddress ?? '') && !request.headers['x-forwarded-for'];
  return direct ? 'ok' : 'forbidden';
}

/** Times every request; registered before the routes so that every route inherits the hook. */
export function registerRequestTiming(app: FastifyInstance): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpDuration.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}

/** GET /metrics; registered after the OpenAPI plugin so that the document describes it. */
export function registerMetricsRoute(app: FastifyInstance, options: MetricsOptions): void {
  const schema = {
    tags: ['system'],
    summary: 'Prometheus metrics (text format); METRICS_TOKEN as a bearer token, else loopback only',
    response: { 200: z.string(), 401: ErrorResponse, 403: ErrorResponse },
  };
  app.withTypeProvider<ZodTypeProvider>().get('/metrics', { schema }, async (request, reply) => {
    const verdict = allowed(request, options.token);
    if (verdict === 'unauthenticated') return sendError(reply, 401, errorBody(request, 'Unauthenticated'));
    if (verdict === 'forbidden') return sendError(reply, 403, errorBody(request, 'Forbidden'));
    const text = await register.metrics();
    return reply.type(register.contentType).header('cache-control', 'no-store').send(text);
  });
}
