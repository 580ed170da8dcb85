import { z } from 'zod';

// The typed job registry (architecture §3): every job's name and payload schema in one place, so that
// `enqueue(trx, name, payload)` is type-checked and a malformed payload is refused before it is queued.
// Handlers live in src/jobs/handlers/ and are bound to these names by src/jobs/worker.ts.
export const JOBS = {
  /** Deletes expired sessions and idempotency keys (housekeeping cron). */
  'housekeeping.purge': { payload: z.object({}).strict(), cron: '*/15 * * * *' },
  /** Renders queued emails (subject, HTML and text in the recipient's locale), then queues their delivery. */
  'mail.render': { payload: z.object({ mailIds: z.array(z.uuid()).min(1).max(500) }).strict() },
  /** Delivers one rendered email; retried with capped exponential back-off, then marked failed. */
  'mail.deliver': { payload: z.object({ mailId: z.uuid() }).strict() },
  /** Materialises every end state whose deadline passed (spec §5), once, in batches. */
  'sweep.deadlines': { payload: z.object({}).strict(), cron: '* * * * *' },
  /** Customer consent reminders and partner deadline notices (spec §4.3 "Beyond Partner Center"). */
  'sweep.reminders': { payload: z.object({}).strict(), cron: '*/5 * * * *' },
  /** Probe job used by health checks and tests of the transactional outbox. */
  'system.ping': { payload: z.object({ note: z.string().max(200) }).strict() },
} as const satisfies Record<string, { payload: z.ZodType; cron?: string }>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];
