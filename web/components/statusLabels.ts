import type { IntlShape } from 'react-intl';
import type { ClaimStatus, NominationStatus } from '../../src/contracts/lifecycle.ts';

// The words for a record's lifecycle status, in one place for every page that shows one: the
// Customers page's Status and Outcome columns, the workshop claim page, and the operator's queue and
// claim review. Typed against the lifecycle's statuses, so a new status fails the build until it
// has its words here.

/** §5 statuses (and `candidate`, a known customer not yet claimed) as sentences: "Consent requested". */
const STATUS_MESSAGE_IDS = {
  candidate: 'customers.status.candidate',
  claimed: 'customers.status.claimed',
  consent_pending: 'customers.status.consentPending',
  consent_declined: 'customers.status.consentDeclined',
  consent_expired: 'customers.status.consentExpired',
  superseded: 'customers.status.superseded',
  active: 'customers.status.active',
  claim_submitted: 'customers.status.claimSubmitted',
  under_review: 'customers.status.underReview',
  action_required: 'customers.status.actionRequired',
  disputed: 'customers.status.disputed',
  rejected: 'customers.status.rejected',
  approved: 'customers.status.approved',
  rejected_final: 'customers.status.rejectedFinal',
  not_submitted_expired: 'customers.status.notSubmittedExpired',
  post_submission_expired: 'customers.status.postSubmissionExpired',
  dispute_expired: 'customers.status.disputeExpired',
  cancelled: 'customers.status.cancelled',
} as const satisfies Record<NominationStatus | 'candidate', string>;

const STATUS_MESSAGE_ID: Partial<
  Record<string, (typeof STATUS_MESSAGE_IDS)[keyof typeof STATUS_MESSAGE_IDS]>
> = STATUS_MESSAGE_IDS;

/** A status as the pages say it (the API sends strings: one this build does not know shows as it is). */
export function statusLabel(intl: IntlShape, status: string): string {
  const id = STATUS_MESSAGE_ID[status];
  return id ? intl.formatMessage({ id }) : status.replace(/_/g, ' ');
}

/** The short names of the review queue's status filter (the sentences above are too long for a checkbox). */
export const STATUS_FILTER_IDS = {
  claim_submitted: 'operator.filter.status.claimSubmitted',
  under_review: 'operator.filter.status.underReview',
  action_required: 'operator.filter.status.actionRequired',
  disputed: 'operator.filter.status.disputed',
  approved: 'operator.filter.status.approved',
  rejected: 'operator.filter.status.rejected',
  rejected_final: 'operator.filter.status.rejectedFinal',
  post_submission_expired: 'operator.filter.status.postSubmissionExpired',
  dispute_expired: 'operator.filter.status.disputeExpired',
} as const satisfies Partial<Record<ClaimStatus, string>>;

const STATUS_FILTER_ID: Partial<
  Record<ClaimStatus, (typeof STATUS_FILTER_IDS)[keyof typeof STATUS_FILTER_IDS]>
> = STATUS_FILTER_IDS;

/** The filter's label of a claim status (each submitted status has one: test/unit/operator/labels.test.ts). */
export const statusFilterId = (status: ClaimStatus) => STATUS_FILTER_ID[status] ?? 'operator.filter.status';
