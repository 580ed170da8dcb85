import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

// A tiny reverse proxy on loopback that sends each request to the next backend in turn, like a load
// balancer with no session affinity, and says which one answered (X-Backend). Bodies are streamed.

export async function startRoundRobinProxy() {
  const backends: string[] = [];
  const served: number[] = [];
  let next = 0;
  const server = createServer((incoming, outgoing) => {
    if (backends.length === 0) {
      outgoing.writeHead(502).end();
      return;
    }
    const index = next++ % backends.length;
    served.push(index);
    const target = new URL(incoming.url ?? '/', backends[index]);
    const upstream = request(
      target,
      {
        method: incoming.method,
        headers: {
          ...incoming.headers,
          host: target.host,
          'x-forwarded-for': incoming.socket.remoteAddress ?? '',
        },
      },
      (response) => {
        outgoing.writeHead(response.statusCode ?? 502, { ...response.headers, 'x-backend': String(index) });
        response.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    backends,
    /** Which backend served each request, in order. */
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
