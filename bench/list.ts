import Fastify from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import type { DatabaseHandle } from '../src/adapters/db/database.ts';
import { listQuery } from '../src/adapters/db/repositories/customer-rows.ts';
import { bindRepositories } from '../src/adapters/db/repositories/index.ts';
import { loadPrincipal } from '../src/app/auth/session-user.ts';
import { encodeCursor } from '../src/app/customers/cursor.ts';
import { locationsWhere } from '../src/domain/policy.ts';
import { BENCH_IDS, BENCH_USER_EMAIL, generateBenchData } from '../src/seed/bench-data.ts';
import { startBenchApp } from './bench-app.ts';
import { loadFromAnotherProcess } from './load.ts';

// Quality §2, first workload: one tab of one engagement, 50 rows, for a partner with many records
// among many tenants. Server time against the same SQL run directly; a deep page against page 1;
// requests/s at c = 50 against a bare Fastify route returning the same bytes.

export interface ListRow {
  database: string;
  workload: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  bar?: string;
}

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function timeIt(n: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(20, n); i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return { p50: pct(samples, 50), p95: pct(samples, 95) };
}

export async function benchList(
  kind: 'postgres' | 'pglite',
  handle: DatabaseHandle,
  size: { tenants: number; nominations: number; partnerNominations: number },
  options: { samples: number; seconds: number },
): Promise<ListRow[]> {
  const rows: ListRow[] = [];
  const now = new Date();
  const started = performance.now();
  await generateBenchData(handle.db, { ...size, now });
  rows.push({
    database: kind,
    workload: `bench data ${size.tenants} tenants / ${size.nominations} records / ${size.partnerNominations} for the partner`,
    value: Math.round((performance.now() - started) / 1000),
    unit: 's',
  });

  const bench = await startBenchApp(handle, BENCH_USER_EMAIL);
  const { address, cookie } = bench;
  const listUrl = `${address}/api/v1/engagements/${BENCH_IDS.engagement}/customers?tab=eligible&sort=name&maxpagesize=50`;
  const get = async (url: string) => {
    const response = await fetch(url, { headers: { cookie } });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return response.text();
  };
  // Server time as the server reports it (Server-Timing), without the HTTP client's own overhead.
  const serverTime = async (url: string) => {
    const response = await fetch(url, { headers: { cookie } });
    await response.arrayBuffer();
    const match = /dur=([0-9.]+)/.exec(response.headers.get('server-timing') ?? '');
    if (!response.ok || !match) throw new Error(`${url}: ${response.status}`);
    return Number(match[1]);
  };
  async function serverSamples(n: number, url: string) {
    for (let i = 0; i < 20; i++) await serverTime(url);
    const samples: number[] = [];
    for (let i = 0; i < n; i++) samples.push(await serverTime(url));
    return { p50: pct(samples, 50), p95: pct(samples, 95) };
  }

  // The same SQL the route runs, executed directly (through pg for PostgreSQL, PGlite's own API).
  const principal = (await loadPrincipal(bindRepositories(handle.db), BENCH_IDS.user))!;
  const actor = principal.actor;
  if (actor.kind !== 'partnerUser') throw new Error('the bench user is a partner user');
  const compiled = listQuery(
    handle.db,
    { partnerId: actor.partnerId },
    {
      engagementId: BENCH_IDS.engagement,
      tab: 'eligible',
      sort: 'name',
      limit: 50,
      locations: locationsWhere(actor, 'customers.view'),
      now,
    },
  ).compile();
  const rawPool = kind === 'postgres' ? new pg.Pool({ connectionString: handle.url, max: 4 }) : null;
  const direct = () =>
    rawPool
      ? rawPool.query(compiled.sql, compiled.parameters as unknown[])
      : handle.pglite!.query(compiled.sql, compiled.parameters as unknown[]);

  const server = await serverSamples(options.samples, listUrl);
  const raw = await timeIt(options.samples, direct);
  rows.push({
    database: kind,
    workload: 'eligible tab, 50 rows: server p50 vs SQL direct',
    value: +server.p50.toFixed(2),
    unit: 'ms',
    baseline: +raw.p50.toFixed(2),
    ratio: server.p50 / raw.p50,
    bar: '≤ 1.5',
  });
  rows.push({
    database: kind,
    workload: 'eligible tab, 50 rows: server p95 vs SQL direct',
    value: +server.p95.toFixed(2),
    unit: 'ms',
    baseline: +raw.p95.toFixed(2),
    ratio: server.p95 / raw.p95,
    bar: '≤ 2',
  });

  // A deep page: page 1,000 (row 49,951) when the tab has that many rows, else its last full page.
  const { count } = (
    await sql<{
      count: number;
    }>`select count(*)::int as count from customer_rows where partner_id = ${BENCH_IDS.partner} and engagement_id = ${BENCH_IDS.engagement} and tab = 'eligible'`.execute(
      handle.db,
    )
  ).rows[0]!;
  const pageNo = Math.max(2, Math.min(1000, Math.floor(count / 50)));
  const before = (
    await sql<{
      sort_name: string;
      tenant_id: string;
    }>`select sort_name, tenant_id from customer_rows where partner_id = ${BENCH_IDS.partner} and engagement_id = ${BENCH_IDS.engagement} and tab = 'eligible' order by sort_name, tenant_id offset ${(pageNo - 1) * 50 - 1} limit 1`.execute(
      handle.db,
    )
  ).rows[0]!;
  const deepUrl = `${listUrl}&cursor=${encodeCursor({ sort: 'name', key: [before.sort_name, before.tenant_id] })}`;
  const deep = await serverSamples(options.samples, deepUrl);
  rows.push({
    database: kind,
    workload: `page ${pageNo} vs page 1 (p50, ${count} rows on the tab)`,
    value: +deep.p50.toFixed(2),
    unit: 'ms',
    baseline: +server.p50.toFixed(2),
    ratio: deep.p50 / server.p50,
    bar: '≤ 1.2',
  });

  // Under load: c = 50 against a bare Fastify route returning the same bytes.
  const bytes = await get(listUrl);
  const bare = Fastify();
  bare.get('/list', async (_request, reply) => reply.type('application/json').send(bytes));
  const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });
  const load = async (url: string, headers: Record<string, string>) =>
    (await loadFromAnotherProcess(url, { connections: 50, seconds: options.seconds, headers })).rps;
  const ours = await load(listUrl, { cookie });
  const baseline = await load(`${bareAddress}/list`, {});
  rows.push({
    database: kind,
    workload: 'eligible tab under load, c = 50 (req/s)',
    value: Math.round(ours),
    unit: 'req/s',
    baseline: Math.round(baseline),
    ratio: ours / baseline,
    bar: '≥ 0.5',
  });

  await bare.close();
  await bench.close();
  await rawPool?.end();
  return rows;
}
