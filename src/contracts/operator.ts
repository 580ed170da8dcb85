import { z } from 'zod';
import { FileKind, WorkshopClaim } from './claims.ts';
import { Id, Name, StatusList } from './common.ts';
import { AWAITING_OPERATOR, CLAIM_STATUS_VALUES, type ClaimStatus as ClaimStatusValue } from './lifecycle.ts';

// The program operator's back office (spec §4.5, issue 6): the claim review queue, the claim detail,
// review decisions and the engagement editor. Operators only; partner users get 403.

// ── Review queue ──────────────────────────────────────────────────────────────

/** Statuses a workshop claim can have once it was submitted (the queue's filter values), from the lifecycle. */
export const ClaimStatus = z.enum(CLAIM_STATUS_VALUES as readonly [ClaimStatusValue, ...ClaimStatusValue[]]);
export type ClaimStatus = z.infer<typeof ClaimStatus>;
export { AWAITING_OPERATOR, CLAIM_STATUS_VALUES };

export const ReviewQueueQuery = z.strictObject({
  status: StatusList(
    `Comma-separated claim statuses (${CLAIM_STATUS_VALUES.join(', ')}); default: ${AWAITING_OPERATOR.join(',')}.`,
  ),
  engagementId: Id.optional(),
  maxpagesize: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(500).optional(),
});
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuery>;

export const ReviewQueueItem = z
  .object({
    nominationId: Id,
    claimId: Id,
    partner: z.object({ id: Id, name: z.string() }),
    location: z.object({ id: Id, mpnId: z.string(), name: z.string() }),
    customer: z.object({ name: z.string(), tenantId: Id }),
    engagement: z.object({ id: Id, name: z.string() }),
    /** The status in effect now (a review past its deadline reads post_submission_expired before the sweep). */
    status: z.string(),
    submittedAt: z.iso.datetime(),
    firstSubmittedAt: z.iso.datetime(),
    reviewDueAt: z.iso.datetime().nullable(),
    /** Days left to finish the review (ceil, never < 0); null once the claim left review. */
    daysLeft: z.number().int().nullable(),
    disputed: z.boolean(),
  })
  .meta({ id: 'ReviewQueueItem' });
export type ReviewQueueItem = z.infer<typeof ReviewQueueItem>;

export const ReviewQueue = z.object({ value: z.array(ReviewQueueItem), nextLink: z.string().optional() });

// ── Claim detail ──────────────────────────────────────────────────────────────

export const OperatorClaimParams = z.object({ nominationId: Id });
export const OperatorClaimFileParams = z.object({ nominationId: Id, kind: FileKind });
const Decision = z.enum(['approve', 'reject', 'requestInfo']);

/**
 * The claim as the partner sees it (WorkshopClaim, in its operator audience: names of both sides, the
 * customer survey's answers, every review) plus what only the operator needs to review it.
 */
export const OperatorClaimDetail = WorkshopClaim.extend({
  /** The status stored (differs from `status` only while a passed deadline awaits its sweep). */
  storedStatus: z.string(),
  location: z.object({ id: Id, mpnId: z.string(), name: z.string(), country: z.string() }),
  customer: z.object({
    tenantId: Id,
    name: z.string(),
    tpid: z.number().int().nullable(),
    country: z.string().nullable(),
  }),
  rejectedAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
  /** Days left to finish the review while the claim is in review, else null. */
  reviewDaysLeft: z.number().int().nullable(),
  disputed: z.boolean(),
  /** Every review decision with the operator who took it. */
  decisions: z.array(
    z.object({
      id: Id,
      decision: Decision,
      comment: z.string(),
      at: z.iso.datetime(),
      operator: z.object({ id: Id, name: z.string().nullable() }),
    }),
  ),
  /** Operator downloads of the uploaded files (GET), null when there is no file. */
  files: z.object({ findingsReport: z.string().nullable(), invoice: z.string().nullable() }),
  /** The decisions the operator can take now (empty when none). */
  allowedDecisions: z.array(Decision),
}).meta({ id: 'OperatorClaimDetail' });
export type OperatorClaimDetail = z.infer<typeof OperatorClaimDetail>;

// ── Decisions ─────────────────────────────────────────────────────────────────

/** The comment that rejecting and requesting information need (the decision form checks it with this too). */
export const DecisionComment = z.string().trim().min(1).max(2000);
export const ReviewDecisionRequest = z
  .discriminatedUnion('decision', [
    z.strictObject({ decision: z.literal('approve'), comment: z.string().trim().max(2000).optional() }),
    z.strictObject({ decision: z.literal('reject'), comment: DecisionComment }),
    z.strictObject({ decision: z.literal('requestInfo'), comment: DecisionComment }),
  ])
  .meta({ id: 'ReviewDecisionRequest' });
export type ReviewDecisionRequest = z.infer<typeof ReviewDecisionRequest>;

export const ReviewDecisionResult = z
  .object({
    decisionId: Id,
    decision: z.enum(['approve', 'reject', 'requestInfo']),
    fromStatus: z.string(),
    status: z.string(),
    claim: OperatorClaimDetail,
  })
  .meta({ id: 'ReviewDecisionResult' });
export type ReviewDecisionResult = z.infer<typeof ReviewDecisionResult>;

// ── Engagement editor ─────────────────────────────────────────────────────────

const CountryCode = z.string().regex(/^[A-Za-z]{2}$/);
const ShortText = z.string().trim().min(1).max(100);

/** Shapes of src/domain/eligibility.ts (PartnerCriteria, CustomerCriterion); checked by the compiler in the app. */
const PartnerCriteriaInput = z.strictObject({
  countries: z.array(CountryCode).max(250).optional(),
  designations: z.array(ShortText).max(20).optional(),
});
const CustomerCriterionInput = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('countryIn'), countries: z.array(CountryCode).min(1).max(250) }),
  z.strictObject({ type: z.literal('segmentIn'), segments: z.array(ShortText).min(1).max(50) }),
  z
    .strictObject({
      type: z.literal('seatsBetween'),
      min: z.number().int().min(0).max(100_000_000).optional(),
      max: z.number().int().min(0).max(100_000_000).optional(),
    })
    .refine((c) => c.min !== undefined || c.max !== undefined, { message: 'min or max', path: ['min'] })
    .refine((c) => c.min === undefined || c.max === undefined || c.min <= c.max, {
      message: 'min ≤ max',
      path: ['max'],
    }),
  z.strictObject({ type: z.literal('productOwned'), product: ShortText }),
  z.strictObject({ type: z.literal('productNotOwned'), product: ShortText }),
]);
const PoeRequirements = z.strictObject({
  findingsReport: z.boolean(),
  invoice: z.boolean(),
  partnerSurvey: z.boolean(),
  customerSurvey: z.boolean(),
});
const Amount = z.number().int().min(0).max(1_000_000_000_000);
/** Payout per market in minor units; on PATCH, null removes a market's rate. */
const RatesInput = z.strictObject({
  A: Amount.nullable().optional(),
  B: Amount.nullable().optional(),
  C: Amount.nullable().optional(),
});

const editable = {
  name: Name(),
  description: z.string().trim().max(4000),
  solutionArea: z.string().trim().min(1).max(100),
  availability: z.enum(['upcoming', 'active', 'expired']),
  // The database's check ranges (migration 0001).
  consentWindowDays: z.number().int().min(1).max(365),
  claimWindowDays: z.number().int().min(1).max(730),
  reviewWindowDays: z.number().int().min(1).max(730),
  disputeWindowDays: z.number().int().min(1).max(365),
  reminderDays: z
    .array(z.number().int().min(1).max(60))
    .max(5)
    .refine((days) => new Set(days).size === days.length, { message: 'Each day once' }),
  partnerCriteria: PartnerCriteriaInput,
  customerCriteria: z.array(CustomerCriterionInput).max(20),
  poeRequirements: PoeRequirements,
  rates: RatesInput,
  currency: z.string().regex(/^[A-Z]{3}$/),
};

export const CreateEngagementRequest = z
  .strictObject({
    code: z
      .string()
      .trim()
      .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/),
    kind: z.enum(['workshop', 'deployment', 'consumption']),
    name: editable.name,
    solutionArea: editable.solutionArea,
    availability: editable.availability,
    description: editable.description.optional(),
    consentWindowDays: editable.consentWindowDays.optional(),
    claimWindowDays: editable.claimWindowDays.optional(),
    reviewWindowDays: editable.reviewWindowDays.optional(),
    disputeWindowDays: editable.disputeWindowDays.optional(),
    reminderDays: editable.reminderDays.optional(),
    partnerCriteria: editable.partnerCriteria.optional(),
    customerCriteria: editable.customerCriteria.optional(),
    poeRequirements: editable.poeRequirements.optional(),
    rates: editable.rates.optional(),
    currency: editable.currency.optional(),
  })
  .meta({ id: 'CreateEngagementRequest' });
export type CreateEngagementRequest = z.infer<typeof CreateEngagementRequest>;

export const PatchEngagementRequest = z
  .strictObject({
    name: editable.name.optional(),
    description: editable.description.optional(),
    solutionArea: editable.solutionArea.optional(),
    availability: editable.availability.optional(),
    consentWindowDays: editable.consentWindowDays.optional(),
    claimWindowDays: editable.claimWindowDays.optional(),
    reviewWindowDays: editable.reviewWindowDays.optional(),
    disputeWindowDays: editable.disputeWindowDays.optional(),
    reminderDays: editable.reminderDays.optional(),
    partnerCriteria: editable.partnerCriteria.optional(),
    customerCriteria: editable.customerCriteria.optional(),
    poeRequirements: editable.poeRequirements.optional(),
    rates: editable.rates.optional(),
    currency: editable.currency.optional(),
  })
  .meta({ id: 'PatchEngagementRequest' });
export type PatchEngagementRequest = z.infer<typeof PatchEngagementRequest>;

export const OperatorEngagement = z
  .object({
    id: Id,
    code: z.string(),
    name: z.string(),
    kind: z.enum(['workshop', 'deployment', 'consumption']),
    solutionArea: z.string(),
    availability: z.enum(['upcoming', 'active', 'expired']),
    description: z.string(),
    consentWindowDays: z.number().int(),
    claimWindowDays: z.number().int(),
    reviewWindowDays: z.number().int(),
    disputeWindowDays: z.number().int(),
    reminderDays: z.array(z.number().int()),
    partnerCriteria: z.object({
      countries: z.array(z.string()).optional(),
      designations: z.array(z.string()).optional(),
    }),
    customerCriteria: z.array(z.record(z.string(), z.unknown())),
    poeRequirements: z.object({
      findingsReport: z.boolean(),
      invoice: z.boolean(),
      partnerSurvey: z.boolean(),
      customerSurvey: z.boolean(),
    }),
    rates: z.object({
      A: z.number().int().nullable(),
      B: z.number().int().nullable(),
      C: z.number().int().nullable(),
    }),
    currency: z.string(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    /** The value to send back in If-Match with a PATCH (also in the ETag header). */
    etag: z.string(),
  })
  .meta({ id: 'OperatorEngagement' });
export type OperatorEngagement = z.infer<typeof OperatorEngagement>;

export const OperatorEngagementList = z.object({
  value: z.array(OperatorEngagement),
  nextLink: z.string().optional(),
});
export const OperatorEngagementListQuery = z.strictObject({
  kind: z.enum(['workshop', 'deployment', 'consumption']).optional(),
  availability: z.enum(['upcoming', 'active', 'expired']).optional(),
});
export const OperatorEngagementParams = z.object({ engagementId: Id });
