import type { WorkshopClaim, WorkshopClaimPatch } from '../../contracts/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/policy.ts';
import { partnerActor } from '../lifecycle/own-record.ts';
import type { AppContext } from '../ports.ts';
import type { Claim, ClaimContact, ClaimFieldChanges, SurveyAudience } from '../store/claims.ts';
import { assertEditable, ensureClaim, lockOwn, sameContact, scopeOf, verifyReader } from './claim-access.ts';
import { claimEtag, ifMatches } from './claim-rules.ts';
import { claimView } from './claim-view.ts';

// Reading a claim, and the fields the partner edits (S7 contacts, S8 comments) with If-Match.

export async function getClaim(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
): Promise<{ view: WorkshopClaim; etag: string }> {
  const now = ctx.clock.now();
  const { audience, scope } = await verifyReader(ctx.store, actor, nominationId);
  const view = await claimView(ctx.store, scope, nominationId, now, audience);
  return { view, etag: claimEtag(view.version) };
}

/** What a PATCH changes: only the fields that differ from the claim's, and whose surveys it voids. */
function changesOf(claim: Claim, patch: WorkshopClaimPatch) {
  const changes: ClaimFieldChanges = {};
  // A survey sent to a contact that changed is voided (S7): its links no longer work.
  const voids: SurveyAudience[] = [];
  if (patch.comments !== undefined && patch.comments !== claim.comments) changes.comments = patch.comments;
  if (patch.partnerContact) {
    const next: ClaimContact = {
      name: patch.partnerContact.name,
      email: patch.partnerContact.email.toLowerCase(),
      phone: patch.partnerContact.phone ?? null,
    };
    if (!sameContact(claim.partnerContact, next)) {
      changes.partnerContact = next;
      voids.push('partner');
    }
  }
  if (patch.customerContact) {
    const next: ClaimContact = {
      name: patch.customerContact.name,
      email: patch.customerContact.email.toLowerCase(),
      phone: patch.customerContact.phone ?? null,
      locale: patch.customerContact.locale,
    };
    if (!sameContact(claim.customerContact, next)) {
      // S7: once the customer survey is done, the customer contacts are locked.
      if (claim.contactsLockedAt !== null)
        throw new DomainError('ContactsLocked', { target: 'customerContact' });
      changes.customerContact = next;
      voids.push('customer');
    }
  }
  return { changes, fields: Object.keys(changes), voids };
}

/**
 * PATCH of comments and contacts. `If-Match` is checked when sent (412 on a mismatch); without it
 * the change is accepted (last writer wins), as for the consent contact.
 */
export async function updateClaim(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  patch: WorkshopClaimPatch,
  ifMatch: string | undefined,
): Promise<{ view: WorkshopClaim; etag: string }> {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const record = await lockOwn(tx, partner, nominationId, 'workshopClaim.edit');
    assertEditable(record, now);
    const existing = await tx.claims.claimOf(scopeOf(partner), record.id);
    if (ifMatch !== undefined && !ifMatches(ifMatch, existing?.version ?? 0))
      throw new DomainError('PreconditionFailed', { target: 'If-Match' });
    const claim = existing ?? (await ensureClaim(tx, record, partner.userId, now));
    const { changes, fields, voids } = changesOf(claim, patch);
    if (fields.length > 0) {
      const voided: SurveyAudience[] = [];
      for (const audience of voids)
        if (await tx.claims.voidOpenSurvey(claim.id, audience, now)) voided.push(audience);
      await tx.claims.update(claim.id, changes, now);
      await tx.audit.record({
        actor: { kind: 'partnerUser', id: partner.userId },
        action: 'updateWorkshopClaim',
        at: now,
        partnerId: record.partnerId,
        nominationId: record.id,
        claimId: claim.id,
        data: { fields, ...(voided.length ? { voidedSurveys: voided } : {}) },
      });
    }
    const view = await claimView(tx, scopeOf(partner), record.id, now, 'partner');
    return { view, etag: claimEtag(view.version) };
  });
}
