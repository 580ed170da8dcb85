import { partnerEligibility, WORKSHOP_KIND } from '../../domain/eligibility.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Actor, hasAnyIncentiveRole, locationsWhere } from '../../domain/policy.ts';
import type { Engagement } from '../store/engagements.ts';
import type { Repositories } from '../store/index.ts';
import type { Location } from '../store/users.ts';

// The engagement catalogue as one partner user sees it: each engagement with the eligibility of the
// user's own locations (R33: only locations where the user holds an incentive role).

export interface EngagementFilters {
  solutionArea?: string | undefined;
  availability?: 'upcoming' | 'active' | 'expired' | undefined;
  kind?: 'workshop' | 'deployment' | 'consumption' | undefined;
  locationId?: string | undefined;
}

type PartnerActor = Extract<Actor, { kind: 'partnerUser' }>;

function requirePartnerWithRole(actor: Actor): asserts actor is PartnerActor {
  if (actor.kind !== 'partnerUser') throw new DomainError('Forbidden');
  if (!hasAnyIncentiveRole(actor)) throw new DomainError('NoIncentiveRole');
}

/** R33: the user's locations with an incentive role (one of them when `onlyId` is given; else 404). */
async function userLocations(tx: Repositories, actor: PartnerActor, onlyId?: string) {
  const ids = locationsWhere(actor, 'customers.view');
  if (onlyId && !ids.includes(onlyId)) throw new DomainError('NotFound', { target: 'locationId' });
  return tx.users.locations({ partnerId: actor.partnerId }, onlyId ? [onlyId] : ids);
}

/**
 * Whether each location can earn on the engagement. "Not a workshop" is about the Customers page (R2),
 * not about earning, so it is left out here: a deployment engagement still has earning locations.
 */
function eligibilityOf(engagement: Engagement, locations: Location[]) {
  return locations.map((location) => {
    const reasons = partnerEligibility(location, engagement).reasons.filter((r) => r.code !== 'notWorkshop');
    return { location, eligible: reasons.length === 0, reasons };
  });
}

function summary(engagement: Engagement, eligibility: ReturnType<typeof eligibilityOf>, active: number) {
  return {
    id: engagement.id,
    code: engagement.code,
    name: engagement.name,
    kind: engagement.kind,
    solutionArea: engagement.solutionArea,
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

export async function listEngagements(tx: Repositories, actor: Actor, filters: EngagementFilters) {
  requirePartnerWithRole(actor);
  const locations = await userLocations(tx, actor, filters.locationId);
  const engagements = await tx.engagements.list(filters);
  const active = await tx.customerRows.eligibleCounts(
    { partnerId: actor.partnerId },
    locations.map((l) => l.id),
  );
  return engagements.map((e) => summary(e, eligibilityOf(e, locations), active.get(e.id) ?? 0));
}

export async function getEngagement(tx: Repositories, actor: Actor, engagementId: string) {
  requirePartnerWithRole(actor);
  const engagement = await tx.engagements.get(engagementId);
  if (!engagement) throw new DomainError('NotFound', { target: 'engagementId' });
  const locations = await userLocations(tx, actor);
  const eligibility = eligibilityOf(engagement, locations);
  const active = await tx.customerRows.eligibleCounts(
    { partnerId: actor.partnerId },
    locations.map((l) => l.id),
  );
  const rates = await tx.engagements.rates(engagementId);
  return {
    ...summary(engagement, eligibility, active.get(engagement.id) ?? 0),
    windows: engagement.windows,
    reminderDays: engagement.reminderDays,
    partnerCriteria: engagement.partnerCriteria,
    customerCriteria: engagement.customerCriteria,
    poeRequirements: engagement.poeRequirements,
    rates: rates.map((r) => ({
      market: r.market,
      amountMinor: r.amountMinor,
      currency: engagement.currency,
    })),
    locations: eligibility.map((e) => ({
      locationId: e.location.id,
      mpnId: e.location.mpnId,
      name: e.location.name,
      country: e.location.country,
      enrolled: e.location.enrolled,
      eligible: e.eligible,
      reasons: e.reasons,
    })),
  };
}
