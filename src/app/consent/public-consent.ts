import type { ConsentDecisionBody, PublicConsent } from '../../contracts/consent.ts';
import { DomainError } from '../../domain/errors.ts';
import { isOpen } from '../../domain/time.ts';
import { isLocale } from '../../i18n/locales.ts';
import { hashSecret } from '../ids.ts';
import { applyEvent } from '../lifecycle/apply-event.ts';
import type { AppContext } from '../ports.ts';
import type { ConsentLinkView } from '../store/consent.ts';
import { CUSTOMER_LINK_SCOPE } from '../store/scope.ts';

// The customer's side of consent (spec §4.3): the public page behind a single-purpose link. The token
// is the only credential; nothing here says which other partner may be involved.
//
// Answers: unknown, replaced (contact changed) or superseded link → InvitationNotValid (404);
// undecided and past the consent deadline → DeadlinePassed (410), even if no sweep ran; already
// decided → the decision (a replayed accept is idempotent; the other decision is a 409).

function stateOf(r: ConsentLinkView, now: Date): PublicConsent['state'] {
  if (r.decision === 'accept') return 'accepted';
  if (r.decision === 'decline') return 'declined';
  if (r.voided || r.status !== 'consent_pending') {
    // An undecided request whose record expired reads as expired, anything else as no longer valid.
    if (r.status === 'consent_expired' && !r.voided)
      throw new DomainError('DeadlinePassed', { target: 'token' });
    throw new DomainError('InvitationNotValid', { target: 'token' });
  }
  if (!isOpen(r.consentDueAt, now)) throw new DomainError('DeadlinePassed', { target: 'token' });
  return 'open';
}

function present(r: ConsentLinkView, state: PublicConsent['state']): PublicConsent {
  return {
    state,
    locale: isLocale(r.customer.locale) ? r.customer.locale : 'en',
    partner: {
      name: r.partnerName,
      contactName: r.partnerContact.name,
      contactEmail: r.partnerContact.email,
    },
    customer: { name: r.customerName, contactName: r.customer.name },
    workshops: [r.workshop],
    consentDueAt: r.consentDueAt.toISOString(),
    claimDueAt: state === 'accepted' && r.claimDueAt ? r.claimDueAt.toISOString() : null,
  };
}

export async function viewConsent(ctx: AppContext, token: string): Promise<PublicConsent> {
  const r = await ctx.store.consent.byLink(hashSecret(token));
  if (!r) throw new DomainError('InvitationNotValid', { target: 'token' });
  return present(r, stateOf(r, ctx.clock.now()));
}

/** The HTTP status the consent page itself is served with (404 / 410 / 200), for the SPA's HTML. */
export async function consentPageStatus(ctx: AppContext, token: string): Promise<200 | 404 | 410> {
  try {
    await viewConsent(ctx, token);
    return 200;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'DeadlinePassed') return 410;
    if (error instanceof DomainError) return 404;
    throw error;
  }
}

export async function decideConsent(
  ctx: AppContext,
  token: string,
  body: ConsentDecisionBody,
): Promise<PublicConsent> {
  const now = ctx.clock.now();
  const tokenHash = hashSecret(token);
  return ctx.store.transaction(async (tx) => {
    const found = await tx.consent.byLink(tokenHash);
    if (!found) throw new DomainError('InvitationNotValid', { target: 'token' });
    // First consent wins (§4.3): every record of the customer and engagement is locked, in one order.
    await tx.nominations.lockCustomerAndEngagement(found.nominationId);
    const r = (await tx.consent.byLink(tokenHash))!;
    const state = stateOf(r, now);
    const wanted = body.decision === 'accept' ? 'accepted' : 'declined';
    if (state === wanted) return present(r, state); // a replay changes nothing
    if (state !== 'open')
      throw new DomainError('InvalidTransition', {
        target: 'decision',
        params: { from: state, event: body.decision },
      });
    const record = (await tx.nominations.lock(CUSTOMER_LINK_SCOPE, r.nominationId))!;
    const applied = await applyEvent(
      tx,
      ctx,
      record,
      body.decision === 'accept' ? 'acceptConsent' : 'declineConsent',
      { kind: 'customer', id: null },
      now,
      { auditData: { consentRequestId: r.requestId } },
    );
    if (body.decision === 'accept') await tx.nominations.fixPayoutAtConsent(record.id);
    await tx.consent.decide(r.requestId, body.decision, now);
    // What the page shows next, without reading it again: the decision, and the claim deadline the
    // acceptance has just set (issue 12 item 3: fewer statements for a consent).
    return present({ ...r, claimDueAt: applied.stamps.claimDueAt ?? r.claimDueAt }, wanted);
  });
}
