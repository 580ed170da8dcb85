import { z } from 'zod';

/**
 * A mail job lost with its process (kill -9, crash, a time-out) comes back after a short fixed delay,
 * many times: pg-boss counts every loss as a retry, and an exponential back-off over losses left
 * emails waiting for hours after a series of crashes (issue 13's soak). Handlers are idempotent.
 */
const LOST_JOB_RETRY = { retryLimit: 100, retryDelay: 10, retryBackoff: false };

// The typed job registry (architecture §3): every job's name and payload schema in one place, so that
// `tx.outbox.enqueue(name, payload)` is type-checked and a malformed payload is refused before it is
// queued. src/jobs/worker.ts binds each name to its handler: src/app/mail/mail-jobs.ts (mail.render,
// mail.deliver), src/app/sweeps/deadline-sweep.ts (sweep.deadlines), src/app/sweeps/reminders.ts
// (sweep.reminders), the sweep repository's purge (housekeeping.purge).
export const JOBS = {
  /** Deletes expired sessions, idempotency keys and rate-limit windows (housekeeping cron). */
  'housekeeping.purge': { payload: z.object({}).strict(), cron: '*/15 * * * *' },
  /** Renders queued emails (subject, HTML and text in the recipient's locale), then queues their delivery. */
  'mail.render': {
    payload: z.object({ mailIds: z.array(z.uuid()).min(1).max(500) }).strict(),
    timeoutSeconds: 60,
    retry: LOST_JOB_RETRY,
  },
  /**
   * Delivers one rendered email. A failed SMTP attempt is counted on the message, which schedules its
   * own next attempt with exponential back-off (src/app/mail/mail-jobs.ts) and is marked failed after
   * the last; pg-boss's retry only brings back a delivery lost with its process.
   */
  // SMTP time-outs (connect 10 s + greeting 10 s + socket 20 s) fit in the job's time-out.
  'mail.deliver': {
    payload: z.object({ mailId: z.uuid() }).strict(),
    timeoutSeconds: 60,
    retry: LOST_JOB_RETRY,
  },
  /**
   * Delivers one webhook message to one endpoint (issue 14). A failed attempt is counted on the delivery,
   * which queues its own next attempt on the retry schedule (src/app/webhooks/deliver.ts); pg-boss's
   * retry only brings back an attempt lost with its process (`attempt` makes a repeated run a no-op).
   */
  'webhook.deliver': {
    payload: z.object({ deliveryId: z.uuid(), attempt: z.number().int().min(1).max(50) }).strict(),
    timeoutSeconds: 60,
    retry: LOST_JOB_RETRY,
  },
  /** Materialises every end state whose deadline passed (spec §5), once, in batches. */
  'sweep.deadlines': { payload: z.object({}).strict(), cron: '* * * * *', timeoutSeconds: 300 },
  /** Customer consent reminders and partner deadline notices (spec §4.3 "Beyond Partner Center"). */
  'sweep.reminders': { payload: z.object({}).strict(), cron: '*/5 * * * *', timeoutSeconds: 300 },
  /**
   * Adds the rows of a CSV import (issue 14) in chunks that record their progress; a run lost with its
   * process resumes at the first row without an outcome (src/app/customers/run-nomination-import.ts).
   */
  'nominations.import': {
    payload: z.object({ importId: z.uuid(), partnerId: z.uuid() }).strict(),
    timeoutSeconds: 600,
    retry: LOST_JOB_RETRY,
  },
  /** Probe job used by health checks and tests of the transactional outbox. */
  'system.ping': { payload: z.object({ note: z.string().max(200) }).strict() },
} as const satisfies Record<
  string,
  {
    payload: z.ZodType;
    cron?: string;
    timeoutSeconds?: number;
    retry?: { retryLimit: number; retryDelay: number; retryBackoff: boolean };
  }
>;

/**
 * A job still active after its time-out is taken to be lost with its process (kill -9, crash) and is
 * retried; handlers are idempotent, so a slow job that was not lost does no harm when run again.
 */
export const DEFAULT_JOB_TIMEOUT_SECONDS = 900;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];
