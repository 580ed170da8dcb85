import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../src/adapters/db/database.ts';
import { sweepDeadlines } from '../src/app/sweeps/deadline-sweep.ts';
import { loadConfig } from '../src/config.ts';
import { composeContext } from '../src/main/runtime.ts';
import { BENCH_IDS } from '../src/seed/bench-data.ts';
import type { ListRow } from './list.ts';

// Quality §2, "deadline sweep": N records past their consent deadline (half added, half claimed; half
// pending consent, half never sent) on one partner's workshop. The sweep must end each of them once,
// with its audit event, its in-app notifications, its queued partner email and the read model, in
// ≤ 5 s for 100 k; a second sweep right after must find nothing.
export async function benchSweep(
  kind: 'postgres' | 'pglite',
  handle: DatabaseHandle,
  count: number,
): Promise<ListRow[]> {
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
    {
      database: kind,
      workload: `deadline sweep, ${count} overdue records, two sweepers (s)`,
      value: Math.round(elapsed) / 1000,
      unit: 's',
      bar: `≤ 5 s for 100 k; ${exact ? 'each once ✓' : 'NOT exactly once ✗'}`,
    },
    {
      database: kind,
      workload: 'deadline sweep throughput (records/s)',
      value: Math.round(count / (elapsed / 1000)),
      unit: 'records/s',
    },
  ];
}
