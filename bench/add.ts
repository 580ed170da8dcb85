import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import type { DatabaseHandle } from '../src/adapters/db/database.ts';
import { JOB_SCHEMA } from '../src/adapters/db/migrations/0002_job_queue.ts';
import { compiler } from '../src/adapters/db/repositories/checked-queries.ts';
import { insertQuery } from '../src/adapters/db/repositories/nominations.ts';
import { BENCH_IDS, BENCH_USER_EMAIL, benchTenantDomain } from '../src/seed/bench-data.ts';
import { startBenchApp } from './bench-app.ts';
import { absolute, compared, percentile, type Row } from './rows.ts';

// Quality §2, "add customer": resolve + eligibility + insert + audit + read-model refresh, through the
// HTTP API from a second process, at c = 20 and c = 1. Customers are bench tenants nobody knows yet.
// Baseline (issue 12 item 5b): bare transactions doing the minimal writes of an add (the nomination
// with the checked-in insert, its audit event, one queued job) on the same pool, at the same
// concurrency, on other fresh tenants; their rows are removed afterwards.

interface LoadResult {
  created: number;
  failures: Record<string, number>;
  perSecond: number;
  p50: number;
  p95: number;
}

function apiLoad(
  address: string,
  auth: { cookie: string; csrfToken: string },
  emails: string[],
  concurrency: number,
): Promise<LoadResult> {
  const payload = {
    url: `${address}/api/v1/nominations`,
    cookie: auth.cookie,
    csrf: auth.csrfToken,
    concurrency,
    emails,
    body: { origin: 'add', locationId: BENCH_IDS.location, engagementIds: [BENCH_IDS.engagement] },
  };
  return new Promise((resolve, reject) => {
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
        const result = JSON.parse(out) as LoadResult;
        if (Object.keys(result.failures).length)
          throw new Error(`add bench: failures ${JSON.stringify(result.failures)}`);
        resolve(result);
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** `tenantIds.length` bare add transactions, `concurrency` at a time; returns the ids it wrote. */
async function bareAdds(handle: DatabaseHandle, tenantIds: string[], concurrency: number) {
  const now = new Date();
  const consentDueAt = new Date(now.getTime() + 30 * 86_400_000);
  const nominationIds: string[] = [];
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  async function worker() {
    while (next < tenantIds.length) {
      const tenantId = tenantIds[next++]!;
      const id = randomUUID();
      nominationIds.push(id);
      const t = performance.now();
      const insert = insertQuery(compiler, [
        {
          id,
          partnerId: BENCH_IDS.partner,
          locationId: BENCH_IDS.location,
          engagementId: BENCH_IDS.engagement,
          tenantId,
          origin: 'add',
          status: 'claimed',
          customerEmail: `it@bare-${tenantId}.example`,
          mismatchReason: null,
          createdBy: BENCH_IDS.user,
          claimedAt: now,
          consentDueAt,
        },
      ]).compile();
      await handle.db.transaction().execute(async (trx) => {
        await trx.executeQuery(insert);
        await trx.executeQuery(
          CompiledQuery.raw(
            `insert into audit_events (partner_id, nomination_id, actor_kind, actor_id, action, to_status, data, created_at)
             values ($1, $2, 'partnerUser', $3, 'addCustomer', 'claimed', $4::jsonb, $5)`,
            [BENCH_IDS.partner, id, BENCH_IDS.user, '{"resolvedBy":"directory","domainMatches":true}', now],
          ),
        );
        // A queued job that no worker would take before it is removed (start_after a day away).
        await trx.executeQuery(
          CompiledQuery.raw(
            `insert into ${JOB_SCHEMA}.job (name, data, start_after) values ('mail.render', $1::jsonb, now() + interval '1 day')`,
            [JSON.stringify({ bareAddBaseline: id })],
          ),
        );
      });
      latencies.push(performance.now() - t);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    nominationIds,
    perSecond: tenantIds.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
  };
}

async function removeBareAdds(handle: DatabaseHandle, ids: string[]) {
  const db = handle.db;
  await sql`delete from ${sql.raw(JOB_SCHEMA)}.job where name = 'mail.render' and data ? 'bareAddBaseline'`.execute(
    db,
  );
  await sql`delete from audit_events where nomination_id = any(${ids}::uuid[])`.execute(db);
  await sql`delete from nominations where id = any(${ids}::uuid[])`.execute(db);
}

export async function benchAdd(
  kind: 'postgres' | 'pglite',
  handle: DatabaseHandle,
  size: { tenants: number; nominations: number },
  counts: { concurrent: number; serial: number },
): Promise<Row[]> {
  const bench = await startBenchApp(handle, BENCH_USER_EMAIL);
  // Tenants after the last nominated one are known to no partner.
  const first = size.nominations + 1;
  const emails = (from: number, n: number) =>
    Array.from(
      { length: Math.max(0, Math.min(n, size.tenants - from)) },
      (_, i) => `it@${benchTenantDomain(from + i)}`,
    );
  const api20 = await apiLoad(bench.address, bench, emails(first, counts.concurrent), 20);
  const api1 = await apiLoad(bench.address, bench, emails(first + counts.concurrent, counts.serial), 1);
  await bench.close();

  // Fresh tenants for the baseline: known to nobody, after the API's adds.
  const fresh = (
    await sql<{ id: string }>`select t.id from tenants t
      where not exists (select 1 from nominations n where n.tenant_id = t.id)
      order by t.id limit ${counts.concurrent + counts.serial}`.execute(handle.db)
  ).rows.map((r) => r.id);
  const bare20 = await bareAdds(handle, fresh.slice(0, counts.concurrent), 20);
  const bare1 = await bareAdds(handle, fresh.slice(counts.concurrent), 1);
  await removeBareAdds(handle, [...bare20.nominationIds, ...bare1.nominationIds]);

  const database = kind;
  return [
    compared(
      {
        database,
        workload: `add customer via API, c = 20 (adds/s, ${api20.created} adds)`,
        value: api20.perSecond,
        unit: 'adds/s',
        baseline: bare20.perSecond,
        baselineOf: 'bare add transactions, c = 20',
      },
      ['≥', 0.3],
    ),
    absolute(
      {
        database,
        workload: 'add customer via API, c = 20 (p95)',
        value: api20.p95,
        unit: 'ms',
        baseline: bare20.p95,
        baselineOf: 'bare add transactions, c = 20',
      },
      ['≤', 50],
    ),
    compared({
      database,
      workload: `add customer via API, c = 1 (adds/s, ${api1.created} adds)`,
      value: api1.perSecond,
      unit: 'adds/s',
      baseline: bare1.perSecond,
      baselineOf: 'bare add transactions, c = 1',
    }),
    absolute(
      {
        database,
        workload: 'add customer via API, c = 1 (p95)',
        value: api1.p95,
        unit: 'ms',
        baseline: bare1.p95,
        baselineOf: 'bare add transactions, c = 1',
      },
      ['≤', 20],
    ),
  ];
}
