import type { JobQueue } from '../adapters/queue/job-queue.ts';
import type { AppContext } from '../app/ports.ts';

// Binds the registry's jobs to their handlers. Runs in `mci start` (embedded, one process) and in
// `mci worker` (scaled out on PostgreSQL; pg-boss hands each job to one worker).
export async function startWorker(ctx: AppContext, queue: JobQueue): Promise<void> {
  await queue.work('housekeeping.purge', async () => {
    const now = ctx.clock.now();
    await ctx.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
    await ctx.db.deleteFrom('idempotency_keys').where('expires_at', '<', now).execute();
  });
  await queue.work('system.ping', async () => {});
}
