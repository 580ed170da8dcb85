import type { Nomination } from '../../contracts/nominations.ts';
import { DomainError } from '../../domain/errors.ts';
import { countdownOf, typeOf } from '../../domain/lifecycle-sets.ts';
import { type Actor, can } from '../../domain/policy.ts';
import { partnerActor } from '../lifecycle/own-record.ts';
import type { Repositories } from '../store/index.ts';
import type { NominationDetails } from '../store/nominations.ts';

// One engagement customer record as the partner's API shows it, and its history.

export function toNomination(r: NominationDetails, now: Date): Nomination {
  return {
    id: r.id,
    engagement: r.engagement,
    location: r.location,
    customer: r.customer,
    origin: r.origin,
    status: r.status,
    type: typeOf(r.status),
    customerEmail: r.customerEmail,
    mismatchReason: r.mismatchReason,
    claimedAt: r.claimedAt.toISOString(),
    consentDueAt: r.consentDueAt.toISOString(),
    claimDueAt: r.claimDueAt ? r.claimDueAt.toISOString() : null,
    daysLeft: countdownOf(r.status, now, r)?.daysLeft ?? null,
  };
}

/** One record, only for users with a role on its location; anything else is the same 404 (quality §3.1). */
export async function getNomination(tx: Repositories, actor: Actor, nominationId: string, now: Date) {
  const partner = partnerActor(actor);
  const [row] = await tx.nominations.details({ partnerId: partner.partnerId }, [nominationId]);
  if (!row || !can(actor, 'customers.view', { partnerId: row.partnerId, locationId: row.locationId }))
    throw new DomainError('NotFound', { target: 'nominationId' });
  return toNomination(row, now);
}

/** Who did what, when: partner users by name (their own colleagues), operators and customers by role. */
export async function nominationHistory(tx: Repositories, actor: Actor, nominationId: string, now: Date) {
  await getNomination(tx, actor, nominationId, now);
  return (await tx.audit.historyOf(nominationId)).map((e) => ({
    at: e.at.toISOString(),
    action: e.action,
    actor: {
      kind: e.actorKind,
      name: e.actorKind === 'partnerUser' ? e.actorName : null,
      ...(e.tokenName === null ? {} : { tokenName: e.tokenName }),
    },
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
  }));
}
