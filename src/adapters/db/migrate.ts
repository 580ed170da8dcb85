import { type Kysely, type Migration, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_initial.ts';
import * as m0002 from './migrations/0002_job_queue.ts';
import * as m0003 from './migrations/0003_customer_rows.ts';
import * as m0004 from './migrations/0004_consent_links.ts';
import * as m0005 from './migrations/0005_claims.ts';
import * as m0006 from './migrations/0006_trust_boundary.ts';
import * as m0007 from './migrations/0007_api_tokens.ts';
import * as m0008 from './migrations/0008_principal_changes.ts';
import * as m0009 from './migrations/0009_enrolled_by.ts';
import * as m0010 from './migrations/0010_webhooks.ts';
import * as m0011 from './migrations/0011_nomination_imports.ts';
import * as m0012 from './migrations/0012_invitations.ts';
import * as m0013 from './migrations/0013_webhook_failure_codes.ts';

// Migrations are imported statically (not read from a folder) so that they are type-checked and the
// order is explicit. Append new ones here.
const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_job_queue': m0002,
  '0003_customer_rows': m0003,
  '0004_consent_links': m0004,
  '0005_claims': m0005,
  '0006_trust_boundary': m0006,
  '0007_api_tokens': m0007,
  '0008_principal_changes': m0008,
  '0009_enrolled_by': m0009,
  '0010_webhooks': m0010,
  '0011_nomination_imports': m0011,
  '0012_invitations': m0012,
  '0013_webhook_failure_codes': m0013,
};

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Migrations this code knows that the database has not applied (readiness: "migrations current"). */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}
