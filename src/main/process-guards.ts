import type { Logger } from 'pino';
import { isDatabaseUnavailable } from '../http/errors.ts';

// pg-boss 10.4.2 completes and fails jobs without awaiting the promise (manager.js onFetch), so while the
// database restarts those calls reject with nobody to catch them, and Node ends the process on an
// unhandled rejection. A lost database connection is expected there (the job times out and is retried
// by pg-boss's maintenance), so it is logged and the process goes on; any other unhandled rejection
// still ends the process, as Node would.
export function installProcessGuards(log: Logger): void {
  process.on('unhandledRejection', (reason) => {
    if (isDatabaseUnavailable(reason)) {
      log.warn(
        { err: String((reason as Error)?.message ?? reason) },
        'database unavailable (background work)',
      );
      return;
    }
    log.fatal(
      { err: reason instanceof Error ? { message: reason.message, stack: reason.stack } : String(reason) },
      'unhandled rejection',
    );
    process.exit(1);
  });
}
