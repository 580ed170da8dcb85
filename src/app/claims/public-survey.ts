import {
  CUSTOMER_SURVEY_ID,
  CustomerSurveyAnswers,
  PARTNER_SURVEY_ID,
  PartnerSurveyAnswers,
  type PublicSurvey,
  type PublicSurveyBody,
} from '../../contracts/surveys.ts';
import { DomainError } from '../../domain/errors.ts';
import { isLocale } from '../../i18n/locales.ts';
import { audit } from '../audit.ts';
import { hashSecret } from '../ids.ts';
import { lockNomination } from '../lifecycle/apply-event.ts';
import { toNominationRecord } from '../lifecycle/nomination-record.ts';
import type { AppContext, Trx } from '../ports.ts';
import { editRefusal, loadClaimRecord } from './claim-view.ts';

// The public survey pages (spec §4.4, S3–S7): the customer survey, and the partner survey when it was
// emailed to a partner contact. No sign-in: the single-purpose link token (256 bits, stored hashed in
// survey_links) is the only credential, and it opens exactly one survey.
//
// Answers: unknown link, or a survey voided by a contact change → InvitationNotValid (404, never says
// why); completed → state `completed` (a replay of the same answers is idempotent, other answers are a
// 409); otherwise open while the claim is editable, else DeadlinePassed (410) even if no sweep ran.

async function findSurvey(trx: Trx, token: string) {
  return trx
    .selectFrom('survey_links as l')
    .innerJoin('surveys as s', 's.id', 'l.survey_id')
    .innerJoin('workshop_claims as c', 'c.id', 's.claim_id')
    .innerJoin('nominations as n', 'n.id', 'c.nomination_id')
    .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
    .innerJoin('tenants as t', 't.id', 'n.tenant_id')
    .innerJoin('partners as p', 'p.id', 'n.partner_id')
    .select([
      's.id',
      's.claim_id',
      's.audience',
      's.contact_name',
      's.locale',
      's.answers',
      's.completed_at',
      's.voided_at',
      'c.nomination_id',
      'n.partner_id',
      'n.status',
      'n.claim_due_at',
      'n.review_due_at',
      'e.name as workshop_name',
      't.name as tenant_name',
      'p.name as partner_name',
    ])
    .where('l.token_hash', '=', hashSecret(token))
    .executeTakeFirst();
}

type Found = NonNullable<Awaited<ReturnType<typeof findSurvey>>>;

async function stateOf(trx: Trx, s: Found, now: Date): Promise<PublicSurvey['state']> {
  if (s.voided_at !== null) throw new DomainError('InvitationNotValid', { target: 'token' });
  if (s.completed_at !== null) return 'completed';
  const r = await loadClaimRecord(trx, s.nomination_id);
  if (!r || editRefusal(toNominationRecord(r), now) !== null)
    throw new DomainError('DeadlinePassed', { target: 'token' });
  return 'open';
}

function present(s: Found, state: PublicSurvey['state']): PublicSurvey {
  const dueAt = s.status === 'action_required' ? s.review_due_at : s.claim_due_at;
  return {
    audience: s.audience,
    locale: isLocale(s.locale) ? s.locale : 'en',
    partner: { name: s.partner_name },
    customer: { name: s.tenant_name },
    workshop: { name: s.workshop_name },
    state,
    questions: s.audience === 'customer' ? CUSTOMER_SURVEY_ID : PARTNER_SURVEY_ID,
    contactName: s.contact_name,
    dueAt: dueAt ? dueAt.toISOString() : null,
  };
}

export async function viewSurvey(ctx: AppContext, token: string): Promise<PublicSurvey> {
  const now = ctx.clock.now();
  const s = await findSurvey(ctx.db, token);
  if (!s) throw new DomainError('InvitationNotValid', { target: 'token' });
  return present(s, await stateOf(ctx.db, s, now));
}

/** The HTTP status the survey page itself is served with (200 / 404 / 410), for the SPA's HTML. */
export async function surveyPageStatus(ctx: AppContext, token: string): Promise<200 | 404 | 410> {
  try {
    await viewSurvey(ctx, token);
    return 200;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'DeadlinePassed') return 410;
    if (error instanceof DomainError) return 404;
    throw error;
  }
}

function canonical(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v as object)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(value));
}

export async function answerSurvey(
  ctx: AppContext,
  token: string,
  body: PublicSurveyBody,
): Promise<PublicSurvey> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const found = await findSurvey(trx, token);
    if (!found) throw new DomainError('InvitationNotValid', { target: 'token' });
    // Serialise with the partner's edits (a contact change voids the survey) on the record's lock.
    await lockNomination(ctx.store.within(trx), found.nomination_id);
    const s = (await findSurvey(trx, token))!;
    const schema = s.audience === 'customer' ? CustomerSurveyAnswers : PartnerSurveyAnswers;
    const parsed = schema.safeParse(body.answers);
    if (!parsed.success)
      throw new DomainError('ValidationFailed', {
        target: 'answers',
        details: [{ code: 'ValidationFailed', target: 'answers' }],
      });
    const state = await stateOf(trx, s, now);
    if (state === 'completed') {
      const previous = typeof s.answers === 'string' ? JSON.parse(s.answers) : (s.answers ?? null);
      if (canonical(parsed.data) === canonical(previous)) return present(s, 'completed');
      throw new DomainError('InvalidTransition', {
        target: 'answers',
        params: { from: 'completed', event: 'answerSurvey' },
      });
    }
    await trx
      .updateTable('surveys')
      .set({ answers: JSON.stringify(parsed.data), completed_at: now })
      .where('id', '=', s.id)
      .execute();
    const kind = s.audience === 'customer' ? 'customerSurvey' : 'partnerSurvey';
    await trx
      .insertInto('poe_items')
      .values({
        claim_id: s.claim_id,
        kind,
        file_sha256: null,
        file_name: null,
        completed_at: now,
        completed_by: null,
      })
      .onConflict((oc) =>
        oc.columns(['claim_id', 'kind']).doUpdateSet({ completed_at: now, completed_by: null }),
      )
      .execute();
    // S7: once the customer survey is done, the customer contacts are locked.
    if (s.audience === 'customer')
      await trx
        .updateTable('workshop_claims')
        .set({ customer_contacts_locked_at: now, updated_at: now })
        .where('id', '=', s.claim_id)
        .execute();
    await audit(trx, {
      actor: { kind: s.audience === 'customer' ? 'customer' : 'partnerUser', id: null },
      action: 'completePoeItem',
      at: now,
      partnerId: s.partner_id,
      nominationId: s.nomination_id,
      claimId: s.claim_id,
      data: { kind, via: 'link' },
    });
    return present({ ...s, completed_at: now }, 'completed');
  });
}
