import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { createLogger } from './logger.ts';
import { installProcessGuards } from './process-guards.ts';

// Graceful stop (SIGTERM from an orchestrator, SIGINT from a terminal): stop taking requests, let those
// in flight finish, let running jobs finish or hand them back to the queue, close the database, exit 0.
// Everything is bounded by SHUTDOWN_GRACE_SECONDS; a second signal stops at once.

const within = (promise: Promise<unknown>, ms: number) =>
  new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });

/**
 * A short "lame duck" period: requests a client had already sent when the signal came (still unread in
 * a kept-alive connection) are answered 503, not reset by closing their connection, and load balancers
 * see readiness fail before the listener goes away.
 */
const LAME_DUCK_MS = 1000;

/**
 * New requests get 503 (the listener stays open so that kept-alive clients see the 503, not a reset);
 * in-flight ones get until `graceMs`, after which their connections are cut; then the listener closes.
 */
export async function drainHttp(app: FastifyInstance, graceMs: number): Promise<void> {
  app.draining.begin();
  const lameDuck = new Promise((resolve) => setTimeout(resolve, Math.min(LAME_DUCK_MS, graceMs)));
  const settled = await within(Promise.all([app.draining.idle(), lameDuck]), graceMs);
  const closing = app.close();
  if (!settled) app.server.closeAllConnections();
  await closing;
}

function stopOnSignals(
  stop: (graceMs: number) => Promise<void>,
  options: { graceSeconds: number; log: Logger },
): void {
  const graceMs = options.graceSeconds * 1000;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.log.warn({ signal }, 'second signal: stopping now');
      process.exit(1);
    }
    stopping = true;
    options.log.info({ signal, graceSeconds: options.graceSeconds }, 'stopping');
    // The grace period covers requests and jobs; closing the database gets a little more, then we give up.
    setTimeout(
      () => {
        options.log.error('stop took longer than the grace period; exiting');
        process.exit(1);
      },
      graceMs * 2 + 10_000,
    ).unref();
    stop(graceMs).then(
      () => {
        options.log.info('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        options.log.error({ err: String((error as Error)?.message ?? error) }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}

/** For `mci start` and `mci worker`: guard against stray rejections and stop gracefully on a signal. */
export function runUntilSignalled(
  config: Pick<Config, 'logLevel' | 'shutdownGraceSeconds'>,
  stop: (graceMs: number) => Promise<void>,
): void {
  const log = createLogger(config.logLevel);
  installProcessGuards(log);
  stopOnSignals(stop, { graceSeconds: config.shutdownGraceSeconds, log });
}
