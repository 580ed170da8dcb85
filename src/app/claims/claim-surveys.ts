import type { WorkshopClaim } from '../../contracts/claims.ts';
import type { PartnerSurveyAnswers, SurveyContact } from '../../contracts/surveys.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/policy.ts';
import { isLocale, type Locale } from '../../i18n/locales.ts';
import { hashSecret, newId, newSecret } from '../ids.ts';
import type { LockedNomination } from '../lifecycle/apply-event.ts';
import { type PartnerActor, partnerActor } from '../lifecycle/own-record.ts';
import { appLink, queueMail } from '../mail/queue-mail.ts';
import type { AppContext } from '../ports.ts';
import type { Claim, Survey, SurveyAudience } from '../store/claims.ts';
import type { Repositories } from '../store/index.ts';
import { assertEditable, ensureClaim, lockOwn, scopeOf } from './claim-access.ts';
import { submitDueAt } from './claim-rules.ts';
import { claimView } from './claim-view.ts';

// The partner and customer surveys (S3–S7): answered in the app or through an emailed link.

/** One survey change of a partner user on an editable claim, answered with the claim afterwards. */
async function onEditableClaim(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  change: (
    tx: Repositories,
    partner: PartnerActor,
    record: LockedNomination,
    claim: Claim,
    now: Date,
  ) => Promise<void>,
): Promise<WorkshopClaim> {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const record = await lockOwn(tx, partner, nominationId, 'workshopClaim.edit');
    assertEditable(record, now);
    const claim = await ensureClaim(tx, record, partner.userId, now);
    await change(tx, partner, record, claim, now);
    return claimView(tx, scopeOf(partner), record.id, now, 'partner');
  });
}

/** The partner survey answered in the app (S3): completes the item; a later answer replaces it. */
export async function answerPartnerSurvey(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  answers: PartnerSurveyAnswers,
): Promise<WorkshopClaim> {
  return onEditableClaim(ctx, actor, nominationId, async (tx, partner, record, claim, now) => {
    const current = await tx.claims.currentSurvey(claim.id, 'partner');
    if (current) await tx.claims.answerSurvey(current.id, answers, now);
    else {
      const user = await tx.claims.partnerUser(partner.userId);
      await tx.claims.openSurvey({
        id: newId(),
        claimId: claim.id,
        audience: 'partner',
        contactName: user.name,
        contactEmail: user.email,
        locale: user.locale ?? 'en',
        answers,
        sentAt: null,
        completedAt: now,
        createdAt: now,
      });
    }
    await tx.claims.completeItem(claim.id, 'partnerSurvey', partner.userId, now);
    await tx.audit.record({
      actor: { kind: 'partnerUser', id: partner.userId },
      action: 'completePoeItem',
      at: now,
      partnerId: record.partnerId,
      nominationId: record.id,
      claimId: claim.id,
      data: { kind: 'partnerSurvey', via: 'app' },
    });
  });
}

/** Who a survey goes to, in which language: the customer in theirs, a partner contact in the sender's. */
async function recipientOf(
  tx: Repositories,
  partner: PartnerActor,
  claim: Claim,
  audience: SurveyAudience,
  contact: SurveyContact | undefined,
): Promise<{ name: string; email: string; locale: Locale }> {
  const stored = audience === 'customer' ? claim.customerContact : claim.partnerContact;
  const to = audience === 'partner' && contact ? contact : stored;
  if (!to)
    throw new DomainError('ValidationFailed', {
      target: audience === 'customer' ? 'customerContact' : 'contact',
    });
  const language =
    audience === 'customer' ? stored?.locale : (await tx.claims.partnerUser(partner.userId)).locale;
  return {
    name: to.name,
    email: to.email.toLowerCase(),
    locale: language && isLocale(language) ? language : 'en',
  };
}

/**
 * The survey a send goes to: the current one when it is for the same contact, else a new one (a send
 * to another contact voids the old survey and its links). A completed survey is not sent again.
 */
async function surveyToSend(
  tx: Repositories,
  claim: Claim,
  audience: SurveyAudience,
  to: { name: string; email: string; locale: Locale },
  now: Date,
): Promise<string> {
  const current: Survey | undefined = await tx.claims.currentSurvey(claim.id, audience);
  if (current?.completedAt)
    throw new DomainError('InvalidTransition', {
      target: 'audience',
      params: { from: 'surveyCompleted', event: 'sendSurvey' },
    });
  if (current && current.contactEmail === to.email && current.contactName === to.name) {
    await tx.claims.markSurveySent(current.id, to.locale, now);
    return current.id;
  }
  if (current) await tx.claims.voidOpenSurvey(claim.id, audience, now);
  const id = newId();
  await tx.claims.openSurvey({
    id,
    claimId: claim.id,
    audience,
    contactName: to.name,
    contactEmail: to.email,
    locale: to.locale,
    answers: null,
    sentAt: now,
    completedAt: null,
    createdAt: now,
  });
  return id;
}

/**
 * Emails a survey link (S4–S6): the partner survey to `contact` or the claim's partner contact, the
 * customer survey to the claim's customer contact. Each send adds a new single-purpose link (256
 * bits, stored hashed) to the current survey; earlier links of the same survey stay valid.
 */
export async function sendSurvey(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  audience: SurveyAudience,
  contact: SurveyContact | undefined,
): Promise<WorkshopClaim> {
  return onEditableClaim(ctx, actor, nominationId, async (tx, partner, record, claim, now) => {
    const to = await recipientOf(tx, partner, claim, audience, contact);
    const surveyId = await surveyToSend(tx, claim, audience, to, now);
    const token = newSecret();
    await tx.claims.addSurveyLink(surveyId, hashSecret(token), now);
    const parties = await tx.claims.parties(scopeOf(partner), record.id);
    const dueAt = submitDueAt(record);
    await queueMail(
      tx,
      ctx,
      {
        template: 'surveyRequest',
        locale: to.locale,
        to: to.email,
        toName: to.name,
        nominationId: record.id,
        partnerId: partner.partnerId,
        params: {
          contactName: to.name,
          customerName: parties.customerName,
          partnerName: parties.partnerName,
          workshopName: parties.workshopName,
          audience,
          link: appLink(ctx, `/survey/${token}`),
          dueAt: dueAt ? dueAt.toISOString() : null,
          surveyId,
        },
      },
      now,
    );
    await tx.audit.record({
      actor: { kind: 'partnerUser', id: partner.userId },
      action: 'sendSurvey',
      at: now,
      partnerId: record.partnerId,
      nominationId: record.id,
      claimId: claim.id,
      data: { audience },
    });
  });
}
