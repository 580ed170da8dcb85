// Loads the benchmark data set and prints how fast it went.
//
//   npx tsx bench/data/generate.ts                        in-memory PGlite, 20 k tenants / 5 k nominations
//   npx tsx bench/data/generate.ts --full                 1 M tenants / 200 k nominations (50 k measured partner)
//   npx tsx bench/data/generate.ts --tenants 100000 --nominations 20000 --partner-nominations 5000
//   DATABASE_URL=postgres://… npx tsx bench/data/generate.ts --full     a PostgreSQL server
//   MCI_DATA_DIR=./data npx tsx bench/data/generate.ts --full           a PGlite data directory
//
// The database is migrated and the demo seeded first (both are no-ops when already done).
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/adapters/db/database.ts';
import { migrateToLatest } from '../../src/adapters/db/migrate.ts';
import { generateBenchData } from '../../src/seed/bench-data.ts';
import { seedDemo } from '../../src/seed/demo.ts';

const { values } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    tenants: { type: 'string' },
    nominations: { type: 'string' },
    'partner-nominations': { type: 'string' },
  },
});
const defaults = values.full
  ? { tenants: 1_000_000, nominations: 200_000, partnerNominations: 50_000 }
  : { tenants: 20_000, nominations: 5_000, partnerNominations: 2_000 };
const tenants = Number(values.tenants ?? defaults.tenants);
const nominations = Number(values.nominations ?? defaults.nominations);
const partnerNominations = Number(values['partner-nominations'] ?? defaults.partnerNominations);

const url = process.env.DATABASE_URL;
const dataDir = process.env.MCI_DATA_DIR;
const handle = url
  ? await openDatabase({ kind: 'postgres', url })
  : await openDatabase({ kind: 'pglite', ...(dataDir ? { dataDir } : {}) });
const where = url ? 'PostgreSQL' : dataDir ? `PGlite (${dataDir})` : 'PGlite (in memory)';

try {
  const now = new Date();
  await migrateToLatest(handle.db);
  let start = performance.now();
  const demo = await seedDemo(handle.db, now);
  const demoMs = performance.now() - start;

  start = performance.now();
  const result = await generateBenchData(handle.db, {
    tenants,
    nominations,
    partnerNominations,
    now,
    onProgress: (message) => console.error(`  ${message}`),
  });
  const totalMs = performance.now() - start;
  if (result.skipped) {
    console.log(`${where}: bench data already loaded; nothing to do.`);
  } else {
    const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000)).toLocaleString('en');
    console.log(`\nBench data on ${where}`);
    console.table([
      {
        phase: `demo seed${demo.seeded ? '' : ' (already loaded)'}`,
        rows: '',
        ms: Math.round(demoMs),
        'rows/s': '',
      },
      {
        phase: 'tenants + domains',
        rows: tenants * 2,
        ms: Math.round(result.timings.tenants),
        'rows/s': perSecond(tenants * 2, result.timings.tenants),
      },
      {
        phase: 'nominations',
        rows: nominations,
        ms: Math.round(result.timings.nominations),
        'rows/s': perSecond(nominations, result.timings.nominations),
      },
      { phase: 'analyze', rows: '', ms: Math.round(result.timings.analyze), 'rows/s': '' },
      {
        phase: 'total',
        rows: tenants * 2 + nominations,
        ms: Math.round(totalMs),
        'rows/s': perSecond(tenants * 2 + nominations, totalMs),
      },
    ]);
  }
} finally {
  await handle.close();
}
