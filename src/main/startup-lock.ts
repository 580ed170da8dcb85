import pg from 'pg';
import type { DatabaseHandle } from '../adapters/db/database.ts';

// Start-up work that must not run twice at once (migrations, the job queue's set-up, the demo seed) runs
// under one PostgreSQL advisory lock: when N instances start together on an empty database, one does
// the work and the others wait, then find it done and skip it. Without it two instances seeding the
// demo at once ended with `deadlock detected` (issue 13). The lock is session-level and held on a
// connection of its own, so the work may use the whole pool (even a pool of one). PGlite is a single
// process, so nothing can race there.
const STARTUP_LOCK_KEY = 0x6d6369; // "mci"

export async function withStartupLock<T>(handle: DatabaseHandle, work: () => Promise<T>): Promise<T> {
  if (handle.kind !== 'postgres' || !handle.url) return work();
  const client = new pg.Client({ connectionString: handle.url, application_name: 'mci-startup' });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    try {
      return await work();
    } finally {
      await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}
