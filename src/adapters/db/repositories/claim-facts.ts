import { type Selectable, sql } from 'kysely';
import type {
  Claim,
  ClaimContact,
  ClaimContacts,
  ClaimFacts,
  LinkedSurvey,
  PoeItemFacts,
  ReviewDecision,
  Survey,
} from '../../../app/store/claims.ts';
import type { Scope } from '../../../app/store/scope.ts';
import type { SurveysTable, WorkshopClaimsTable } from '../schema.ts';
import type { Q } from './db.ts';
import { poeRequirementsOf } from './engagements.ts';
import { toLocked } from './nominations.ts';

// The loads a claim view is derived from (src/app/claims/derive-claim.ts): the record with its
// parties, engagement and payouts in one query, then the claim row, its items, surveys and decisions;
// and the survey behind a public link. The mappings of claim, contact and survey rows. Sequential on purpose: one connection per transaction (and
// PGlite's single one).

/** A stored contact, or null when it is not one (contacts are JSON: never trust their shape). */
function toContact(value: unknown): ClaimContact | null {
  if (value === null || typeof value !== 'object') return null;
  const c = value as Record<string, unknown>;
  if (typeof c.name !== 'string' || typeof c.email !== 'string') return null;
  return {
    name: c.name,
    email: c.email,
    phone: typeof c.phone === 'string' ? c.phone : null,
    ...(typeof c.locale === 'string' ? { locale: c.locale } : {}),
  };
}

type SurveyColumns = Pick<
  Selectable<SurveysTable>,
  'id' | 'audience' | 'contact_name' | 'contact_email' | 'locale' | 'answers' | 'sent_at' | 'completed_at'
>;

export function toSurvey(r: SurveyColumns): Survey {
  return {
    id: r.id,
    audience: r.audience,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    locale: r.locale,
    answers: r.answers,
    sentAt: r.sent_at,
    completedAt: r.completed_at,
  };
}

/** The claim row of a record, in the scope. */
export const claimQuery = (db: Q, scope: Scope, nominationId: string) => {
  let q = db.selectFrom('workshop_claims').selectAll().where('nomination_id', '=', nominationId);
  if (scope.partnerId !== null) q = q.where('partner_id', '=', scope.partnerId);
  return q;
};

export function toClaim(r: Selectable<WorkshopClaimsTable>): Claim {
  return {
    id: r.id,
    nominationId: r.nomination_id,
    comments: r.comments,
    partnerContact: toContact(r.partner_contact),
    customerContact: toContact(r.customer_contact),
    contactsLockedAt: r.customer_contacts_locked_at,
    version: r.version,
  };
}

/** The contacts of the accepted (else the latest) consent request of a record. */
export async function consentContacts(db: Q, scope: Scope, nominationId: string): Promise<ClaimContacts> {
  let q = db
    .selectFrom('consent_requests')
    .selectAll()
    .where('nomination_id', '=', nominationId)
    .orderBy(sql`case when decision = 'accept' then 0 else 1 end`)
    .orderBy('created_at', 'desc')
    .orderBy('send_count', 'desc');
  if (scope.partnerId !== null) q = q.where('partner_id', '=', scope.partnerId);
  const cr = await q.executeTakeFirst();
  if (!cr) return { partnerContact: null, customerContact: null };
  return {
    partnerContact: {
      name: cr.partner_contact_name,
      email: cr.partner_contact_email,
      phone: cr.partner_contact_phone,
    },
    customerContact: {
      name: cr.customer_name,
      email: cr.customer_email,
      phone: cr.customer_phone,
      locale: cr.customer_locale,
    },
  };
}

/** The engagement's windows, which the record as decide() reads carries (toLocked). */
const WINDOW_COLUMNS = [
  'e.consent_window_days',
  'e.claim_window_days',
  'e.review_window_days',
  'e.dispute_window_days',
] as const;

/** The record, its parties and engagement, and today's rate of the customer's market. */
export const claimFactsQuery = (db: Q, scope: Scope, nominationId: string) => {
  let q = db
    .selectFrom('nominations as n')
    .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
    .innerJoin('tenants as t', 't.id', 'n.tenant_id')
    .innerJoin('partners as p', 'p.id', 'n.partner_id')
    .innerJoin('locations as l', 'l.id', 'n.location_id')
    .leftJoin('markets as m', 'm.country', 't.country')
    .leftJoin('engagement_rates as er', (join) =>
      join.onRef('er.engagement_id', '=', 'n.engagement_id').onRef('er.market', '=', 'm.market'),
    )
    .selectAll('n')
    .select(WINDOW_COLUMNS)
    .select([
      'e.code as engagement_code',
      'e.name as engagement_name',
      'e.poe_requirements',
      'e.currency as engagement_currency',
      't.name as tenant_name',
      't.tpid',
      't.country as tenant_country',
      'p.name as partner_name',
      'l.mpn_id',
      'l.name as location_name',
      'l.country as location_country',
      'm.market as rate_market',
      'er.amount_minor as rate_amount_minor',
    ])
    .where('n.id', '=', nominationId);
  if (scope.partnerId !== null) q = q.where('n.partner_id', '=', scope.partnerId);
  return q;
};

type FactsRow = NonNullable<Awaited<ReturnType<ReturnType<typeof claimFactsQuery>['executeTakeFirst']>>>;

async function itemsOf(db: Q, claimId: string): Promise<PoeItemFacts[]> {
  const rows = await db
    .selectFrom('poe_items as i')
    .leftJoin('files as f', 'f.sha256', 'i.file_sha256')
    .leftJoin('users as u', 'u.id', 'i.completed_by')
    .select([
      'i.kind',
      'i.file_name',
      'i.completed_at',
      'f.size_bytes',
      'f.content_type',
      'u.display_name',
      'u.kind as user_kind',
    ])
    .where('i.claim_id', '=', claimId)
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    completedAt: r.completed_at,
    completedBy: r.display_name && r.user_kind ? { kind: r.user_kind, name: r.display_name } : null,
    fileName: r.file_name,
    file: r.content_type ? { sizeBytes: Number(r.size_bytes ?? 0), contentType: r.content_type } : null,
  }));
}

async function currentSurveys(db: Q, claimId: string): Promise<Survey[]> {
  const rows = await db
    .selectFrom('surveys')
    .selectAll()
    .where('claim_id', '=', claimId)
    .where('voided_at', 'is', null)
    .execute();
  return rows.map(toSurvey);
}

async function decisionsOf(db: Q, claimId: string): Promise<ReviewDecision[]> {
  const rows = await db
    .selectFrom('review_decisions as d')
    .leftJoin('users as u', 'u.id', 'd.operator_id')
    .select(['d.id', 'd.decision', 'd.comment', 'd.created_at', 'd.operator_id', 'u.display_name'])
    .where('d.claim_id', '=', claimId)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
  return rows.map((d) => ({
    id: d.id,
    decision: d.decision,
    comment: d.comment,
    at: d.created_at,
    operator: { id: d.operator_id, name: d.display_name },
  }));
}

function payoutAtConsentOf(r: FactsRow): ClaimFacts['payoutAtConsent'] {
  if (!r.payout_market || r.payout_amount_minor === null || !r.payout_currency) return null;
  return {
    market: r.payout_market,
    amountMinor: Number(r.payout_amount_minor),
    currency: r.payout_currency.trim(),
  };
}

export async function claimFacts(db: Q, scope: Scope, nominationId: string): Promise<ClaimFacts | undefined> {
  const r = await claimFactsQuery(db, scope, nominationId).executeTakeFirst();
  if (!r) return undefined;
  const claimRow = await claimQuery(db, scope, nominationId).executeTakeFirst();
  const claim = claimRow ? toClaim(claimRow) : null;
  return {
    record: toLocked(r),
    submittedAt: r.submitted_at,
    endedAt: r.ended_at,
    partner: { id: r.partner_id, name: r.partner_name },
    location: { id: r.location_id, mpnId: r.mpn_id, name: r.location_name, country: r.location_country },
    customer: { tenantId: r.tenant_id, name: r.tenant_name, tpid: r.tpid, country: r.tenant_country },
    engagement: {
      id: r.engagement_id,
      code: r.engagement_code,
      name: r.engagement_name,
      currency: r.engagement_currency.trim(),
      poeRequirements: poeRequirementsOf(r.poe_requirements),
    },
    payoutAtConsent: payoutAtConsentOf(r),
    todaysRate:
      r.rate_market && r.rate_amount_minor !== null
        ? { market: r.rate_market, amountMinor: Number(r.rate_amount_minor) }
        : null,
    claim,
    consentContacts: claim ? null : await consentContacts(db, scope, nominationId),
    items: claim ? await itemsOf(db, claim.id) : [],
    surveys: claim ? await currentSurveys(db, claim.id) : [],
    decisions: claim ? await decisionsOf(db, claim.id) : [],
  };
}

/** The survey behind a link with its record and the names its page shows. */
export async function linkedSurvey(db: Q, tokenHash: string): Promise<LinkedSurvey | undefined> {
  const r = await db
    .selectFrom('survey_links as sl')
    .innerJoin('surveys as s', 's.id', 'sl.survey_id')
    .innerJoin('workshop_claims as c', 'c.id', 's.claim_id')
    .innerJoin('nominations as n', 'n.id', 'c.nomination_id')
    .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
    .innerJoin('tenants as t', 't.id', 'n.tenant_id')
    .innerJoin('partners as p', 'p.id', 'n.partner_id')
    .selectAll('n')
    .select(WINDOW_COLUMNS)
    .select([
      's.id as survey_id',
      's.claim_id',
      's.audience',
      's.contact_name',
      's.contact_email',
      's.locale',
      's.answers',
      's.sent_at',
      's.completed_at',
      's.voided_at',
      'e.name as workshop_name',
      't.name as tenant_name',
      'p.name as partner_name',
    ])
    .where('sl.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    survey: toSurvey({ ...r, id: r.survey_id }),
    claimId: r.claim_id,
    voided: r.voided_at !== null,
    record: toLocked(r),
    parties: { workshopName: r.workshop_name, customerName: r.tenant_name, partnerName: r.partner_name },
  };
}
