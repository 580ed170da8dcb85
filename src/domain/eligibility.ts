// Who may take which workshop (spec §6, R7, R11, R15). Pure checks that return every reason,
// each with its parameters, so the UI can say exactly what is missing (partners complain that
// Partner Center does not).

/** R2: the only engagement kind that has a Customers page (build-intent engagement). */
export const WORKSHOP_KIND = 'workshop';

export type Availability = 'upcoming' | 'active' | 'expired';

export interface PartnerCriteria {
  /** ISO 3166-1 alpha-2 codes; absent or empty: every country. */
  countries?: string[];
  /** The location must hold all of them; absent or empty: none required. */
  designations?: string[];
}

export interface PartnerLocationFacts {
  enrolled: boolean;
  country: string;
  designations: readonly string[];
}

export interface EngagementFacts {
  kind: string;
  availability: Availability;
  partnerCriteria: PartnerCriteria;
}

export type PartnerIneligibility =
  | { code: 'notEnrolled' }
  | { code: 'engagementNotActive'; availability: Availability }
  | { code: 'notWorkshop'; kind: string }
  | { code: 'countryNotEligible'; country: string; countries: string[] }
  | { code: 'designationMissing'; designation: string };

export interface PartnerEligibility {
  eligible: boolean;
  reasons: PartnerIneligibility[];
}

// Codes from a directory import and from the operator's catalogue may differ in case
// ("us" vs "US", "smb" vs "SMB"); a criterion must not fail on that.
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const listed = (list: readonly string[], value: string) => list.some((item) => same(item, value));

/**
 * §6 partner side: a location may act on an engagement when it is enrolled, the engagement is an
 * active workshop (R2; an expired one accepts no new add/claim), and the location meets the
 * partner criteria. All unmet conditions are returned, in a stable order.
 */
export function partnerEligibility(
  location: PartnerLocationFacts,
  engagement: EngagementFacts,
): PartnerEligibility {
  const reasons: PartnerIneligibility[] = [];
  if (!location.enrolled) reasons.push({ code: 'notEnrolled' });
  if (engagement.kind !== WORKSHOP_KIND) reasons.push({ code: 'notWorkshop', kind: engagement.kind });
  if (engagement.availability !== 'active') {
    reasons.push({ code: 'engagementNotActive', availability: engagement.availability });
  }
  const { countries, designations } = engagement.partnerCriteria;
  if (countries && countries.length > 0 && !listed(countries, location.country)) {
    reasons.push({ code: 'countryNotEligible', country: location.country, countries: [...countries] });
  }
  for (const designation of designations ?? []) {
    if (!listed(location.designations, designation))
      reasons.push({ code: 'designationMissing', designation });
  }
  return { eligible: reasons.length === 0, reasons };
}

export type CustomerCriterion =
  | { type: 'countryIn'; countries: string[] }
  | { type: 'segmentIn'; segments: string[] }
  | { type: 'seatsBetween'; min?: number; max?: number }
  | { type: 'productOwned'; product: string }
  | { type: 'productNotOwned'; product: string };

export interface TenantFacts {
  country: string | null;
  segment: string | null;
  seats: number | null;
  products: readonly string[];
}

type CriterionFailureCode =
  | 'countryNotInList'
  | 'segmentNotInList'
  | 'seatsOutOfRange'
  | 'productNotOwned'
  | 'productOwned'
  | 'attributeUnknown';

export interface CriterionFailure {
  criterion: CustomerCriterion;
  code: CriterionFailureCode;
  /** For attributeUnknown: which directory attribute is missing. */
  attribute?: 'country' | 'segment' | 'seats';
}

export interface CustomerEligibility {
  eligible: boolean;
  failed: CriterionFailure[];
}

/** One criterion against the directory's data; null when it passes. */
function check(tenant: TenantFacts, criterion: CustomerCriterion): CriterionFailure | null {
  switch (criterion.type) {
    case 'countryIn':
      if (tenant.country === null) return { criterion, code: 'attributeUnknown', attribute: 'country' };
      return listed(criterion.countries, tenant.country) ? null : { criterion, code: 'countryNotInList' };
    case 'segmentIn':
      if (tenant.segment === null) return { criterion, code: 'attributeUnknown', attribute: 'segment' };
      return listed(criterion.segments, tenant.segment) ? null : { criterion, code: 'segmentNotInList' };
    case 'seatsBetween': {
      if (tenant.seats === null) return { criterion, code: 'attributeUnknown', attribute: 'seats' };
      // Inclusive bounds: "between 10 and 300 seats" includes 10 and 300.
      const tooFew = criterion.min !== undefined && tenant.seats < criterion.min;
      const tooMany = criterion.max !== undefined && tenant.seats > criterion.max;
      return tooFew || tooMany ? { criterion, code: 'seatsOutOfRange' } : null;
    }
    case 'productOwned':
      return listed(tenant.products, criterion.product) ? null : { criterion, code: 'productNotOwned' };
    case 'productNotOwned':
      return listed(tenant.products, criterion.product) ? { criterion, code: 'productOwned' } : null;
  }
}

/**
 * §6 customer side: every criterion is evaluated (all failures are reported, in criteria order).
 * A criterion whose attribute the directory does not know fails with attributeUnknown: a payout
 * must not rest on data nobody has. Checked on the exact tenant given, never its TPID siblings (§6).
 */
export function customerEligibility(
  tenant: TenantFacts,
  criteria: readonly CustomerCriterion[],
): CustomerEligibility {
  const failed: CriterionFailure[] = [];
  for (const criterion of criteria) {
    const failure = check(tenant, criterion);
    if (failure) failed.push(failure);
  }
  return { eligible: failed.length === 0, failed };
}

/** R7: the three reasons of the Ineligible tab, as the spec names them. */
const INELIGIBLE_REASONS = [
  'completedWithOtherPartner',
  'consentedToOtherPartner',
  'criteriaNotMet',
] as const;
export type IneligibleReasonCode = (typeof INELIGIBLE_REASONS)[number];

export type IneligibleReason =
  | { code: 'completedWithOtherPartner' }
  | { code: 'consentedToOtherPartner' }
  | { code: 'criteriaNotMet'; failed: CriterionFailure[] };

export interface IneligibleFacts {
  /** Another partner's record for this customer and engagement is `approved`. */
  completedWithOtherPartner: boolean;
  /** Another partner holds a record in a CONSENTED status, or this partner's own record is `superseded`. */
  consentedToOtherPartner: boolean;
  customer: CustomerEligibility;
}

/**
 * R7: exactly one reason per Ineligible row, or null when the customer is not ineligible.
 * Precedence completed > consented > criteria, from the most final to the least: a workshop
 * taken with another partner can never be undone; a consent to another partner may still lapse
 * (their claim can expire or be cancelled); criteria depend on directory data that can change.
 * Telling a partner to fix a criterion while the customer is taken anyway would send them after
 * the wrong problem. (An approved record also holds consent, so both flags may be true at once.)
 * No reason ever names the other partner (tenant isolation).
 */
export function ineligibleReason(facts: IneligibleFacts): IneligibleReason | null {
  if (facts.completedWithOtherPartner) return { code: 'completedWithOtherPartner' };
  if (facts.consentedToOtherPartner) return { code: 'consentedToOtherPartner' };
  if (!facts.customer.eligible) return { code: 'criteriaNotMet', failed: facts.customer.failed };
  return null;
}
