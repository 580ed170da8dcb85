import { decide, TRANSITIONS, type Transition } from '../../domain/lifecycle.ts';
import { webhookEventOf } from '../../domain/webhook-events.ts';
import { refreshCustomerRows } from '../customers/read-model.ts';
import { type Notice, notifyPartners } from '../notifications/notify-partner.ts';
import type { AppContext } from '../ports.ts';
import type { Repositories } from '../store/index.ts';
import { SYSTEM_SCOPE } from '../store/scope.ts';
import type { OverdueRecord, SweepMove } from '../store/sweeps.ts';
import { emitWebhookEvents } from '../webhooks/emit.ts';

// The deadline sweep (spec §5): materialises the end state of every record whose deadline passed, and
// sends its notices, exactly once. Correctness never waits for it (actions check deadlines
// themselves); it only makes the end state and the notices real.
//
// Each batch claims its rows with FOR UPDATE SKIP LOCKED and changes them with a conditional update
// on the expected from-status, in one transaction with the audit events, the notifications, the
// queued emails and the read model. Two sweeps at once take disjoint rows; a sweep after a pause of
// days simply finds more rows; a record already moved on is no longer selected.

const SWEEPS: readonly Transition[] = TRANSITIONS.filter((t) => t.timing === 'sweep');

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
      const done = await ctx.store.transaction((tx) => sweepBatch(tx, ctx, sweep, now, batchSize));
      result.transitioned += done.changed;
      result.byEvent[sweep.event] = (result.byEvent[sweep.event] ?? 0) + done.changed;
      // A short batch means nothing overdue is left (or the rest is locked by another sweep).
      if (done.picked < batchSize) break;
    }
  }
  return result;
}

async function sweepBatch(tx: Repositories, ctx: AppContext, sweep: Transition, now: Date, limit: number) {
  const records = await tx.sweeps.claimOverdue(SYSTEM_SCOPE, sweep, now, limit);
  const { moves, notices } = decideBatch(records, sweep, now);
  if (moves.length === 0) return { picked: records.length, changed: 0 };
  // The update checks the from-status again: a record changed since it was read is left alone.
  const changed = new Set(await tx.sweeps.endOverdue(SYSTEM_SCOPE, moves, sweep.event, now));
  await notifyPartners(
    tx,
    ctx,
    notices.filter((n) => changed.has(n.nominationId)),
    now,
  );
  // Read model: one refresh per partner for the customers and workshops touched.
  for (const [partnerId, filter] of touchedByPartner(records, changed))
    await refreshCustomerRows(tx, { partnerId }, filter, now);
  // Issue 14: each partner's webhook endpoints hear of its ended records in this transaction.
  const webhookEvent = webhookEventOf(sweep.event);
  if (webhookEvent)
    for (const [partnerId, moved] of movedByPartner(moves, records, changed))
      await emitWebhookEvents(
        tx,
        partnerId,
        moved.map((m) => ({ type: webhookEvent, nominationId: m.id, previousStatus: m.from })),
        now,
      );
  return { picked: records.length, changed: changed.size };
}

/** What decide() says of each overdue record: where it moves, and the partner notices it sends. */
export function decideBatch(records: readonly OverdueRecord[], sweep: Transition, now: Date) {
  const moves: SweepMove[] = [];
  const notices: Notice[] = [];
  for (const record of records) {
    const decision = decide(record, { type: sweep.event }, now);
    if (!decision.ok) continue;
    moves.push({ id: record.id, from: record.status, to: decision.next });
    for (const effect of decision.effects)
      if (effect.type === 'notifyPartner')
        notices.push({
          nominationId: record.id,
          kind: effect.kind,
          dedupeKey: `${record.id}:${effect.kind}`,
        });
  }
  return { moves, notices };
}

/** The moves that happened, per partner. */
function movedByPartner(
  moves: readonly SweepMove[],
  records: readonly OverdueRecord[],
  changed: ReadonlySet<string>,
) {
  const partnerOf = new Map(records.map((r) => [r.id, r.partnerId]));
  const byPartner = new Map<string, SweepMove[]>();
  for (const move of moves) {
    const partnerId = partnerOf.get(move.id);
    if (!partnerId || !changed.has(move.id)) continue;
    const list = byPartner.get(partnerId) ?? [];
    list.push(move);
    byPartner.set(partnerId, list);
  }
  return byPartner;
}

/** The workshops and customers whose rows changed, per partner. */
export function touchedByPartner(records: readonly OverdueRecord[], changed: ReadonlySet<string>) {
  const byPartner = new Map<string, { engagements: Set<string>; tenants: Set<string> }>();
  for (const r of records) {
    if (!changed.has(r.id)) continue;
    const entry = byPartner.get(r.partnerId) ?? { engagements: new Set(), tenants: new Set() };
    entry.engagements.add(r.engagementId);
    entry.tenants.add(r.tenantId);
    byPartner.set(r.partnerId, entry);
  }
  return new Map(
    [...byPartner].map(([partnerId, t]) => [
      partnerId,
      { engagementIds: [...t.engagements], tenantIds: [...t.tenants] },
    ]),
  );
}
