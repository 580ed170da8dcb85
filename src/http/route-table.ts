import type { FastifyInstance, RouteOptions } from 'fastify';

// The app's route table as registered (every method, full path, schema and body limit), so that the
// cross-cutting tests enumerate the routes that exist instead of a hand list (quality §3.1): the
// isolation, CSRF and bad-input matrices read it, and a new route fails them until it is classified.

export interface RouteInfo {
  method: string;
  /** The full path with Fastify's parameters, e.g. `/api/v1/nominations/:nominationId`. */
  path: string;
  schema: RouteOptions['schema'];
  bodyLimit: number | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: readonly RouteInfo[];
  }
}

export function recordRoutes(app: FastifyInstance): void {
  const routes: RouteInfo[] = [];
  app.decorate('routeTable', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      // Fastify adds a HEAD twin to every GET; it is the same route.
      if (method === 'HEAD') continue;
      routes.push({ method, path: route.url, schema: route.schema, bodyLimit: route.bodyLimit });
    }
  });
}
