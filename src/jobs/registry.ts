import { z } from 'zod';

// The typed job registry (architecture §3): every job's name and payload schema in one place, so that
// `enqueue(trx, name, payload)` is type-checked and a malformed payload is refused before it is queued.
// Handlers live in src/jobs/handlers/ and are bound to these names by src/jobs/worker.ts.
export const JOBS = {
  /** Deletes expired sessions and idempotency keys (housekeeping cron). */
  'housekeeping.purge': { payload: z.object({}).strict(), cron: '*/15 * * * *' },
  /** Probe job used by health checks and tests of the transactional outbox. */
  'system.ping': { payload: z.object({ note: z.string().max(200) }).strict() },
} as const satisfies Record<string, { payload: z.ZodType; cron?: string }>;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];
