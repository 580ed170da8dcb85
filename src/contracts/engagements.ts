import { z } from 'zod';
import { Id } from './common.ts';
import { AVAILABILITIES, ENGAGEMENT_KINDS } from './values.ts';

// The engagement catalogue as a partner sees it (issue 3, spec §2, §6).
export const EngagementKind = z.enum(ENGAGEMENT_KINDS);
export const Availability = z.enum(AVAILABILITIES);

const EligibilitySummary = z.object({
  /** Locations of the partner (where the user holds an incentive role) that may earn on it now. */
  earningLocations: z.number().int(),
  /** Enrolled locations of the partner where the user holds an incentive role. */
  enrolledLocations: z.number().int(),
});

export const EngagementSummary = z
  .object({
    id: Id,
    code: z.string(),
    name: z.string(),
    kind: EngagementKind,
    solutionArea: z.string(),
    availability: Availability,
    description: z.string(),
    /** R2: only workshops (build intent) have a Customers page. */
    hasCustomersPage: z.boolean(),
    eligibility: EligibilitySummary,
    /** Customers with a record in progress on it for this partner (Eligible tab, not candidates). */
    activeCustomers: z.number().int(),
  })
  .meta({ id: 'EngagementSummary' });
export type EngagementSummary = z.infer<typeof EngagementSummary>;

export const EngagementListQuery = z.strictObject({
  solutionArea: z.string().max(100).optional(),
  availability: Availability.optional(),
  kind: EngagementKind.optional(),
  locationId: Id.optional(),
  maxpagesize: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
});

export const EngagementList = z.object({
  value: z.array(EngagementSummary),
  nextLink: z.string().optional(),
});

export const Reason = z.object({
  code: z.string(),
  message: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
});

const LocationEligibility = z.object({
  locationId: Id,
  mpnId: z.string(),
  name: z.string(),
  country: z.string(),
  enrolled: z.boolean(),
  eligible: z.boolean(),
  /** Unmet partner criteria, each with a localised explanation. */
  reasons: z.array(Reason),
});

const Criterion = z.object({
  type: z.string(),
  /** The criterion as a localised sentence ("Customer country is one of: US, PL"). */
  description: z.string(),
  params: z.record(z.string(), z.unknown()),
});

export const EngagementDetail = EngagementSummary.extend({
  windows: z.object({
    consentDays: z.number().int(),
    claimDays: z.number().int(),
    reviewDays: z.number().int(),
    disputeDays: z.number().int(),
  }),
  reminderDays: z.array(z.number().int()),
  partnerCriteria: z.array(Criterion),
  customerCriteria: z.array(Criterion),
  poeRequirements: z.object({
    findingsReport: z.boolean(),
    invoice: z.boolean(),
    partnerSurvey: z.boolean(),
    customerSurvey: z.boolean(),
  }),
  rates: z.array(
    z.object({ market: z.enum(['A', 'B', 'C']), amountMinor: z.number().int(), currency: z.string() }),
  ),
  locations: z.array(LocationEligibility),
}).meta({ id: 'EngagementDetail' });
export type EngagementDetail = z.infer<typeof EngagementDetail>;

export const EngagementParams = z.object({ engagementId: Id });
