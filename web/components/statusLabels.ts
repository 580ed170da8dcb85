import type { IntlShape } from 'react-intl';
import type { ClaimStatus } from '../../src/contracts/lifecycle.ts';
import { statusMessageId } from '../../src/contracts/status-words.ts';

// The words for a record's lifecycle status; which message names which status is in
// src/contracts/status-words.ts (shared with the server's Customers export).

/** A status as the pages say it (the API sends strings: one this build does not know shows as it is). */
export function statusLabel(intl: IntlShape, status: string): string {
  const id = statusMessageId(status);
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
