import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { type DatabaseHandle, type DatabaseKind, openDatabase } from '../../src/adapters/db/database.ts';
import { migrateToLatest } from '../../src/adapters/db/migrate.ts';
import { seedAndClose } from '../soak/fixtures.ts';
import { freshDatabase } from './databases.ts';

export { signIn } from '../soak/fixtures.ts';

// A database for a real `mci start` child process: the demo data plus customers nobody knows yet (one per
// add the test will make), on PGlite (a data directory the child opens) or on the PostgreSQL test server.

export interface Installation {
  kind: DatabaseKind;
  /** The environment that points `mci start` at this database. */
  env: Record<string, string>;
  /** Email domains of the fresh customers, each eligible for every workshop like Contoso. */
  domains: string[];
  /** Opens the database from the test (PGlite: only while no server has it open). */
  open(): Promise<DatabaseHandle>;
}

export async function prepareInstallation(
  kind: DatabaseKind,
  options: { customers: number; prefix?: string; pgUrl?: string },
): Promise<Installation> {
  const prefix = options.prefix ?? `c${Math.random().toString(36).slice(2, 7)}-`;
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'mci-install-'));
    const pgliteDir = join(dataDir, 'pglite');
    const dump = new Blob([readFileSync(inject('pgliteDump'))]);
    const handle = await openDatabase({ kind: 'pglite', dataDir: pgliteDir, loadDataDir: dump });
    const domains = await seedAndClose(handle, prefix, options.customers);
    return {
      kind,
      env: { MCI_DATA_DIR: dataDir },
      domains,
      open: () => openDatabase({ kind: 'pglite', dataDir: pgliteDir }),
    };
  }
  const handle = options.pgUrl
    ? await openDatabase({ kind: 'postgres', url: options.pgUrl })
    : await freshDatabase('postgres');
  if (options.pgUrl) await migrateToLatest(handle.db);
  const url = handle.url!;
  const domains = await seedAndClose(handle, prefix, options.customers);
  return {
    kind,
    env: { DATABASE_URL: url },
    domains,
    open: () => openDatabase({ kind: 'postgres', url }),
  };
}
