import { createServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

// A real webhook receiver on loopback for the http, medium and e2e tests (issue 14): it keeps every
// message it got and what it answered, and counts connections (a refused target must not even
// connect). Signatures are checked with `standardwebhooks`, as a partner's receiver would.

/** One request as the receiver got it, and the status it answered. */
export interface Arrival {
  /** The request's path and query (`/hooks/crm`). */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** What to answer: a status, or a status with headers and a body. */
type Answer = number | { status: number; headers?: Record<string, string>; body?: string };

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** TCP connections accepted so far. */
  connections: () => number;
  close: () => Promise<void>;
}

/** Any request listener on 127.0.0.1, on a port the system picks. */
export async function listenOnLoopback(listener: RequestListener): Promise<LoopbackServer> {
  const server = createServer(listener);
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A receiver that keeps every request; `answer` decides the answer (204 unless told otherwise). */
export async function startWebhookReceiver(
  answer: (request: Omit<Arrival, 'status'>) => Answer = () => 204,
): Promise<LoopbackServer & { received: Arrival[] }> {
  const received: Arrival[] = [];
  const server = await listenOnLoopback((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const got = {
        path: request.url ?? '/',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const a = answer(got);
      const { status, headers, body } = typeof a === 'number' ? { status: a } : a;
      received.push({ ...got, status });
      response.writeHead(status, headers).end(body);
    });
  });
  return { ...server, received };
}

/** A loopback port nothing listens on (it was free a moment ago): connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = await listenOnLoopback(() => {});
  await server.close();
  return server.port;
}

/** The message, verified with the endpoint's secret (throws on a bad or missing signature). */
export const verifySigned = (secret: string, arrival: Pick<Arrival, 'headers' | 'body'>) =>
  new Webhook(secret).verify(arrival.body, {
    'webhook-id': String(arrival.headers['webhook-id']),
    'webhook-timestamp': String(arrival.headers['webhook-timestamp']),
    'webhook-signature': String(arrival.headers['webhook-signature']),
  }) as { type: string; data: Record<string, unknown> };

/** The message type of an arrival. */
export const typeOf = (arrival: Pick<Arrival, 'body'>) => (JSON.parse(arrival.body) as { type: string }).type;

/** Polls `probe` until it gives something (delivery is a background job); never a blind sleep. */
export async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 20_000,
) {
  const end = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
