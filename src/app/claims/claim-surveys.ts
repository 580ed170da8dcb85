import type { WorkshopClaim } from '../../contracts/claims.ts';
import type { PartnerSurveyAnswers, SurveyAudience, SurveyContact } from '../../contracts/surveys.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/policy.ts';
import { isLocale, type Locale } from '../../i18n/locales.ts';
import { audit } from '../audit.ts';
import { hashSecret, newId, newSecret } from '../ids.ts';
import { partnerActor } from '../lifecycle/own-record.ts';
import { appLink, queueMail } from '../mail/queue-mail.ts';
import type { AppContext, Trx } from '../ports.ts';
import {
  assertEditable,
  completeItem,
  ensureClaim,
  lockOwn,
  parseContact,
  voidOpenSurvey,
} from './claim-access.ts';
import { claimView } from './claim-view.ts';

// The partner and customer surveys (S3–S7): answered in the app or through an emailed link.

// ── Surveys (S3–S7) ────────────────────────────────────────────────────────────────────────────

function currentSurvey(trx: Trx, claimId: string, audience: SurveyAudience) {
  return trx
    .selectFrom('surveys')
    .selectAll()
    .where('claim_id', '=', claimId)
    .where('audience', '=', audience)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
}

/** The partner survey answered in the app (S3): completes the item; a later answer replaces it. */
export async function answerPartnerSurvey(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  answers: PartnerSurveyAnswers,
): Promise<WorkshopClaim> {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const record = await lockOwn(ctx.store.within(trx), partner, nominationId, 'workshopClaim.edit');
    assertEditable(record, now);
    const claim = await ensureClaim(ctx.store.within(trx), record, partner.userId, now);
    const current = await currentSurvey(trx, claim.id, 'partner');
    if (current) {
      await trx
        .updateTable('surveys')
        .set({ answers: JSON.stringify(answers), completed_at: now })
        .where('id', '=', current.id)
        .execute();
    } else {
      const user = await trx
        .selectFrom('users')
        .select(['display_name', 'email', 'locale'])
        .where('id', '=', partner.userId)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('surveys')
        .values({
          id: newId(),
          claim_id: claim.id,
          audience: 'partner',
          token_hash: null,
          contact_name: user.display_name,
          contact_email: user.email,
          locale: user.locale ?? 'en',
          answers: JSON.stringify(answers),
          sent_at: null,
          completed_at: now,
          voided_at: null,
          created_at: now,
        })
        .execute();
    }
    await completeItem(trx, claim.id, 'partnerSurvey', partner.userId, now);
    await audit(trx, {
      actor: { kind: 'partnerUser', id: partner.userId },
      action: 'completePoeItem',
      at: now,
      partnerId: record.partnerId,
      nominationId: record.id,
      claimId: claim.id,
      data: { kind: 'partnerSurvey', via: 'app' },
    });
    return claimView(trx, record.id, now, 'partner');
  });
}

/**
 * Emails a survey link (S4–S6): the partner survey to `contact` or the claim's partner contact, the
 * customer survey to the claim's customer contact. Each send adds a new single-purpose link (256
 * bits, stored hashed) to the current survey; earlier links of the same survey stay valid. A send to
 * another contact than the current survey's starts a new survey (the old links stop working). A
 * completed survey is not sent again.
 */
export async function sendSurvey(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  audience: SurveyAudience,
  contact: SurveyContact | undefined,
): Promise<WorkshopClaim> {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const record = await lockOwn(ctx.store.within(trx), partner, nominationId, 'workshopClaim.edit');
    assertEditable(record, now);
    const claim = await ensureClaim(ctx.store.within(trx), record, partner.userId, now);
    const stored =
      audience === 'customer' ? parseContact(claim.customer_contact) : parseContact(claim.partner_contact);
    const to = audience === 'partner' && contact ? { name: contact.name, email: contact.email } : stored;
    if (!to)
      throw new DomainError('ValidationFailed', {
        target: audience === 'customer' ? 'customerContact' : 'contact',
      });
    let locale: Locale = 'en';
    if (audience === 'customer') {
      if (stored?.locale && isLocale(stored.locale)) locale = stored.locale;
    } else {
      const user = await trx
        .selectFrom('users')
        .select('locale')
        .where('id', '=', partner.userId)
        .executeTakeFirst();
      if (user?.locale && isLocale(user.locale)) locale = user.locale;
    }
    const email = to.email.toLowerCase();
    let survey = await currentSurvey(trx, claim.id, audience);
    if (survey?.completed_at)
      throw new DomainError('InvalidTransition', {
        target: 'audience',
        params: { from: 'surveyCompleted', event: 'sendSurvey' },
      });
    if (survey && (survey.contact_email !== email || survey.contact_name !== to.name)) {
      await voidOpenSurvey(trx, claim.id, audience, now);
      survey = undefined;
    }
    const surveyId = survey?.id ?? newId();
    if (!survey)
      await trx
        .insertInto('surveys')
        .values({
          id: surveyId,
          claim_id: claim.id,
          audience,
          token_hash: null,
          contact_name: to.name,
          contact_email: email,
          locale,
          answers: null,
          sent_at: now,
          completed_at: null,
          voided_at: null,
          created_at: now,
        })
        .execute();
    else await trx.updateTable('surveys').set({ sent_at: now, locale }).where('id', '=', surveyId).execute();
    const token = newSecret();
    await trx
      .insertInto('survey_links')
      .values({ token_hash: hashSecret(token), survey_id: surveyId, created_at: now })
      .execute();
    const names = await trx
      .selectFrom('nominations as n')
      .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
      .innerJoin('tenants as t', 't.id', 'n.tenant_id')
      .innerJoin('partners as p', 'p.id', 'n.partner_id')
      .select(['e.name as workshop_name', 't.name as tenant_name', 'p.name as partner_name'])
      .where('n.id', '=', record.id)
      .executeTakeFirstOrThrow();
    const dueAt = record.status === 'action_required' ? record.reviewDueAt : record.claimDueAt;
    await queueMail(
      ctx.store.within(trx),
      ctx,
      {
        template: 'surveyRequest',
        locale,
        to: email,
        toName: to.name,
        nominationId: record.id,
        partnerId: partner.partnerId,
        params: {
          contactName: to.name,
          customerName: names.tenant_name,
          partnerName: names.partner_name,
          workshopName: names.workshop_name,
          audience,
          link: appLink(ctx, `/survey/${token}`),
          dueAt: dueAt ? dueAt.toISOString() : null,
          surveyId,
        },
      },
      now,
    );
    await audit(trx, {
      actor: { kind: 'partnerUser', id: partner.userId },
      action: 'sendSurvey',
      at: now,
      partnerId: record.partnerId,
      nominationId: record.id,
      claimId: claim.id,
      data: { audience },
    });
    return claimView(trx, record.id, now, 'partner');
  });
}
