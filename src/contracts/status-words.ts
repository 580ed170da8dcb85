import type { NominationStatus } from '../domain/status.ts';

// Which web-catalogue message names a record's lifecycle status, for every place that shows one:
// the Customers page's Status and Outcome columns, the workshop claim page, the operator's pages, and
// the Customers export (the server writes the file with the words the screen shows, issue 15). Typed
// against the lifecycle's statuses, so a new status fails the build until it has its words.
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

export type StatusMessageId = (typeof STATUS_MESSAGE_IDS)[keyof typeof STATUS_MESSAGE_IDS];

const BY_STATUS: Partial<Record<string, StatusMessageId>> = STATUS_MESSAGE_IDS;

/** The message that names a status; undefined for one this build does not know (the API sends strings). */
export const statusMessageId = (status: string): StatusMessageId | undefined => BY_STATUS[status];
