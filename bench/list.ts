import Fastify from 'fastify';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/adapters/db/database.ts';
import { encodeCursor } from '../src/app/customers/cursor.ts';
import { BENCH_IDS, BENCH_USER_EMAIL, generateBenchData } from '../src/seed/bench-data.ts';
import { startBenchApp } from './bench-app.ts';
import { captureStatements, describeStatements, replayer } from './capture.ts';
import { loadFromAnotherProcess } from './load.ts';
import { compared, percentile, type Row } from './rows.ts';

// Quality §2, first workload: one tab of one engagement, 50 rows, for a partner with many records
// among many tenants. Server time against the same SQL (captured from a real request: session lookup
// and list query) run directly through the same pool; a deep page against page 1; requests/s at c = 50
// against a bare Fastify route running that SQL and returning the same bytes, and one without SQL.

async function timeIt(n: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < Math.min(20, n); i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export async function benchList(
  kind: 'postgres' | 'pglite',
  handle: DatabaseHandle,
  size: { tenants: number; nominations: number; partnerNominations: number },
  options: { samples: number; seconds: number },
): Promise<Row[]> {
  const rows: Row[] = [];
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
    return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
  }

  // The same SQL the route runs (the session lookup and the list query, captured from one real
  // request), run directly through the same pool, in the same order, with the same parameters.
  await get(listUrl);
  const { result: bytes, statements } = await captureStatements(handle, () => get(listUrl));
  if (statements.length === 0) throw new Error('the list request ran no SQL?');
  console.log(
    `[bench] ${kind}: the list request runs ${statements.length} statement(s):\n${describeStatements(statements)}`,
  );
  const sameSql = replayer(handle, statements);

  const server = await serverSamples(options.samples, listUrl);
  const raw = await timeIt(options.samples, sameSql);
  const sqlOf = `same ${statements.length} statements direct`;
  rows.push(
    compared(
      {
        database: kind,
        workload: 'eligible tab, 50 rows: server time p50 vs the same SQL direct',
        value: server.p50,
        unit: 'ms',
        baseline: raw.p50,
        baselineOf: sqlOf,
      },
      ['≤', 1.5],
    ),
    compared(
      {
        database: kind,
        workload: 'eligible tab, 50 rows: server time p95 vs the same SQL direct',
        value: server.p95,
        unit: 'ms',
        baseline: raw.p95,
        baselineOf: sqlOf,
      },
      ['≤', 2],
    ),
  );

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
  rows.push(
    compared(
      {
        database: kind,
        workload: `page ${pageNo} vs page 1, server time p50 (${count} rows on the tab)`,
        value: deep.p50,
        unit: 'ms',
        baseline: server.p50,
        baselineOf: 'page 1',
      },
      ['≤', 1.2],
    ),
  );

  // Under load, c = 50, from a second process: against a bare Fastify route that runs the same
  // statements through the same pool and returns the same bytes, and one that only returns the bytes.
  const bare = Fastify();
  bare.get('/list-sql', async (_request, reply) => {
    await sameSql();
    return reply.type('application/json').send(bytes);
  });
  bare.get('/list', async (_request, reply) => reply.type('application/json').send(bytes));
  const bareAddress = await bare.listen({ port: 0, host: '127.0.0.1' });
  const load = async (url: string, headers: Record<string, string>) =>
    (await loadFromAnotherProcess(url, { connections: 50, seconds: options.seconds, headers })).rps;
  const ours = await load(listUrl, { cookie });
  const bareSql = await load(`${bareAddress}/list-sql`, {});
  const bareNoSql = await load(`${bareAddress}/list`, {});
  const workload = 'eligible tab under load, c = 50 (req/s)';
  rows.push(
    compared(
      {
        database: kind,
        workload,
        value: ours,
        unit: 'req/s',
        baseline: bareSql,
        baselineOf: 'bare route, same SQL',
      },
      ['≥', 0.5],
    ),
    compared(
      {
        database: kind,
        workload,
        value: ours,
        unit: 'req/s',
        baseline: bareNoSql,
        baselineOf: 'bare route, no SQL',
      },
      ['≥', 0.1],
    ),
  );

  await bare.close();
  await bench.close();
  return rows;
}
