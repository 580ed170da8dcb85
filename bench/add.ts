import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { argon2Hasher } from '../src/adapters/auth/argon2-hasher.ts';
import { systemClock } from '../src/adapters/clock/clock.ts';
import type { DatabaseHandle } from '../src/adapters/db/database.ts';
import { embeddedDirectory } from '../src/adapters/directory/embedded-directory.ts';
import { JobQueue } from '../src/adapters/queue/job-queue.ts';
import type { AppContext } from '../src/app/ports.ts';
import { buildHttpApp } from '../src/http/app.ts';
import { BENCH_IDS, BENCH_USER_EMAIL, benchTenantDomain } from '../src/seed/bench-data.ts';
import type { ListRow } from './list.ts';

// Quality §2, "add customer": resolve + eligibility + insert + audit + read-model refresh, through the
// HTTP API, c = 20, from a second process. Customers are bench tenants nobody knows yet.
export async function benchAdd(
  kind: 'postgres' | 'pglite',
  handle: DatabaseHandle,
  size: { tenants: number; nominations: number },
  count: number,
): Promise<ListRow[]> {
  const queue = new JobQueue(handle);
  await queue.start({ schedule: false });
  const ctx: AppContext = {
    db: handle.db,
    clock: systemClock,
    jobs: queue,
    passwords: argon2Hasher,
    directory: embeddedDirectory(handle.db),
    settings: { sessionTtlHours: 12 },
  };
  const app = await buildHttpApp({
    ctx,
    logLevel: 'silent',
    ping: async () => void (await sql`select 1`.execute(handle.db)),
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const signIn = await fetch(`${address}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: BENCH_USER_EMAIL, password: 'demo' }),
  });
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const cookie = signIn.headers.getSetCookie()[0]!.split(';')[0]!;
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
  await app.close();
  await queue.stop();
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
