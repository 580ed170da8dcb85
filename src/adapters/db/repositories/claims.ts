import { sql } from 'kysely';
import type { ClaimContact, ClaimRepository } from '../../../app/store/claims.ts';
import { claimFacts, claimQuery, consentContacts, linkedSurvey, toClaim, toSurvey } from './claim-facts.ts';
import type { Q } from './db.ts';
import { reviewQueueQuery } from './review-queue.ts';

// Workshop claims (spec §4.4, ADR 0011): the claim row, its POE items and files, surveys and their
// links, the operator's decisions. The loads behind the claim view are in claim-facts.ts, the
// operator's queue in review-queue.ts.

const json = (contact: ClaimContact | null | undefined) => (contact ? JSON.stringify(contact) : null);

export function claimRepository(db: Q): ClaimRepository {
  return {
    async owner(scope, nominationId) {
      let q = db
        .selectFrom('nominations')
        .select(['partner_id', 'location_id'])
        .where('id', '=', nominationId);
      if (scope.partnerId !== null) q = q.where('partner_id', '=', scope.partnerId);
      const n = await q.executeTakeFirst();
      return n ? { partnerId: n.partner_id, locationId: n.location_id } : undefined;
    },

    facts: (scope, nominationId) => claimFacts(db, scope, nominationId),

    async claimOf(scope, nominationId) {
      const row = await claimQuery(db, scope, nominationId).executeTakeFirst();
      return row ? toClaim(row) : undefined;
    },

    consentContacts: (scope, nominationId) => consentContacts(db, scope, nominationId),

    async create(claim) {
      const row = await db
        .insertInto('workshop_claims')
        .values({
          id: claim.id,
          nomination_id: claim.nominationId,
          partner_id: claim.partnerId,
          comments: '',
          partner_contact: json(claim.partnerContact),
          customer_contact: json(claim.customerContact),
          customer_contacts_locked_at: null,
          created_at: claim.at,
          updated_at: claim.at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toClaim(row);
    },

    async update(claimId, changes, at) {
      await db
        .updateTable('workshop_claims')
        .set((eb) => ({
          ...(changes.comments !== undefined ? { comments: changes.comments } : {}),
          ...(changes.partnerContact ? { partner_contact: json(changes.partnerContact) } : {}),
          ...(changes.customerContact ? { customer_contact: json(changes.customerContact) } : {}),
          updated_at: at,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', claimId)
        .execute();
    },

    async lockCustomerContacts(claimId, at) {
      await db
        .updateTable('workshop_claims')
        .set({ customer_contacts_locked_at: at, updated_at: at })
        .where('id', '=', claimId)
        .execute();
    },

    async completeItem(claimId, kind, by, at, file = null) {
      const done = {
        file_sha256: file?.sha256 ?? null,
        file_name: file?.name ?? null,
        completed_at: at,
        completed_by: by,
      };
      await db
        .insertInto('poe_items')
        .values({ claim_id: claimId, kind, ...done })
        .onConflict((oc) => oc.columns(['claim_id', 'kind']).doUpdateSet(done))
        .execute();
    },

    async completedItems(claimId) {
      const rows = await db
        .selectFrom('poe_items')
        .select('kind')
        .where('claim_id', '=', claimId)
        .where('completed_at', 'is not', null)
        .execute();
      return rows.map((r) => r.kind);
    },

    async storeFile(file, at) {
      await db
        .insertInto('files')
        .values({
          sha256: file.sha256,
          size_bytes: file.sizeBytes,
          content_type: file.contentType,
          created_at: at,
        })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
    },

    async file(scope, nominationId, kind) {
      let q = db
        .selectFrom('workshop_claims as c')
        .innerJoin('poe_items as i', 'i.claim_id', 'c.id')
        .innerJoin('files as f', 'f.sha256', 'i.file_sha256')
        .select(['i.file_name', 'f.sha256', 'f.content_type', 'f.size_bytes'])
        .where('c.nomination_id', '=', nominationId)
        .where('i.kind', '=', kind)
        .where('i.completed_at', 'is not', null);
      if (scope.partnerId !== null) q = q.where('c.partner_id', '=', scope.partnerId);
      const r = await q.executeTakeFirst();
      return r
        ? {
            sha256: r.sha256,
            fileName: r.file_name,
            contentType: r.content_type,
            sizeBytes: Number(r.size_bytes),
          }
        : undefined;
    },

    async currentSurvey(claimId, audience) {
      const row = await db
        .selectFrom('surveys')
        .selectAll()
        .where('claim_id', '=', claimId)
        .where('audience', '=', audience)
        .where('voided_at', 'is', null)
        .executeTakeFirst();
      return row ? toSurvey(row) : undefined;
    },

    async openSurvey(survey) {
      await db
        .insertInto('surveys')
        .values({
          id: survey.id,
          claim_id: survey.claimId,
          audience: survey.audience,
          token_hash: null,
          contact_name: survey.contactName,
          contact_email: survey.contactEmail,
          locale: survey.locale,
          answers: survey.answers ? JSON.stringify(survey.answers) : null,
          sent_at: survey.sentAt,
          completed_at: survey.completedAt,
          voided_at: null,
          created_at: survey.createdAt,
        })
        .execute();
    },

    async answerSurvey(surveyId, answers, at) {
      await db
        .updateTable('surveys')
        .set({ answers: JSON.stringify(answers), completed_at: at })
        .where('id', '=', surveyId)
        .execute();
    },

    async markSurveySent(surveyId, locale, at) {
      await db.updateTable('surveys').set({ sent_at: at, locale }).where('id', '=', surveyId).execute();
    },

    async addSurveyLink(surveyId, tokenHash, at) {
      await db
        .insertInto('survey_links')
        .values({ token_hash: tokenHash, survey_id: surveyId, created_at: at })
        .execute();
    },

    async voidOpenSurvey(claimId, audience, at) {
      const result = await db
        .updateTable('surveys')
        .set({ voided_at: at })
        .where('claim_id', '=', claimId)
        .where('audience', '=', audience)
        .where('voided_at', 'is', null)
        .where('completed_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    surveyByLink: (tokenHash) => linkedSurvey(db, tokenHash),

    async parties(scope, nominationId) {
      let q = db
        .selectFrom('nominations as n')
        .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
        .innerJoin('tenants as t', 't.id', 'n.tenant_id')
        .innerJoin('partners as p', 'p.id', 'n.partner_id')
        .select(['e.name as workshop_name', 't.name as tenant_name', 'p.name as partner_name'])
        .where('n.id', '=', nominationId);
      if (scope.partnerId !== null) q = q.where('n.partner_id', '=', scope.partnerId);
      const r = await q.executeTakeFirstOrThrow();
      return { workshopName: r.workshop_name, customerName: r.tenant_name, partnerName: r.partner_name };
    },

    async partnerUser(userId) {
      const user = await db
        .selectFrom('users')
        .select(['display_name', 'email', 'locale'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      return { name: user.display_name, email: user.email, locale: user.locale };
    },

    async recordDecision(decision) {
      await db
        .insertInto('review_decisions')
        .values({
          id: decision.id,
          claim_id: decision.claimId,
          operator_id: decision.operatorId,
          decision: decision.decision,
          comment: decision.comment,
          created_at: decision.at,
        })
        .execute();
    },

    async fixMissingPayout(nominationId) {
      await sql`
        update nominations n
           set payout_market = m.market, payout_amount_minor = r.amount_minor, payout_currency = e.currency
          from tenants t, markets m, engagement_rates r, engagements e
         where n.id = ${nominationId} and n.payout_amount_minor is null
           and t.id = n.tenant_id and m.country = t.country
           and e.id = n.engagement_id and r.engagement_id = e.id and r.market = m.market`.execute(db);
    },

    async reviewQueue(scope, query) {
      const rows = await reviewQueueQuery(db, scope, query).execute();
      return rows.map((r) => ({
        nominationId: r.id,
        claimId: r.claim_id,
        partner: { id: r.partner_id, name: r.partner_name },
        location: { id: r.location_id, mpnId: r.mpn_id, name: r.location_name },
        customer: { tenantId: r.tenant_id, name: r.tenant_name },
        engagement: { id: r.engagement_id, name: r.engagement_name },
        status: r.status,
        consentDueAt: r.consent_due_at,
        claimDueAt: r.claim_due_at,
        reviewDueAt: r.review_due_at,
        disputeDueAt: r.dispute_due_at,
        submittedAt: r.submitted_at,
        firstSubmittedAt: r.first_submitted_at,
        disputedAt: r.disputed_at,
      }));
    },
  };
}
