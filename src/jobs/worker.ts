import type { JobQueue } from '../adapters/queue/job-queue.ts';
import { runNominationImport } from '../app/customers/run-nomination-import.ts';
import { deliverMail, renderMails } from '../app/mail/mail-jobs.ts';
import type { AppContext } from '../app/ports.ts';
import { sweepDeadlines } from '../app/sweeps/deadline-sweep.ts';
import { sendCustomerReminders, sendDeadlineNotices } from '../app/sweeps/reminders.ts';
import { deliverWebhook } from '../app/webhooks/deliver.ts';
import { measuredSweep } from './sweep-metrics.ts';
import { countDelivery } from './webhook-metrics.ts';

// Binds the registry's jobs to their handlers. Runs in `mci start` (embedded, one process) and in
// `mci worker` (scaled out on PostgreSQL; pg-boss hands each job to one worker).
export async function startWorker(ctx: AppContext, queue: JobQueue): Promise<void> {
  // Every job reads time from the shared test clock when it is on.
  const synced =
    <T>(handler: (payload: T) => Promise<void>) =>
    async (payload: T) => {
      await ctx.testClock?.sync();
      await handler(payload);
    };
  await queue.work(
    'housekeeping.purge',
    synced(async () => {
      // Sessions and rate-limit windows live on real time (R36): moving the test clock must not purge them.
      const real = ctx.realClock.now();
      await ctx.store.sweeps.purgeExpired({
        sessions: real,
        idempotencyKeys: ctx.clock.now(),
        rateLimits: real,
      });
    }),
  );
  await queue.work('system.ping', async () => {});
  // Mail is the busy queue (a sweep can queue thousands of notices at once).
  await queue.work(
    'mail.render',
    synced(async ({ mailIds }) => renderMails(ctx, mailIds)),
    { batchSize: 10, pollingIntervalSeconds: 0.5 },
  );
  await queue.work(
    'mail.deliver',
    synced(async ({ mailId }) => deliverMail(ctx, mailId)),
    { batchSize: 50, concurrency: 10, pollingIntervalSeconds: 0.5 },
  );
  // Webhooks wait on partners' receivers (up to 10 s each): many at once, so one slow receiver does not
  // hold up the others.
  await queue.work(
    'webhook.deliver',
    async ({ deliveryId, attempt }) => {
      const { outcome, eventType } = await deliverWebhook(ctx, deliveryId, attempt);
      countDelivery(eventType, outcome);
    },
    { batchSize: 20, concurrency: 10, pollingIntervalSeconds: 0.5 },
  );
  await queue.work(
    'nominations.import',
    synced(async (payload) => runNominationImport(ctx, payload)),
    { pollingIntervalSeconds: 0.5 },
  );
  await queue.work(
    'sweep.deadlines',
    synced(
      async () =>
        void (await measuredSweep('deadlines', async () => (await sweepDeadlines(ctx)).transitioned)),
    ),
  );
  await queue.work(
    'sweep.reminders',
    synced(async () => {
      await measuredSweep('reminders', () => sendCustomerReminders(ctx));
      await measuredSweep('deadlineNotices', () => sendDeadlineNotices(ctx));
    }),
  );
  // After downtime (a restart, a crash) due deadlines are swept now rather than at the next cron tick.
  await ctx.store.outbox.enqueue('sweep.deadlines', {}, { singletonKey: 'catch-up' });
}
