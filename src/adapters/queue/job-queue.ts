import type { Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import { JOB_NAMES, JOBS, type JobName, type JobPayload } from '../../jobs/registry.ts';
import { type DatabaseHandle, executorFor } from '../db/database.ts';
import { JOB_SCHEMA } from '../db/migrations/0002_job_queue.ts';

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, job: { id: string }) => Promise<void>;

/**
 * pg-boss in the application's own database. Jobs are enqueued through the caller's transaction
 * (outbox): a rolled-back business change leaves no job, and a committed one cannot lose its job.
 * On PGlite that is also what avoids a deadlock: the transaction holds the only session.
 */
export class JobQueue {
  readonly boss: PgBoss;
  #started = false;

  constructor(handle: DatabaseHandle) {
    const common = { schema: JOB_SCHEMA, migrate: false } as const;
    this.boss =
      handle.kind === 'postgres'
        ? new PgBoss({ ...common, connectionString: handle.url!, max: 4, application_name: 'mci-jobs' })
        : new PgBoss({ ...common, db: handle.executor });
    // pg-boss reports transient errors (e.g. a database restart) as events; without a listener they
    // would crash the process. They are retried by pg-boss itself.
    this.boss.on('error', (error) => {
      if (process.env.MCI_LOG_JOB_ERRORS) console.warn('job queue:', error.message);
    });
  }

  /** Connects and makes sure every registered queue exists (idempotent, safe on several instances). */
  async start(options: { schedule: boolean }): Promise<void> {
    if (this.#started) return;
    await this.boss.start();
    this.#started = true;
    for (const name of JOB_NAMES) await this.boss.createQueue(name);
    if (options.schedule) {
      for (const name of JOB_NAMES) {
        const cron = (JOBS[name] as { cron?: string }).cron;
        if (cron) await this.boss.schedule(name, cron, {});
      }
    }
  }

  /** Queues a job inside `trx`: it exists if and only if `trx` commits. */
  async enqueue<N extends JobName>(
    trx: Kysely<any>,
    name: N,
    payload: JobPayload<N>,
    options: {
      startAfter?: Date;
      singletonKey?: string;
      retryLimit?: number;
      retryDelay?: number;
      retryBackoff?: boolean;
    } = {},
  ): Promise<string | null> {
    const data = JOBS[name].payload.parse(payload);
    return this.boss.send(name, data as object, { ...options, db: executorFor(trx) } as PgBoss.SendOptions);
  }

  /** Queues many jobs of one kind in one statement inside `trx`. */
  async enqueueMany<N extends JobName>(
    trx: Kysely<any>,
    name: N,
    payloads: JobPayload<N>[],
    options: { startAfter?: Date; retryLimit?: number; retryDelay?: number; retryBackoff?: boolean } = {},
  ): Promise<void> {
    if (payloads.length === 0) return;
    const jobs = payloads.map((payload) => ({
      name,
      data: JOBS[name].payload.parse(payload) as object,
      ...options,
    }));
    await this.boss.insert(jobs, { db: executorFor(trx) } as PgBoss.InsertOptions);
  }

  async work<N extends JobName>(
    name: N,
    handler: JobHandler<N>,
    options: { batchSize?: number; pollingIntervalSeconds?: number } = {},
  ): Promise<void> {
    await this.boss.work(
      name,
      { batchSize: options.batchSize ?? 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async (jobs) => {
        for (const job of jobs)
          await handler(JOBS[name].payload.parse(job.data) as JobPayload<N>, { id: job.id });
      },
    );
  }

  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 5000 });
  }
}
