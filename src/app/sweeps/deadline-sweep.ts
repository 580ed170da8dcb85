import { sql } from 'kysely';
import { decide, TRANSITIONS, type Transition } from '../../domain/lifecycle.ts';
import type { NominationStatus } from '../../domain/status.ts';
import { refreshCustomerRows } from '../customers/read-model.ts';
import { LIFECYCLE_COLUMNS, toNominationRecord } from '../lifecycle/nomination-record.ts';
import { type Notice, notifyPartners } from '../notifications/notify-partner.ts';
import type { AppContext, Trx } from '../ports.ts';

// The deadline sweep (spec §5): materialises the end state of every record whose deadline passed, and
// sends its notices, exactly once. Correctness never waits for it (actions check deadlines
// themselves); it only makes the end state and the notices real.
//
// Each batch claims its rows with FOR UPDATE SKIP LOCKED and changes them with a conditional update
// on the expected from-status, in one transaction with the audit events, the notifications, the
// queued emails and the read model. Two sweeps at once take disjoint rows; a sweep after a pause of
// days simply finds more rows; a record already moved on is no longer selected.

const SWEEPS: readonly Transition[] = TRANSITIONS.filter((t) => t.timing === 'sweep');

const DEADLINE_COLUMN = {
  consentDueAt: 'consent_due_at',
  claimDueAt: 'claim_due_at',
  reviewDueAt: 'review_due_at',
  disputeDueAt: 'dispute_due_at',
} as const;

export interface SweepResult {
  transitioned: number;
  byEvent: Record<string, number>;
}

export async function sweepDeadlines(
  ctx: AppContext,
  options: { batchSize?: number } = {},
): Promise<SweepResult> {
  const batchSize = options.batchSize ?? 1000;
  const result: SweepResult = { transitioned: 0, byEvent: {} };
  for (const sweep of SWEEPS) {
    for (;;) {
      const now = ctx.clock.now();
      const done = await ctx.db.transaction().execute((trx) => sweepBatch(trx, ctx, sweep, now, batchSize));
      result.transitioned += done.changed;
      result.byEvent[sweep.event] = (result.byEvent[sweep.event] ?? 0) + done.changed;
      if (done.picked < batchSize) break;
    }
  }
  return result;
}

async function sweepBatch(trx: Trx, ctx: AppContext, sweep: Transition, now: Date, limit: number) {
  const column = DEADLINE_COLUMN[sweep.deadline];
  const rows = await trx
    .selectFrom('nominations as n')
    .select(['n.id', 'n.partner_id', 'n.engagement_id', 'n.tenant_id'])
    .select(LIFECYCLE_COLUMNS)
    .where('n.status', 'in', [...sweep.from])
    .where(`n.${column}`, '<=', now)
    .orderBy(`n.${column}`)
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
  if (rows.length === 0) return { picked: 0, changed: 0 };

  const moved: { id: string; from: NominationStatus; to: NominationStatus }[] = [];
  const notices: Notice[] = [];
  for (const r of rows) {
    const record = toNominationRecord(r);
    const decision = decide(record, { type: sweep.event }, now);
    if (!decision.ok) continue;
    moved.push({ id: r.id, from: record.status, to: decision.next });
    for (const effect of decision.effects)
      if (effect.type === 'notifyPartner')
        notices.push({ nominationId: r.id, kind: effect.kind, dedupeKey: `${r.id}:${effect.kind}` });
  }
  if (moved.length === 0) return { picked: rows.length, changed: 0 };

  // Every sweep row has one target status; the from-status is checked again by the update itself.
  const to = moved[0]!.to;
  const partnerOf = new Map(rows.map((r) => [r.id, r.partner_id]));
  // One statement for the batch: the conditional update and its audit events (one JSON parameter,
  // not thousands of bind parameters).
  const input = JSON.stringify(
    moved.map((m) => ({ id: m.id, from_status: m.from, partner_id: partnerOf.get(m.id) })),
  );
  const updated = await sql<{ id: string }>`
    with input as (
      select * from jsonb_to_recordset(${input}::jsonb) as i(id uuid, from_status text, partner_id uuid)),
    moved as (
      update nominations n
         set status = ${to}, ended_at = ${now}::timestamptz, updated_at = ${now}::timestamptz, version = n.version + 1
        from input
       where n.id = input.id and n.status = input.from_status
      returning n.id, input.from_status, input.partner_id),
    audited as (
      insert into audit_events (partner_id, nomination_id, actor_kind, actor_id, action, from_status, to_status, data, created_at)
      select partner_id, id, 'system', null, ${sweep.event}, from_status, ${to}, '{}'::jsonb, ${now}::timestamptz
        from moved)
    select id from moved`.execute(trx);
  const changed = new Set(updated.rows.map((u) => u.id));
  await notifyPartners(
    ctx.store.within(trx),
    ctx,
    notices.filter((n) => changed.has(n.nominationId)),
    now,
  );

  // Read model: one refresh per partner for the customers and workshops touched.
  const byPartner = new Map<string, { engagements: Set<string>; tenants: Set<string> }>();
  for (const r of rows) {
    if (!changed.has(r.id)) continue;
    const entry = byPartner.get(r.partner_id) ?? { engagements: new Set(), tenants: new Set() };
    entry.engagements.add(r.engagement_id);
    entry.tenants.add(r.tenant_id);
    byPartner.set(r.partner_id, entry);
  }
  for (const [partnerId, scope] of byPartner)
    await refreshCustomerRows(
      ctx.store.within(trx),
      { partnerId },
      { engagementIds: [...scope.engagements], tenantIds: [...scope.tenants] },
      now,
    );
  return { picked: rows.length, changed: changed.size };
}
