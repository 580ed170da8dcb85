import type { Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { correlationId, withCorrelation } from '../../app/correlation.ts';
import {
  DEFAULT_JOB_TIMEOUT_SECONDS,
  JOB_NAMES,
  JOBS,
  type JobName,
  type JobPayload,
} from '../../jobs/registry.ts';
import { type DatabaseHandle, executorFor } from '../db/database.ts';
import { JOB_SCHEMA } from '../db/migrations/0002_job_queue.ts';
import { jobMetrics } from './job-metrics.ts';

/**
 * The correlation id of the request (or job) that enqueued a job travels in its data under this key,
 * beside the payload the registry checks; the worker takes it off before parsing the payload.
 */
const CORRELATION_KEY = '_correlationId';

function stamped(data: object): object {
  const id = correlationId();
  return id ? { ...data, [CORRELATION_KEY]: id } : data;
}

function unstamped(data: unknown): { data: unknown; correlationId: string | undefined } {
  if (!data || typeof data !== 'object' || !(CORRELATION_KEY in data))
    return { data, correlationId: undefined };
  const { [CORRELATION_KEY]: id, ...rest } = data as Record<string, unknown>;
  return { data: rest, correlationId: typeof id === 'string' ? id : undefined };
}

export type JobHandler<N extends JobName> = (payload: JobPayload<N>, job: { id: string }) => Promise<void>;

/**
 * pg-boss in the application's own database. Jobs are enqueued through the caller's transaction
 * (outbox): a rolled-back business change leaves no job, and a committed one cannot lose its job.
 * On PGlite that is also what avoids a deadlock: the transaction holds the only session.
 */
export class JobQueue {
  readonly boss: PgBoss;
  #started = false;

  readonly #timeoutOverride: number | undefined;
  readonly #log: Logger | undefined;
  readonly #executor: DatabaseHandle['executor'];

  /**
   * `maintenanceSeconds`: how often expired (lost) jobs are found and retried; `timeoutSeconds`
   * overrides every job's time-out (tests of crash recovery use a few seconds).
   */
  constructor(
    handle: DatabaseHandle,
    options: { maintenanceSeconds?: number; timeoutSeconds?: number; logger?: Logger } = {},
  ) {
    this.#timeoutOverride = options.timeoutSeconds;
    this.#log = options.logger;
    this.#executor = handle.executor;
    const common = {
      schema: JOB_SCHEMA,
      migrate: false,
      maintenanceIntervalSeconds: options.maintenanceSeconds ?? 30,
    } as const;
    this.boss =
      handle.kind === 'postgres'
        ? new PgBoss({ ...common, connectionString: handle.url!, max: 4, application_name: 'mci-jobs' })
        : new PgBoss({ ...common, db: handle.executor });
    // pg-boss reports transient errors (e.g. a database restart) as events; without a listener they
    // would crash the process. They are retried by pg-boss itself.
    this.boss.on('error', (error) => {
      if (this.#log) this.#log.warn({ err: error.message }, 'job queue error (retried by pg-boss)');
      else if (process.env.MCI_LOG_JOB_ERRORS) console.warn('job queue:', error.message);
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
        if (cron) await this.boss.schedule(name, cron, {}, { expireInSeconds: this.timeoutOf(name) });
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
    return this.boss.send(name, stamped(data as object), {
      expireInSeconds: this.timeoutOf(name),
      ...(JOBS[name] as { retry?: object }).retry,
      ...options,
      db: executorFor(trx),
    } as PgBoss.SendOptions);
  }

  timeoutOf(name: JobName): number {
    const own = (JOBS[name] as { timeoutSeconds?: number }).timeoutSeconds;
    return this.#timeoutOverride ?? own ?? DEFAULT_JOB_TIMEOUT_SECONDS;
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
      data: stamped(JOBS[name].payload.parse(payload) as object),
      expireInSeconds: this.timeoutOf(name),
      ...(JOBS[name] as { retry?: object }).retry,
      ...options,
    }));
    await this.boss.insert(jobs, { db: executorFor(trx) } as PgBoss.InsertOptions);
  }

  /**
   * Runs `handler` for each job. pg-boss waits a polling interval after every fetch, even a full one,
   * so throughput is `batchSize` per interval: busy queues take batches and run `concurrency` of them
   * at a time. Each job succeeds or fails on its own (a failed job is retried with its back-off; the
   * others of its batch complete).
   */
  async work<N extends JobName>(
    name: N,
    handler: JobHandler<N>,
    options: { batchSize?: number; pollingIntervalSeconds?: number; concurrency?: number } = {},
  ): Promise<void> {
    await this.boss.work(
      name,
      { batchSize: options.batchSize ?? 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async (jobs) => {
        const pending = [...jobs];
        const lane = async () => {
          for (let job = pending.shift(); job; job = pending.shift()) {
            const { data, correlationId: cid } = unstamped(job.data);
            // A job runs inside the correlation id of the request that queued it (or its own id).
            await withCorrelation(cid ?? job.id, () => this.#run(name, handler, job.id, data));
          }
        };
        await Promise.all(
          Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, jobs.length)) }, lane),
        );
      },
    );
  }

  async #run<N extends JobName>(name: N, handler: JobHandler<N>, id: string, data: unknown): Promise<void> {
    const log = this.#log?.child({ correlationId: correlationId(), job: name, jobId: id });
    const started = performance.now();
    try {
      await handler(JOBS[name].payload.parse(data) as JobPayload<N>, { id });
      jobMetrics.finished(name, 'completed', (performance.now() - started) / 1000);
      log?.debug('job completed');
    } catch (error) {
      jobMetrics.finished(name, 'failed', (performance.now() - started) / 1000);
      const message = String((error as Error)?.message ?? error);
      log?.warn({ err: message }, 'job failed (retried while it has attempts left)');
      // While the database is away the failure cannot be recorded: the job stays active, times out and is
      // retried by pg-boss's maintenance, like a job lost with its process.
      await this.boss.fail(name, id, { message }).catch((failure: unknown) => {
        log?.warn({ err: String((failure as Error)?.message ?? failure) }, 'job failure not recorded');
      });
    }
  }

  /** True between start() and stop() (readiness). */
  get running(): boolean {
    return this.#started;
  }

  /** Jobs by name and state, completed ones left out (metrics: queue depth and failures). */
  async depth(): Promise<{ name: string; state: string; count: number }[]> {
    const { rows } = await this.#executor.executeSql(
      `select name, state::text as state, count(*)::int as count from ${JOB_SCHEMA}.job
        where state <> 'completed' group by 1, 2`,
    );
    return rows as { name: string; state: string; count: number }[];
  }

  /**
   * Stops fetching; waits up to `timeoutMs` for running jobs, then hands those still running back to
   * the queue (pg-boss fails them, and a failed job with attempts left is retried by another worker).
   */
  async stop(timeoutMs = 5000): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
  }
}
