import type { JobName, JobPayload } from '../../jobs/registry.ts';
import type { JobOptions } from '../ports.ts';

/** Jobs queued in the store's transaction (ADR 0004): they exist if and only if the transaction commits. */
export interface Outbox {
  enqueue<N extends JobName>(name: N, payload: JobPayload<N>, options?: JobOptions): Promise<string | null>;
  /** Many jobs of one kind in one statement (sweeps). */
  enqueueMany<N extends JobName>(name: N, payloads: JobPayload<N>[], options?: JobOptions): Promise<void>;
}
