import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseHandle } from '../src/adapters/db/database.ts';
import { loadConfig } from '../src/config.ts';
import { startWorker } from '../src/jobs/worker.ts';
import { composeContext, composeHttpApp } from '../src/main/runtime.ts';
import { BENCH_USER_EMAIL, benchTenantDomain } from '../src/seed/bench-data.ts';
import { absolute, type Row } from './rows.ts';

// Issue 14, quality §2: a CSV import of `count` rows with 3 % bad ones (an unknown workshop code, a
// bad email, an unknown MPN ID, in turn), uploaded through the API and processed by the real job
// (every row through the Add customer use case), from the upload to the import's `completed`. Rows
// are bench tenants that no partner knows yet. The report must say exactly which rows failed.

const BENCH_LOCATION_MPN = '9100000000';
const BENCH_WORKSHOP_CODE = 'BENCH-WS-1';

/**
 * The file: `count` rows of bench tenants from `firstTenant` on (known to no partner, after the
 * nominated ones and the add bench's, when it ran first), 3 % bad; `bad` holds the bad rows' lines.
 */
export function importFile(firstTenant: number, count: number): { csv: string; bad: Set<number> } {
  const lines = ['mpnLocationId,email,workshops,tenantId,tpid,mismatchReason'];
  const bad = new Set<number>();
  for (let i = 0; i < count; i++) {
    const email = `it@${benchTenantDomain(firstTenant + i)}`;
    const isBad = i % 100 < 3;
    if (isBad) bad.add(i + 2);
    const row = !isBad
      ? [BENCH_LOCATION_MPN, email, BENCH_WORKSHOP_CODE]
      : i % 100 === 0
        ? [BENCH_LOCATION_MPN, email, 'NO-SUCH-WS']
        : i % 100 === 1
          ? [BENCH_LOCATION_MPN, 'not-an-email', BENCH_WORKSHOP_CODE]
          : ['1', email, BENCH_WORKSHOP_CODE];
    lines.push(`${row.join(',')},,,`);
  }
  return { csv: lines.join('\r\n'), bad };
}

export async function benchImport(
  kind: 'postgres' | 'pglite',
  handle: DatabaseHandle,
  firstTenant: number,
  count: number,
): Promise<Row[]> {
  const config = loadConfig({ LOG_LEVEL: 'silent', MCI_DATA_DIR: mkdtempSync(join(tmpdir(), 'mci-bench-')) });
  const { ctx, queue } = composeContext(handle, config);
  await queue.start({ schedule: false });
  await startWorker(ctx, queue);
  const app = await composeHttpApp(handle, ctx, queue, config);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const session = await fetch(`${address}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: BENCH_USER_EMAIL, password: 'demo' }),
    });
    if (!session.ok) throw new Error(`import bench: sign-in answered ${session.status}`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const cookie = session.headers.getSetCookie()[0]!.split(';')[0]!;
    const { csv, bad } = importFile(firstTenant, count);
    const headers = { cookie, 'x-csrf-token': csrfToken };
    const started = performance.now();
    const upload = await fetch(`${address}/api/v1/nomination-imports`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/csv' },
      body: csv,
    });
    if (upload.status !== 202) throw new Error(`import bench: upload answered ${upload.status}`);
    const accepted = performance.now() - started;
    const { id } = (await upload.json()) as { id: string };
    let progress: { status: string; total: number; created: number; failed: number };
    let slowestPoll = 0;
    for (;;) {
      const polled = performance.now();
      try {
        progress = await (await fetch(`${address}/api/v1/nomination-imports/${id}`, { headers })).json();
      } catch (error) {
        throw new Error(
          `progress poll failed ${((performance.now() - started) / 1000).toFixed(1)} s after the upload ` +
            `(this poll waited ${(performance.now() - polled).toFixed(0)} ms, the slowest before it ${slowestPoll.toFixed(0)} ms)`,
          { cause: error },
        );
      }
      slowestPoll = Math.max(slowestPoll, performance.now() - polled);
      if (progress.status === 'completed' || progress.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - started) / 1000;
    // The report names exactly the bad rows.
    const report = await (
      await fetch(`${address}/api/v1/nomination-imports/${id}/report`, { headers })
    ).text();
    const failedLines = report
      .split('\r\n')
      .slice(1)
      .filter((l) => l.includes(',failed,'))
      .map((l) => Number(l.split(',')[6]));
    const exact =
      progress.status === 'completed' &&
      progress.created === count - bad.size &&
      failedLines.length === bad.size &&
      failedLines.every((line) => bad.has(line));
    if (!exact) throw new Error(`import bench: wrong outcome ${JSON.stringify(progress)}`);
    console.log(
      `[bench] ${kind} import of ${count} rows (${bad.size} bad): accepted in ${accepted.toFixed(0)} ms, ` +
        `completed in ${seconds.toFixed(1)} s`,
    );
    return [
      absolute(
        {
          database: kind,
          workload: `CSV import, ${count} rows, 3 % bad (rows/s, upload → completed)`,
          value: count / seconds,
          unit: 'rows/s',
          note: `upload accepted in ${accepted.toFixed(0)} ms`,
        },
        ['≥', 5000],
      ),
    ];
  } finally {
    await app.close();
    await queue.stop();
  }
}
