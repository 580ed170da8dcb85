import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/adapters/db/database.ts';
import { sweepDeadlines } from '../src/app/sweeps/deadline-sweep.ts';
import { loadConfig } from '../src/config.ts';
import { TRANSITIONS } from '../src/domain/transitions.ts';
import { composeContext } from '../src/main/runtime.ts';
import { BENCH_IDS } from '../src/seed/bench-data.ts';
import { compared, type Row } from './rows.ts';

// Quality §2, "deadline sweep": N records past their consent deadline (half added, half claimed; half
// pending consent, half never sent) on one partner's workshop. The sweep must end each of them once,
// with its audit event, its in-app notifications, its queued partner email and the read model, in
// ≤ 5 s for 100 k; a second sweep right after must find nothing.
//
// Baseline (issue 12 item 5c), on the same rows, same pool, before the sweep: one set-based
// `UPDATE … RETURNING` that finds the overdue rows by their deadline and moves them, with one audit
// insert over what it returned (one statement, one transaction). The rows are then put back as they
// were (snapshot, untimed), its audit events removed and the table vacuumed, and the sweep runs.
export async function benchSweep(
  kind: 'postgres' | 'pglite',
  handle: DatabaseHandle,
  count: number,
): Promise<Row[]> {
  const db = handle.db;
  const engagement = BENCH_IDS.engagements[3]!;
  const now = new Date();
  const one = async (query: ReturnType<typeof sql<{ n: string }>>) =>
    Number((await query.execute(db)).rows[0]!.n);
  const expiredBefore = await one(
    sql`select count(*) as n from nominations where engagement_id = ${engagement} and status = 'consent_expired'`,
  );
  await sql`
    insert into nominations (id, partner_id, location_id, engagement_id, tenant_id, origin, status,
                             customer_email, created_by, claimed_at, consent_due_at, updated_at)
    select gen_random_uuid(), ${BENCH_IDS.partner}, ${BENCH_IDS.location}, ${engagement}, t.id,
           case when t.i % 2 = 0 then 'add' else 'claim' end,
           case when t.i % 4 < 2 then 'consent_pending' else 'claimed' end,
           null, ${BENCH_IDS.user}, ${new Date(now.getTime() - 40 * 86_400_000)}::timestamptz,
           ${new Date(now.getTime() - 86_400_000)}::timestamptz, ${now}::timestamptz
      from (select id, row_number() over (order by id) as i
              from tenants x
             where not exists (select 1 from nominations n
                                where n.tenant_id = x.id and n.engagement_id = ${engagement}
                                  and n.partner_id = ${BENCH_IDS.partner})
             limit ${count}) t`.execute(db);
  await sql`analyze nominations`.execute(db);

  const baseline = await setBasedBaseline(handle);

  const config = loadConfig({ LOG_LEVEL: 'silent', MCI_DATA_DIR: mkdtempSync(join(tmpdir(), 'mci-bench-')) });
  const { ctx, queue } = composeContext(handle, config);
  await queue.start({ schedule: false });
  const started = performance.now();
  // Two sweeps at once, as after a restart of two instances: together they must end each record once.
  const batchSize = Number(process.env.MCI_SWEEP_BATCH ?? 1000);
  const [a, b] = await Promise.all([sweepDeadlines(ctx, { batchSize }), sweepDeadlines(ctx, { batchSize })]);
  const elapsed = performance.now() - started;
  const again = await sweepDeadlines(ctx);
  await queue.stop();

  const expired =
    -expiredBefore +
    (await one(
      sql`select count(*) as n from nominations where engagement_id = ${engagement} and status = 'consent_expired'`,
    ));
  const audits =
    await one(sql`select count(*) as n from audit_events a join nominations n on n.id = a.nomination_id
    where n.engagement_id = ${engagement} and a.action = 'expireConsent'`);
  const mails =
    await one(sql`select count(*) as n from mail_messages m join nominations n on n.id = m.nomination_id
    where n.engagement_id = ${engagement} and m.template = 'partnerNotice'`);
  const swept = a.transitioned + b.transitioned;
  const exact =
    expired === count && audits === count && mails === count && swept === count && again.transitioned === 0;
  if (!exact)
    console.warn(
      `sweep check failed: swept ${swept}, expired ${expired}, audits ${audits}, mails ${mails}, again ${again.transitioned}`,
    );
  return [
    compared(
      {
        database: kind,
        workload: `deadline sweep, ${count} overdue records, two sweepers (s)`,
        value: elapsed / 1000,
        unit: 's',
        baseline: baseline.ms / 1000,
        baselineOf: `set-based UPDATE … RETURNING + audit insert, ${baseline.moved} rows`,
      },
      ['≤', 2],
    ),
    {
      database: kind,
      workload: `deadline sweep: each record transitioned, audited, notified once; second sweep finds none`,
      value: swept,
      unit: 'records',
      bar: `= ${count}, once`,
      met: exact,
      ...(exact
        ? {}
        : { note: `(expired ${expired}, audits ${audits}, mails ${mails}, again ${again.transitioned})` }),
    },
    {
      database: kind,
      workload: 'deadline sweep throughput (records/s)',
      value: Math.round(count / (elapsed / 1000)),
      unit: 'records/s',
      baseline: Math.round(baseline.moved / (baseline.ms / 1000)),
      baselineOf: 'set-based',
      ratio: (count / elapsed) * (baseline.ms / baseline.moved),
    },
  ];
}

const CONSENT_SWEEP = TRANSITIONS.find((t) => t.timing === 'sweep' && t.deadline === 'consentDueAt')!;

/** The set-based baseline over the records past their consent deadline; leaves them as they were. */
async function setBasedBaseline(handle: DatabaseHandle) {
  const db = handle.db;
  const now = new Date();
  const from = [...CONSENT_SWEEP.from];
  const to = CONSENT_SWEEP.to!;
  await sql`drop table if exists bench_sweep_snapshot`.execute(db);
  await sql`create table bench_sweep_snapshot as
    select id, status, ended_at, updated_at, version from nominations
     where status = any(${from}::text[]) and consent_due_at <= ${now}::timestamptz`.execute(db);
  const started = performance.now();
  const { rows } = await handle.executor.executeSql(
    `with moved as (
       update nominations n
          set status = $1, ended_at = $2::timestamptz, updated_at = $2::timestamptz, version = n.version + 1
         from nominations o
        where o.id = n.id and n.status = any($3::text[]) and n.consent_due_at <= $2::timestamptz
       returning n.id, n.partner_id, o.status as from_status),
     audited as (
       insert into audit_events (partner_id, nomination_id, actor_kind, actor_id, action, from_status, to_status, data, created_at)
       select partner_id, id, 'system', null, $4, from_status, $1, '{}'::jsonb, $2::timestamptz from moved)
     select count(*)::int as n from moved`,
    [to, now, from, CONSENT_SWEEP.event],
  );
  const ms = performance.now() - started;
  const moved = Number(rows[0]?.n ?? 0);
  // Put everything back as it was for the sweep (untimed).
  await sql`delete from audit_events a using bench_sweep_snapshot s
             where a.nomination_id = s.id and a.action = ${CONSENT_SWEEP.event} and a.created_at = ${now}::timestamptz`.execute(
    db,
  );
  await sql`update nominations n
               set status = s.status, ended_at = s.ended_at, updated_at = s.updated_at, version = s.version
              from bench_sweep_snapshot s where n.id = s.id`.execute(db);
  await sql`drop table bench_sweep_snapshot`.execute(db);
  await sql`vacuum analyze nominations`.execute(db);
  await sql`vacuum analyze audit_events`.execute(db);
  return { ms, moved };
}
