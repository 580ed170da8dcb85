import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type DatabaseHandle, type DatabaseKind, openDatabase } from '../../src/adapters/db/database.ts';

export const DATABASE_KINDS: DatabaseKind[] = ['pglite', 'postgres'];

/** A freshly migrated, empty database of the given kind (PGlite from the dump, PostgreSQL from the template). */
export async function freshDatabase(kind: DatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') {
    const dump = readFileSync(inject('pgliteDump'));
    return openDatabase({ kind: 'pglite', loadDataDir: new Blob([dump]) });
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', url: inject('pgAdminUrl'), poolSize: 1 });
  try {
    await admin.executor.executeSql(`create database ${name} template mci_template`);
  } finally {
    await admin.close();
  }
  return openDatabase({ kind: 'postgres', url: inject('pgAdminUrl').replace(/\/postgres$/, `/${name}`) });
}

/**
 * Runs `body` once on PGlite and once on the PostgreSQL 15 server, each with its own freshly migrated
 * database, opened before the block's tests and closed after them.
 */
export function describeEachDatabase(
  name: string,
  body: (ctx: { handle: () => DatabaseHandle; kind: DatabaseKind }) => void,
): void {
  for (const kind of DATABASE_KINDS) {
    describe(`${name} [${kind}]`, () => {
      let handle: DatabaseHandle | undefined;
      beforeAll(async () => {
        handle = await freshDatabase(kind);
      });
      afterAll(async () => {
        await handle?.close();
      });
      body({
        kind,
        handle: () => {
          if (!handle) throw new Error('database not open yet');
          return handle;
        },
      });
    });
  }
}
