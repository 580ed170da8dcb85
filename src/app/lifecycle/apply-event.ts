import { errorFromRefusal } from '../../domain/errors.ts';
import { decide, type Effect, type EventType } from '../../domain/lifecycle.ts';
import { holdsConsent } from '../../domain/lifecycle-sets.ts';
import type { NominationStatus } from '../../domain/status.ts';
import type { StampColumn } from '../../domain/transitions.ts';
import { webhookEventOf } from '../../domain/webhook-events.ts';
import { refreshCustomerRows } from '../customers/read-model.ts';
import { notifyPartners } from '../notifications/notify-partner.ts';
import type { AppContext } from '../ports.ts';
import type { AuditActor } from '../store/audit.ts';
import type { Repositories } from '../store/index.ts';
import type { LockedNomination } from '../store/nominations.ts';
import { SYSTEM_SCOPE } from '../store/scope.ts';
import { emitWebhookEvents } from '../webhooks/emit.ts';

export type { LockedNomination } from '../store/nominations.ts';

// Applies one lifecycle event to one locked record (spec §5): decide() rules, the change is a
// conditional update on the expected from-status, the audit event and every side effect are written
// in the caller's transaction, and the Customers page rows are refreshed. The only effect left to the
// caller is the consent email, whose content the caller owns (the consent request).

export interface Applied {
  from: NominationStatus;
  next: NominationStatus;
  /** The deadlines and moments the transition stamped on the record (e.g. claimDueAt at consent). */
  stamps: Partial<Record<StampColumn, Date>>;
  /** Effects the caller must carry out itself (the consent email). */
  pending: Effect[];
}

export async function applyEvent(
  tx: Repositories,
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
  const audit = {
    actor,
    action: event,
    at: now,
    partnerId: record.partnerId,
    nominationId: record.id,
    fromStatus: from,
    toStatus: next,
    ...(options.auditData ? { data: options.auditData } : {}),
  };
  if (next !== from || Object.keys(set).length > 0) {
    // Only possible if the caller did not lock the record: a lost race is a clean 409 (§5).
    if (!(await tx.nominations.transition(record.id, { from, to: next, stamps: set, at: now }, audit)))
      throw errorFromRefusal({ code: 'InvalidTransition', from, event });
  } else await tx.audit.record(audit);

  // Issue 14: the partner's webhook endpoints hear of it in this transaction (one event per transition).
  const webhookEvent = webhookEventOf(event);
  if (webhookEvent)
    await emitWebhookEvents(
      tx,
      record.partnerId,
      [{ type: webhookEvent, nominationId: record.id, previousStatus: from }],
      now,
    );

  const pending: Effect[] = [];
  const refreshPartners = new Set<string>([record.partnerId]);
  for (const effect of decision.effects) {
    switch (effect.type) {
      case 'voidConsentLinks':
        await tx.consent.voidCurrent(record.id, now);
        break;
      case 'supersedeOthers':
        for (const partnerId of await supersedeRivals(tx, ctx, record, now)) refreshPartners.add(partnerId);
        break;
      case 'notifyPartner':
        await notifyPartners(
          tx,
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
  if (holdsConsent(next) !== holdsConsent(from))
    for (const p of await tx.nominations.partnersKnowing([record.tenantId])) refreshPartners.add(p);
  for (const partnerId of refreshPartners)
    await refreshCustomerRows(
      tx,
      { partnerId },
      { engagementIds: [record.engagementId], tenantIds: [record.tenantId] },
      now,
    );
  return { from, next, stamps: set, pending };
}

/**
 * First consent wins (§4.3): every other partner's record for this customer and engagement that is
 * still before consent is superseded, and its links stop working. A record already past its own
 * consent deadline is left to the sweep (it ends as consent_expired, R30). Returns the partners touched.
 */
async function supersedeRivals(tx: Repositories, ctx: AppContext, winner: LockedNomination, now: Date) {
  const touched: string[] = [];
  for (const rival of await tx.nominations.lockRivals(winner)) {
    if (rival.consentDueAt.getTime() <= now.getTime()) continue;
    await applyEvent(tx, ctx, rival, 'supersede', { kind: 'system', id: null }, now);
    await tx.consent.voidCurrent(rival.id, now);
    touched.push(rival.partnerId);
  }
  return touched;
}

/** Loads and locks a record of the scope (the system's scope: any partner's) for a change. */
export const lockNomination = (tx: Repositories, nominationId: string) =>
  tx.nominations.lock(SYSTEM_SCOPE, nominationId);
