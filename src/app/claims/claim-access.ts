import { DomainError } from '../../domain/errors.ts';
import { type Actor, can, type Permission } from '../../domain/policy.ts';
import { refreshCustomerRows } from '../customers/read-model.ts';
import { newId } from '../ids.ts';
import type { LockedNomination } from '../lifecycle/apply-event.ts';
import { lockOwnRecord, type PartnerActor } from '../lifecycle/own-record.ts';
import type { Claim, ClaimContact } from '../store/claims.ts';
import type { Repositories } from '../store/index.ts';
import { OPERATOR_SCOPE, type Scope } from '../store/scope.ts';
import { editRefusal } from './claim-rules.ts';
import type { ClaimAudience } from './derive-claim.ts';

// Shared by the claim use cases (spec §4.4, S1–S9): who may act on or read a record's claim, and the
// claim row, created lazily by the first write on an editable record with the contacts of the
// accepted consent request as defaults. Status changes go through applyEvent (the lifecycle table).
//
// Editing (fields, files, surveys) is possible exactly while a submission would be: active before
// claimDueAt, action_required before reviewDueAt (editRefusal). The ETag is the claim's version; only
// a change of the editable fields (PATCH) bumps it.

/** The scope of a partner user's own records. */
export const scopeOf = (partner: PartnerActor): Scope => ({ partnerId: partner.partnerId });

/** Locks a record for a claim action (view: the claim; act: the claim permission). */
export const lockOwn = (tx: Repositories, actor: PartnerActor, nominationId: string, act: Permission) =>
  lockOwnRecord(tx, actor, nominationId, { view: 'workshopClaim.view', act });

/**
 * Who may read a record's claim, and in which scope: the owning partner's users with
 * workshopClaim.view on its location (the same 404 as a missing id for anyone else), and program
 * operators with the review permission.
 */
export async function verifyReader(
  tx: Repositories,
  actor: Actor,
  nominationId: string,
): Promise<{ audience: ClaimAudience; scope: Scope }> {
  const notFound = () => new DomainError('NotFound', { target: 'nominationId' });
  if (actor.kind === 'operator') {
    if (!can(actor, 'operator.review') || !(await tx.claims.owner(OPERATOR_SCOPE, nominationId)))
      throw notFound();
    return { audience: 'operator', scope: OPERATOR_SCOPE };
  }
  const scope = scopeOf(actor);
  const owner = await tx.claims.owner(scope, nominationId);
  if (!owner || !can(actor, 'workshopClaim.view', owner)) throw notFound();
  return { audience: 'partner', scope };
}

/** The claim of a locked, editable record: the existing one, or a new one (first write, §4.4). */
export async function ensureClaim(
  tx: Repositories,
  record: LockedNomination,
  userId: string,
  now: Date,
): Promise<Claim> {
  const scope: Scope = { partnerId: record.partnerId };
  const existing = await tx.claims.claimOf(scope, record.id);
  if (existing) return existing;
  const claim = await tx.claims.create({
    id: newId(),
    nominationId: record.id,
    partnerId: record.partnerId,
    ...(await tx.claims.consentContacts(scope, record.id)),
    at: now,
  });
  await tx.audit.record({
    actor: { kind: 'partnerUser', id: userId },
    action: 'startWorkshopClaim',
    at: now,
    partnerId: record.partnerId,
    nominationId: record.id,
    claimId: claim.id,
  });
  // The Customers page row's actions carry the claimId (continue / view workshop claim).
  await refreshCustomerRows(
    tx,
    { partnerId: record.partnerId },
    { engagementIds: [record.engagementId], tenantIds: [record.tenantId] },
    now,
  );
  return claim;
}

export function assertEditable(record: LockedNomination, now: Date) {
  const refusal = editRefusal(record, now);
  if (refusal) throw refusal;
}

/** The same person: names exact, addresses case-insensitively, phones and languages exact. */
export function sameContact(a: ClaimContact | null, b: ClaimContact | null): boolean {
  if (!a || !b) return a === b;
  return (
    a.name === b.name &&
    a.email.toLowerCase() === b.email.toLowerCase() &&
    (a.phone ?? null) === (b.phone ?? null) &&
    (a.locale ?? null) === (b.locale ?? null)
  );
}
