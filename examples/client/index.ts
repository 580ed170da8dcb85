// A typed client for the Customers API: openapi-fetch over the types `npm run api:types` generates from
// the server's OpenAPI document (./api.d.ts). Paths, parameters, bodies and answers are checked by the
// compiler; a route or contract change that breaks an integration shows up as a type error here.
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './api.d.ts';

export type { components, paths };

/** The error shape every refusal uses (`{ error: { code, message, target?, details? } }`). */
type ApiError = components['schemas']['ErrorResponse'];

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A client acting with an API token (`mci_…`): `Authorization: Bearer` on every request (no cookie, no
 * CSRF token), and an `Idempotency-Key` on every write that does not carry one, so that a write sent again
 * with the same key (pass it in `params.header`) is done once.
 */
export function createMciClient(baseUrl: string, token: string, options: { fetch?: typeof fetch } = {}) {
  const client = createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers: { authorization: `Bearer ${token}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(idempotencyKeys);
  return client;
}

const idempotencyKeys: Middleware = {
  onRequest({ request }) {
    if (WRITES.has(request.method) && !request.headers.has('idempotency-key'))
      request.headers.set('idempotency-key', crypto.randomUUID());
    return request;
  },
};

/** The answer's error as one line (code: message), for an exception or a log. */
export function describeError(status: number, error: unknown): string {
  const body = (error as Partial<ApiError> | undefined)?.error;
  return body ? `${status} ${body.code}: ${body.message}` : `${status}`;
}
