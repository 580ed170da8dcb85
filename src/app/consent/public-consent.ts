import { sql } from 'kysely';
import type { ConsentDecisionBody, PublicConsent } from '../../contracts/consent.ts';
import { DomainError } from '../../domain/errors.ts';
import { isOpen } from '../../domain/time.ts';
import { isLocale } from '../../i18n/locales.ts';
import { hashSecret } from '../ids.ts';
import { applyEvent, lockNomination } from '../lifecycle/apply-event.ts';
import type { AppContext, Trx } from '../ports.ts';

// The customer's side of consent (spec §4.3): the public page behind a single-purpose link. The token
// is the only credential; nothing here says which other partner may be involved.
//
// Answers: unknown, replaced (contact changed) or superseded link → InvitationNotValid (404);
// undecided and past the consent deadline → DeadlinePassed (410), even if no sweep ran; already
// decided → the decision (a replayed accept is idempotent; the other decision is a 409).

async function findRequest(trx: Trx, token: string) {
  return trx
    .selectFrom('consent_links as l')
    .innerJoin('consent_requests as cr', 'cr.id', 'l.consent_request_id')
    .innerJoin('nominations as n', 'n.id', 'cr.nomination_id')
    .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
    .innerJoin('tenants as t', 't.id', 'n.tenant_id')
    .innerJoin('partners as p', 'p.id', 'n.partner_id')
    .select([
      'cr.id',
      'cr.nomination_id',
      'cr.voided_at',
      'cr.decision',
      'cr.customer_name',
      'cr.customer_locale',
      'cr.partner_contact_name',
      'cr.partner_contact_email',
      'n.status',
      'n.consent_due_at',
      'n.claim_due_at',
      'e.name as workshop_name',
      'e.description as workshop_description',
      't.name as tenant_name',
      'p.name as partner_name',
    ])
    .where('l.token_hash', '=', hashSecret(token))
    .executeTakeFirst();
}

type Found = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

function stateOf(r: Found, now: Date): PublicConsent['state'] {
  if (r.decision === 'accept') return 'accepted';
  if (r.decision === 'decline') return 'declined';
  if (r.voided_at !== null || r.status !== 'consent_pending') {
    // An undecided request whose record expired reads as expired, anything else as no longer valid.
    if (r.status === 'consent_expired' && r.voided_at === null)
      throw new DomainError('DeadlinePassed', { target: 'token' });
    throw new DomainError('InvitationNotValid', { target: 'token' });
  }
  if (!isOpen(r.consent_due_at, now)) throw new DomainError('DeadlinePassed', { target: 'token' });
  return 'open';
}

function present(r: Found, state: PublicConsent['state'], claimDueAt: Date | null): PublicConsent {
  return {
    state,
    locale: isLocale(r.customer_locale) ? r.customer_locale : 'en',
    partner: {
      name: r.partner_name,
      contactName: r.partner_contact_name,
      contactEmail: r.partner_contact_email,
    },
    customer: { name: r.tenant_name, contactName: r.customer_name },
    workshops: [{ name: r.workshop_name, description: r.workshop_description }],
    consentDueAt: r.consent_due_at.toISOString(),
    claimDueAt: state === 'accepted' && claimDueAt ? claimDueAt.toISOString() : null,
  };
}

export async function viewConsent(ctx: AppContext, token: string): Promise<PublicConsent> {
  const now = ctx.clock.now();
  const r = await findRequest(ctx.db, token);
  if (!r) throw new DomainError('InvitationNotValid', { target: 'token' });
  return present(r, stateOf(r, now), r.claim_due_at);
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
  return ctx.db.transaction().execute(async (trx) => {
    const found = await findRequest(trx, token);
    if (!found) throw new DomainError('InvitationNotValid', { target: 'token' });
    // First consent wins (§4.3): lock every record for this customer and engagement in one order, so
    // that two acceptances at once serialise here (no deadlock), and the second sees it lost.
    const n = await trx
      .selectFrom('nominations')
      .select(['engagement_id', 'tenant_id'])
      .where('id', '=', found.nomination_id)
      .executeTakeFirstOrThrow();
    await trx
      .selectFrom('nominations')
      .select('id')
      .where('engagement_id', '=', n.engagement_id)
      .where('tenant_id', '=', n.tenant_id)
      .orderBy('id')
      .forUpdate()
      .execute();
    const r = (await findRequest(trx, token))!;
    const state = stateOf(r, now);
    const wanted = body.decision === 'accept' ? 'accepted' : 'declined';
    if (state === wanted) return present(r, state, r.claim_due_at); // a replay changes nothing
    if (state !== 'open')
      throw new DomainError('InvalidTransition', {
        target: 'decision',
        params: { from: state, event: body.decision },
      });
    const record = (await lockNomination(trx, r.nomination_id))!;
    await applyEvent(
      trx,
      ctx,
      record,
      body.decision === 'accept' ? 'acceptConsent' : 'declineConsent',
      { kind: 'customer', id: null },
      now,
      { auditData: { consentRequestId: r.id } },
    );
    // §4.4: the payout is the engagement's rate for the customer's market, taken at the consent date.
    if (body.decision === 'accept')
      await sql`
        update nominations n
           set payout_market = m.market, payout_amount_minor = r.amount_minor, payout_currency = e.currency
          from tenants t, markets m, engagement_rates r, engagements e
         where n.id = ${record.id} and t.id = n.tenant_id and m.country = t.country
           and e.id = n.engagement_id and r.engagement_id = e.id and r.market = m.market`.execute(trx);
    await trx
      .updateTable('consent_requests')
      .set({ decision: body.decision, decided_at: now })
      .where('id', '=', r.id)
      .execute();
    const after = (await findRequest(trx, token))!;
    return present(after, wanted, after.claim_due_at);
  });
}
