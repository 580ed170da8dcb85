import { type Kysely, sql } from 'kysely';
import PgBoss from 'pg-boss';
import { SCRIPT_MARKER } from '../pglite-pool.ts';

// pg-boss's own schema, created by our migrator so that a fresh database (and the test template) is
// complete before any process starts, and pg-boss's start() only checks the version. pg-boss wraps its
// plan in BEGIN/COMMIT; the migrator already runs each migration in a transaction, so those are removed.
export const JOB_SCHEMA = 'pgboss';

export async function up(db: Kysely<unknown>): Promise<void> {
  const plan = PgBoss.getConstructionPlans(JOB_SCHEMA)
    .replace(/^\s*BEGIN;\s*$/m, '')
    .replace(/^\s*COMMIT;\s*$/m, '');
  await sql.raw(`${SCRIPT_MARKER}\n${plan}`).execute(db);
}
