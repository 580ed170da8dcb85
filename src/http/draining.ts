import type { FastifyInstance } from 'fastify';
import { errorBody, sendError } from './errors.ts';

/** Graceful stop of the HTTP side (src/main/shutdown.ts drives it). */
interface Draining {
  /** From now on every new request is refused with 503 before it reaches a handler (nothing written). */
  begin(): void;
  /** Resolves when no request is in flight any more. */
  idle(): Promise<void>;
  readonly inFlight: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    draining: Draining;
  }
}

// Registered before every other hook: a refused request never reaches the session lookup or a handler,
// so "refused with 503" always means "nothing was written". The listener stays open while in-flight
// requests finish, so a client on a kept-alive connection gets this 503 rather than a reset.
export function registerDraining(app: FastifyInstance): void {
  let inFlight = 0;
  let draining = false;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (inFlight > 0) return;
    for (const wake of waiters) wake();
    waiters = [];
  };
  app.decorate('draining', {
    begin() {
      draining = true;
    },
    idle() {
      return inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve));
    },
    get inFlight() {
      return inFlight;
    },
  } satisfies Draining);
  app.addHook('onRequest', async (request, reply) => {
    if (draining) {
      reply.header('connection', 'close').header('retry-after', '5');
      return sendError(reply, 503, errorBody(request, 'ServiceUnavailable'));
    }
    inFlight++;
    // 'close' fires once the response is sent or the connection is gone, whichever comes first.
    reply.raw.once('close', () => {
      inFlight--;
      settle();
    });
  });
}
