import { sql } from 'kysely';
import type { DatabaseHandle } from '../adapters/db/database.ts';
import { pendingMigrations } from '../adapters/db/migrate.ts';
import type { JobQueue } from '../adapters/queue/job-queue.ts';
import type { ReadinessChecks } from '../http/routes/health.ts';

// What "ready" means for this process (GET /api/v1/health/ready): the database answers, every migration
// this code knows is applied, and the job queue is started (API instances use it to enqueue).
export function readinessChecks(
  handle: DatabaseHandle,
  queue: JobQueue,
): { database: () => Promise<void> } & ReadinessChecks {
  return {
    database: async () => void (await sql`select 1`.execute(handle.db)),
    migrations: async () => {
      const pending = await pendingMigrations(handle.db);
      if (pending.length) throw new Error(`pending migrations: ${pending.join(', ')}`);
    },
    jobQueue: async () => {
      if (!queue.running) throw new Error('job queue stopped');
    },
  };
}
