import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseHandle } from '../src/adapters/db/database.ts';
import { BENCH_IDS, BENCH_USER_EMAIL, benchTenantDomain } from '../src/seed/bench-data.ts';
import { startBenchApp } from './bench-app.ts';
import type { ListRow } from './list.ts';

// Quality §2, "add customer": resolve + eligibility + insert + audit + read-model refresh, through the
// HTTP API, c = 20, from a second process. Customers are bench tenants nobody knows yet.
export async function benchAdd(
  kind: 'postgres' | 'pglite',
  handle: DatabaseHandle,
  size: { tenants: number; nominations: number },
  count: number,
): Promise<ListRow[]> {
  const bench = await startBenchApp(handle, BENCH_USER_EMAIL);
  const { address, cookie, csrfToken } = bench;
  // Tenants after the last nominated one are known to no partner.
  const first = size.nominations + 1;
  const emails = Array.from(
    { length: Math.min(count, size.tenants - first) },
    (_, i) => `it@${benchTenantDomain(first + i)}`,
  );
  const payload = {
    url: `${address}/api/v1/nominations`,
    cookie,
    csrf: csrfToken,
    concurrency: 20,
    emails,
    body: { origin: 'add', locationId: BENCH_IDS.location, engagementIds: [BENCH_IDS.engagement] },
  };
  const result = await new Promise<{
    created: number;
    failures: Record<string, number>;
    perSecond: number;
    p50: number;
    p95: number;
  }>((resolve, reject) => {
    // The list of emails is too long for a command line: hand it over in a file.
    const file = join(mkdtempSync(join(tmpdir(), 'mci-bench-')), 'add-load.json');
    writeFileSync(file, JSON.stringify(payload));
    const child = spawn(process.execPath, ['bench/add-load.mjs', file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
    });
    child.on('close', () => {
      try {
        resolve(JSON.parse(out));
      } catch (error) {
        reject(error);
      }
    });
  });
  await bench.close();
  if (Object.keys(result.failures).length)
    throw new Error(`add bench: failures ${JSON.stringify(result.failures)}`);
  return [
    {
      database: kind,
      workload: `add customer via API, c = 20 (p95 of ${result.created})`,
      value: +result.p95.toFixed(1),
      unit: 'ms',
      bar: '≤ 20 ms',
    },
    {
      database: kind,
      workload: 'add customer via API, c = 20 (adds/s)',
      value: Math.round(result.perSecond),
      unit: 'adds/s',
      bar: '≥ 500',
    },
  ];
}
