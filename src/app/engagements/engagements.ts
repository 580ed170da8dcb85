import {
  type CustomerCriterion,
  type PartnerCriteria,
  type PartnerIneligibility,
  partnerEligibility,
  WORKSHOP_KIND,
} from '../../domain/eligibility.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Actor, hasAnyIncentiveRole, locationsWhere } from '../../domain/policy.ts';
import type { Trx } from '../ports.ts';

// The engagement catalogue as one partner user sees it: each engagement with the eligibility of the
// user's own locations (R33: only locations where the user holds an incentive role).

export interface EngagementFilters {
  solutionArea?: string | undefined;
  availability?: 'upcoming' | 'active' | 'expired' | undefined;
  kind?: 'workshop' | 'deployment' | 'consumption' | undefined;
  locationId?: string | undefined;
}

function requirePartnerWithRole(actor: Actor): asserts actor is Extract<Actor, { kind: 'partnerUser' }> {
  if (actor.kind !== 'partnerUser') throw new DomainError('Forbidden');
  if (!hasAnyIncentiveRole(actor)) throw new DomainError('NoIncentiveRole');
}

async function userLocations(db: Trx, actor: Extract<Actor, { kind: 'partnerUser' }>, onlyId?: string) {
  const ids = locationsWhere(actor, 'customers.view');
  if (onlyId && !ids.includes(onlyId)) throw new DomainError('NotFound', { target: 'locationId' });
  const wanted = onlyId ? [onlyId] : ids;
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('locations as l')
    .leftJoin('enrolments as e', 'e.location_id', 'l.id')
    .select(['l.id', 'l.mpn_id', 'l.name', 'l.country', 'l.designations', 'e.status'])
    .where('l.partner_id', '=', actor.partnerId)
    .where('l.id', 'in', wanted)
    .orderBy('l.name')
    .execute();
  return rows.map((l) => ({ ...l, enrolled: l.status === 'enrolled' }));
}

type EngagementRow = Awaited<ReturnType<typeof engagementQuery>>[number];

function engagementQuery(db: Trx, filters: EngagementFilters & { id?: string }) {
  let query = db
    .selectFrom('engagements')
    .select([
      'id',
      'code',
      'name',
      'kind',
      'solution_area',
      'availability',
      'description',
      'partner_criteria',
      'customer_criteria',
      'poe_requirements',
      'consent_window_days',
      'claim_window_days',
      'review_window_days',
      'dispute_window_days',
      'reminder_days',
      'currency',
    ]);
  if (filters.id) query = query.where('id', '=', filters.id);
  if (filters.solutionArea) query = query.where('solution_area', '=', filters.solutionArea);
  if (filters.availability) query = query.where('availability', '=', filters.availability);
  if (filters.kind) query = query.where('kind', '=', filters.kind);
  return query.orderBy('name').orderBy('id').execute();
}

/**
 * Whether each location can earn on the engagement. "Not a workshop" is about the Customers page (R2),
 * not about earning, so it is left out here: a deployment engagement still has earning locations.
 */
function eligibilityOf(engagement: EngagementRow, locations: Awaited<ReturnType<typeof userLocations>>) {
  return locations.map((l) => {
    const verdict = partnerEligibility(
      { enrolled: l.enrolled, country: l.country, designations: l.designations },
      {
        kind: engagement.kind,
        availability: engagement.availability,
        partnerCriteria: engagement.partner_criteria as unknown as PartnerCriteria,
      },
    );
    const reasons = verdict.reasons.filter((r) => r.code !== 'notWorkshop');
    return { location: l, eligible: reasons.length === 0, reasons };
  });
}

async function activeCounts(db: Trx, actor: Extract<Actor, { kind: 'partnerUser' }>, locationIds: string[]) {
  if (locationIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('customer_rows')
    .select(['engagement_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('partner_id', '=', actor.partnerId)
    .where('tab', '=', 'eligible')
    .where('location_id', 'in', locationIds)
    .groupBy('engagement_id')
    .execute();
  return new Map(rows.map((r) => [r.engagement_id, Number(r.n)]));
}

function summary(engagement: EngagementRow, eligibility: ReturnType<typeof eligibilityOf>, active: number) {
  return {
    id: engagement.id,
    code: engagement.code,
    name: engagement.name,
    kind: engagement.kind,
    solutionArea: engagement.solution_area,
    availability: engagement.availability,
    description: engagement.description,
    hasCustomersPage: engagement.kind === WORKSHOP_KIND,
    eligibility: {
      earningLocations: eligibility.filter((e) => e.eligible).length,
      enrolledLocations: eligibility.filter((e) => e.location.enrolled).length,
    },
    activeCustomers: active,
  };
}

export async function listEngagements(db: Trx, actor: Actor, filters: EngagementFilters) {
  requirePartnerWithRole(actor);
  const locations = await userLocations(db, actor, filters.locationId);
  const engagements = await engagementQuery(db, filters);
  const active = await activeCounts(
    db,
    actor,
    locations.map((l) => l.id),
  );
  return engagements.map((e) => summary(e, eligibilityOf(e, locations), active.get(e.id) ?? 0));
}

export async function getEngagement(db: Trx, actor: Actor, engagementId: string) {
  requirePartnerWithRole(actor);
  const [engagement] = await engagementQuery(db, { id: engagementId });
  if (!engagement) throw new DomainError('NotFound', { target: 'engagementId' });
  const locations = await userLocations(db, actor);
  const eligibility = eligibilityOf(engagement, locations);
  const active = await activeCounts(
    db,
    actor,
    locations.map((l) => l.id),
  );
  const rates = await db
    .selectFrom('engagement_rates')
    .select(['market', 'amount_minor'])
    .where('engagement_id', '=', engagementId)
    .orderBy('market')
    .execute();
  const poe = engagement.poe_requirements as unknown as Record<string, boolean>;
  return {
    ...summary(engagement, eligibility, active.get(engagement.id) ?? 0),
    windows: {
      consentDays: engagement.consent_window_days,
      claimDays: engagement.claim_window_days,
      reviewDays: engagement.review_window_days,
      disputeDays: engagement.dispute_window_days,
    },
    reminderDays: engagement.reminder_days,
    partnerCriteria: engagement.partner_criteria as unknown as PartnerCriteria,
    customerCriteria: engagement.customer_criteria as unknown as CustomerCriterion[],
    poeRequirements: {
      findingsReport: poe.findingsReport !== false,
      invoice: poe.invoice !== false,
      partnerSurvey: poe.partnerSurvey !== false,
      customerSurvey: poe.customerSurvey !== false,
    },
    rates: rates.map((r) => ({
      market: r.market,
      amountMinor: Number(r.amount_minor),
      currency: engagement.currency,
    })),
    locations: eligibility.map((e) => ({
      locationId: e.location.id,
      mpnId: e.location.mpn_id,
      name: e.location.name,
      country: e.location.country,
      enrolled: e.location.enrolled,
      eligible: e.eligible,
      reasons: e.reasons as PartnerIneligibility[],
    })),
  };
}
