import type { WorkshopClaim, WorkshopClaimPatch } from '../../contracts/claims.ts';
import type { SurveyAudience } from '../../contracts/surveys.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/policy.ts';
import { audit } from '../audit.ts';
import { partnerActor } from '../lifecycle/own-record.ts';
import type { AppContext } from '../ports.ts';
import {
  assertEditable,
  claimRow,
  ensureClaim,
  lockOwn,
  parseContact,
  type StoredContact,
  sameContact,
  verifyReader,
  voidOpenSurvey,
} from './claim-access.ts';
import { claimEtag, claimView } from './claim-view.ts';

// Reading a claim, and the fields the partner edits (S7 contacts, S8 comments) with If-Match.

// ── Read ───────────────────────────────────────────────────────────────────────────────────────

export async function getClaim(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
): Promise<{ view: WorkshopClaim; etag: string }> {
  const now = ctx.clock.now();
  const audience = await verifyReader(ctx.db, actor, nominationId);
  const view = await claimView(ctx.db, nominationId, now, audience);
  return { view, etag: claimEtag(view.version) };
}

// ── Editable fields (S7, S8) ───────────────────────────────────────────────────────────────────

/** Does an If-Match header name this version? (weak or strong form of the same tag) */
function matches(ifMatch: string, version: number): boolean {
  const wanted = claimEtag(version).replace(/^W\//, '');
  return ifMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === wanted || t === '*');
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
  return ctx.db.transaction().execute(async (trx) => {
    const record = await lockOwn(ctx.store.within(trx), partner, nominationId, 'workshopClaim.edit');
    assertEditable(record, now);
    const existing = await claimRow(trx, record.id);
    if (ifMatch !== undefined && !matches(ifMatch, existing?.version ?? 0))
      throw new DomainError('PreconditionFailed', { target: 'If-Match' });
    const claim = existing ?? (await ensureClaim(ctx.store.within(trx), record, partner.userId, now));

    const set: Record<string, unknown> = {};
    const changed: string[] = [];
    const voided: SurveyAudience[] = [];
    if (patch.comments !== undefined && patch.comments !== claim.comments) {
      set.comments = patch.comments;
      changed.push('comments');
    }
    if (patch.partnerContact) {
      const next: StoredContact = {
        name: patch.partnerContact.name,
        email: patch.partnerContact.email.toLowerCase(),
        phone: patch.partnerContact.phone ?? null,
      };
      if (!sameContact(parseContact(claim.partner_contact), next)) {
        set.partner_contact = JSON.stringify(next);
        changed.push('partnerContact');
        if (await voidOpenSurvey(trx, claim.id, 'partner', now)) voided.push('partner');
      }
    }
    if (patch.customerContact) {
      const next: StoredContact = {
        name: patch.customerContact.name,
        email: patch.customerContact.email.toLowerCase(),
        phone: patch.customerContact.phone ?? null,
        locale: patch.customerContact.locale,
      };
      if (!sameContact(parseContact(claim.customer_contact), next)) {
        // S7: once the customer survey is done, the customer contacts are locked.
        if (claim.customer_contacts_locked_at !== null)
          throw new DomainError('ContactsLocked', { target: 'customerContact' });
        set.customer_contact = JSON.stringify(next);
        changed.push('customerContact');
        if (await voidOpenSurvey(trx, claim.id, 'customer', now)) voided.push('customer');
      }
    }
    if (changed.length > 0) {
      await trx
        .updateTable('workshop_claims')
        .set((eb) => ({ ...set, updated_at: now, version: eb('version', '+', 1) }) as never)
        .where('id', '=', claim.id)
        .execute();
      await audit(trx, {
        actor: { kind: 'partnerUser', id: partner.userId },
        action: 'updateWorkshopClaim',
        at: now,
        partnerId: record.partnerId,
        nominationId: record.id,
        claimId: claim.id,
        data: { fields: changed, ...(voided.length ? { voidedSurveys: voided } : {}) },
      });
    }
    const view = await claimView(trx, record.id, now, 'partner');
    return { view, etag: claimEtag(view.version) };
  });
}
