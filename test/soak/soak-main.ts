import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/adapters/db/database.ts';
import { migrateToLatest } from '../../src/adapters/db/migrate.ts';
import { startPostgres } from '../support/postgres-server.ts';
import { runSoak, SOAK_PREFIX, type SoakTarget } from './crash-soak.ts';
import { seedAndClose } from './fixtures.ts';

// The command line of `npm run soak`: prepares a database (demo data and fresh customers), runs the
// soak, prints one line per kill and a summary, writes the report to test-results/soak-<db>.json.

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}

export async function main(args: string[]): Promise<number> {
  const kind = option(args, 'db', 'pglite');
  const iterations = Number(option(args, 'iterations', '200'));
  if ((kind !== 'pglite' && kind !== 'postgres') || !Number.isInteger(iterations) || iterations < 1) {
    console.error('Usage: npm run soak -- [--db pglite|postgres] [--iterations N]   (default: pglite, 200)');
    return 2;
  }
  const customers = iterations * 80;
  let stopServer = () => {};
  let target: SoakTarget;
  if (kind === 'postgres') {
    const server = await startPostgres();
    stopServer = server.stop;
    const admin = await openDatabase({ kind: 'postgres', url: server.url('postgres'), poolSize: 1 });
    await admin.executor.executeSql('create database soak');
    await admin.close();
    const url = server.url('soak');
    const handle = await openDatabase({ kind: 'postgres', url });
    await migrateToLatest(handle.db);
    const domains = await seedAndClose(handle, SOAK_PREFIX, customers);
    target = {
      kind,
      env: { DATABASE_URL: url },
      domains,
      open: () => openDatabase({ kind: 'postgres', url }),
    };
  } else {
    const dataDir = mkdtempSync(join(tmpdir(), 'mci-soak-'));
    const pgliteDir = join(dataDir, 'pglite');
    const handle = await openDatabase({ kind: 'pglite', dataDir: pgliteDir });
    await migrateToLatest(handle.db);
    const domains = await seedAndClose(handle, SOAK_PREFIX, customers);
    target = {
      kind,
      env: { MCI_DATA_DIR: dataDir },
      domains,
      open: () => openDatabase({ kind: 'pglite', dataDir: pgliteDir }),
    };
  }
  try {
    const report = await runSoak(target, { iterations, log: (line) => console.log(line) });
    mkdirSync('test-results', { recursive: true });
    writeFileSync(join('test-results', `soak-${kind}.json`), `${JSON.stringify(report, null, 2)}\n`);
    console.log(JSON.stringify(report, null, 2));
    const ok = report.losses.length === 0 && report.violations.length === 0;
    console.log(
      `${kind}: ${report.iterations} kills, ${report.acknowledgedWritesChecked} acknowledged writes checked, ` +
        `losses ${report.losses.length}, violations ${report.violations.length}: ${ok ? 'OK' : 'FAILED'}`,
    );
    return ok ? 0 : 1;
  } finally {
    stopServer();
  }
}
