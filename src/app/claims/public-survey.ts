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
import { hashSecret } from '../ids.ts';
import type { AppContext } from '../ports.ts';
import type { LinkedSurvey } from '../store/claims.ts';
import type { Repositories } from '../store/index.ts';
import { CUSTOMER_LINK_SCOPE } from '../store/scope.ts';
import { editRefusal, submitDueAt } from './claim-rules.ts';

// The public survey pages (spec §4.4, S3–S7): the customer survey, and the partner survey when it was
// emailed to a partner contact. No sign-in: the single-purpose link token (256 bits, stored hashed in
// survey_links) is the only credential, and it opens exactly one survey.
//
// Answers: unknown link, or a survey voided by a contact change → InvitationNotValid (404, never says
// why); completed → state `completed` (a replay of the same answers is idempotent, other answers are a
// 409); otherwise open while the claim is editable, else DeadlinePassed (410) even if no sweep ran.

async function findSurvey(tx: Repositories, token: string): Promise<LinkedSurvey> {
  const found = await tx.claims.surveyByLink(hashSecret(token));
  if (!found) throw new DomainError('InvitationNotValid', { target: 'token' });
  return found;
}

/** Open while the claim is editable, else DeadlinePassed even if no sweep ran; completed stays completed. */
function stateOf(found: LinkedSurvey, now: Date): PublicSurvey['state'] {
  // A voided survey (contact changed) is the same as an unknown link: the page never says why.
  if (found.voided) throw new DomainError('InvitationNotValid', { target: 'token' });
  if (found.survey.completedAt !== null) return 'completed';
  if (editRefusal(found.record, now) !== null) throw new DomainError('DeadlinePassed', { target: 'token' });
  return 'open';
}

function present({ survey, record, parties }: LinkedSurvey, state: PublicSurvey['state']): PublicSurvey {
  const dueAt = submitDueAt(record);
  return {
    audience: survey.audience,
    locale: isLocale(survey.locale) ? survey.locale : 'en',
    partner: { name: parties.partnerName },
    customer: { name: parties.customerName },
    workshop: { name: parties.workshopName },
    state,
    questions: survey.audience === 'customer' ? CUSTOMER_SURVEY_ID : PARTNER_SURVEY_ID,
    contactName: survey.contactName,
    dueAt: dueAt ? dueAt.toISOString() : null,
  };
}

export async function viewSurvey(ctx: AppContext, token: string): Promise<PublicSurvey> {
  const found = await findSurvey(ctx.store, token);
  return present(found, stateOf(found, ctx.clock.now()));
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
  return ctx.store.transaction(async (tx) => {
    // Serialise with the partner's edits (a contact change voids the survey) on the record's lock.
    await tx.nominations.lock(CUSTOMER_LINK_SCOPE, (await findSurvey(tx, token)).record.id);
    const found = await findSurvey(tx, token);
    const { survey, claimId, record } = found;
    const schema = survey.audience === 'customer' ? CustomerSurveyAnswers : PartnerSurveyAnswers;
    const parsed = schema.safeParse(body.answers);
    if (!parsed.success)
      throw new DomainError('ValidationFailed', {
        target: 'answers',
        details: [{ code: 'ValidationFailed', target: 'answers' }],
      });
    if (stateOf(found, now) === 'completed') {
      // The same answers again are a replay (idempotent); other answers are a conflict.
      if (canonical(parsed.data) === canonical(survey.answers)) return present(found, 'completed');
      throw new DomainError('InvalidTransition', {
        target: 'answers',
        params: { from: 'completed', event: 'answerSurvey' },
      });
    }
    await tx.claims.answerSurvey(survey.id, parsed.data, now);
    const kind = survey.audience === 'customer' ? 'customerSurvey' : 'partnerSurvey';
    await tx.claims.completeItem(claimId, kind, null, now);
    // S7: once the customer survey is done, the customer contacts are locked.
    if (survey.audience === 'customer') await tx.claims.lockCustomerContacts(claimId, now);
    await tx.audit.record({
      actor: { kind: survey.audience === 'customer' ? 'customer' : 'partnerUser', id: null },
      action: 'completePoeItem',
      at: now,
      partnerId: record.partnerId,
      nominationId: record.id,
      claimId,
      data: { kind, via: 'link' },
    });
    return present(found, 'completed');
  });
}
