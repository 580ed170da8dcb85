import { errorFromRefusal } from '../../domain/errors.ts';
import { decide, type Effect, type EventType, type NominationRecord } from '../../domain/lifecycle.ts';
import { CONSENTED_STATUSES } from '../../domain/lifecycle-sets.ts';
import type { NominationStatus } from '../../domain/status.ts';
import { type AuditActor, audit } from '../audit.ts';
import { partnersKnowing, refreshCustomerRows } from '../customers/read-model.ts';
import { notifyPartners } from '../notifications/notify-partner.ts';
import type { AppContext, Trx } from '../ports.ts';
import { LIFECYCLE_COLUMNS, toNominationRecord, WINDOW_COLUMNS } from './nomination-record.ts';

// Applies one lifecycle event to one record (spec §5): the record is locked, decide() rules, the
// change is a conditional update on the expected from-status, the audit event and every side effect
// are written in the caller's transaction, and the Customers page rows are refreshed. The only effect
// left to the caller is the consent email, whose content the caller owns (the consent request).

export interface LockedNomination extends NominationRecord {
  id: string;
  partnerId: string;
  locationId: string;
  engagementId: string;
  tenantId: string;
}

/** Loads and locks a record (FOR UPDATE) with its engagement's windows, or undefined. */
export async function lockNomination(trx: Trx, nominationId: string): Promise<LockedNomination | undefined> {
  const r = await trx
    .selectFrom('nominations as n')
    .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
    .select(['n.id', 'n.partner_id', 'n.location_id', 'n.engagement_id', 'n.tenant_id'])
    .select([...LIFECYCLE_COLUMNS, ...WINDOW_COLUMNS])
    .where('n.id', '=', nominationId)
    .forUpdate('n')
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    ...toNominationRecord(r),
    id: r.id,
    partnerId: r.partner_id,
    locationId: r.location_id,
    engagementId: r.engagement_id,
    tenantId: r.tenant_id,
  };
}

const COLUMN: Record<string, string> = {
  consentedAt: 'consented_at',
  claimDueAt: 'claim_due_at',
  reviewDueAt: 'review_due_at',
  firstSubmittedAt: 'first_submitted_at',
  submittedAt: 'submitted_at',
  rejectedAt: 'rejected_at',
  disputeDueAt: 'dispute_due_at',
  disputedAt: 'disputed_at',
  endedAt: 'ended_at',
};

export interface Applied {
  from: NominationStatus;
  next: NominationStatus;
  /** Effects the caller must carry out itself (the consent email). */
  pending: Effect[];
}

export async function applyEvent(
  trx: Trx,
  ctx: AppContext,
  record: LockedNomination,
  event: EventType,
  actor: AuditActor,
  now: Date,
  options: {
    auditData?: Record<string, unknown>;
    noticeParams?: Record<string, unknown>;
    target?: string;
  } = {},
): Promise<Applied> {
  const decision = decide(record, { type: event }, now);
  if (!decision.ok) throw errorFromRefusal(decision.refusal, options.target);
  const from = record.status;
  const { next, set } = decision;
  const columns: Record<string, unknown> = { status: next, updated_at: now };
  for (const [key, value] of Object.entries(set)) columns[COLUMN[key]!] = value;
  if (next !== from || Object.keys(set).length > 0) {
    const result = await trx
      .updateTable('nominations')
      .set((eb) => ({ ...columns, version: eb('version', '+', 1) }) as never)
      .where('id', '=', record.id)
      .where('status', '=', from)
      .executeTakeFirst();
    // Only possible if the caller did not lock the record: a lost race is a clean 409 (§5).
    if (Number(result.numUpdatedRows) !== 1)
      throw errorFromRefusal({ code: 'InvalidTransition', from, event });
  }
  await audit(trx, {
    actor,
    action: event,
    at: now,
    partnerId: record.partnerId,
    nominationId: record.id,
    fromStatus: from,
    toStatus: next,
    ...(options.auditData ? { data: options.auditData } : {}),
  });

  const pending: Effect[] = [];
  const refreshPartners = new Set<string>([record.partnerId]);
  for (const effect of decision.effects) {
    switch (effect.type) {
      case 'voidConsentLinks':
        await trx
          .updateTable('consent_requests')
          .set({ voided_at: now })
          .where('nomination_id', '=', record.id)
          .where('voided_at', 'is', null)
          .execute();
        break;
      case 'supersedeOthers':
        for (const partnerId of await supersedeOthers(trx, ctx, record, now)) refreshPartners.add(partnerId);
        break;
      case 'notifyPartner':
        await notifyPartners(
          trx,
          ctx,
          [
            {
              nominationId: record.id,
              kind: effect.kind,
              // Notices of repeatable events (action required) are unique per occurrence.
              dedupeKey: `${record.id}:${effect.kind}:${now.toISOString()}`,
              ...(options.noticeParams ? { params: options.noticeParams } : {}),
            },
          ],
          now,
        );
        break;
      case 'becomesCandidate':
        break; // R30: the read model derives the candidate row from the ended record.
      case 'sendConsentEmail':
        pending.push(effect);
        break;
    }
  }
  // Another partner's Ineligible reason depends on who holds the consent (§4.3).
  const consentChanged =
    (CONSENTED_STATUSES as readonly string[]).includes(next) !==
    (CONSENTED_STATUSES as readonly string[]).includes(from);
  if (consentChanged) for (const p of await partnersKnowing(trx, [record.tenantId])) refreshPartners.add(p);
  for (const partnerId of refreshPartners)
    await refreshCustomerRows(
      trx,
      { partnerId, engagementIds: [record.engagementId], tenantIds: [record.tenantId] },
      now,
    );
  return { from, next, pending };
}

/**
 * First consent wins (§4.3): every other partner's claimed or pending record for this customer and
 * engagement is superseded, and its links stop working. A record already past its own consent
 * deadline is left to the sweep (it ends as consent_expired, R30). Returns the partners touched.
 */
async function supersedeOthers(trx: Trx, ctx: AppContext, winner: LockedNomination, now: Date) {
  const others = await trx
    .selectFrom('nominations')
    .select('id')
    .where('engagement_id', '=', winner.engagementId)
    .where('tenant_id', '=', winner.tenantId)
    .where('id', '!=', winner.id)
    .where('status', 'in', ['claimed', 'consent_pending'])
    .orderBy('id')
    .execute();
  const touched: string[] = [];
  for (const { id } of others) {
    const other = await lockNomination(trx, id);
    if (!other || !(other.status === 'claimed' || other.status === 'consent_pending')) continue;
    if (other.consentDueAt.getTime() <= now.getTime()) continue;
    await applyEvent(trx, ctx, other, 'supersede', { kind: 'system', id: null }, now);
    await trx
      .updateTable('consent_requests')
      .set({ voided_at: now })
      .where('nomination_id', '=', other.id)
      .where('voided_at', 'is', null)
      .execute();
    touched.push(other.partnerId);
  }
  return touched;
}
