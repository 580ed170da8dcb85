import type { IntlShape } from 'react-intl';
import type { CustomerRow, CustomerSort, CustomerTab, RowAction } from '../../api/types.ts';

// The words of the Customers page (spec §3, §5) for the values the API returns.

export const TAB_MESSAGE_IDS = {
  eligible: 'customers.tab.eligible',
  ineligible: 'customers.tab.ineligible',
  complete: 'customers.tab.complete',
} as const satisfies Record<CustomerTab, string>;

export const SORT_MESSAGE_IDS = {
  name: 'customers.sort.name',
  '-name': 'customers.sort.nameDesc',
  daysLeft: 'customers.sort.daysLeft',
  '-daysLeft': 'customers.sort.daysLeftDesc',
  status: 'customers.sort.status',
  '-status': 'customers.sort.statusDesc',
} as const satisfies Record<CustomerSort, string>;

export const ACTION_MESSAGE_IDS = {
  claimCustomer: 'customers.action.claimCustomer',
  triggerConsent: 'customers.action.triggerConsent',
  resendConsent: 'customers.action.resendConsent',
  submitWorkshopClaim: 'customers.action.submitWorkshopClaim',
  continueWorkshopClaim: 'customers.action.continueWorkshopClaim',
  viewWorkshopClaim: 'customers.action.viewWorkshopClaim',
} as const satisfies Record<RowAction, string>;

/** §5 statuses (and `candidate`, a known customer not yet claimed) as the Status and Outcome columns say them. */
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
} as const;

export function statusLabel(intl: IntlShape, status: string): string {
  const id = (
    STATUS_MESSAGE_IDS as Record<string, (typeof STATUS_MESSAGE_IDS)[keyof typeof STATUS_MESSAGE_IDS]>
  )[status];
  // A status this version does not know yet: show it rather than nothing.
  return id ? intl.formatMessage({ id }) : status.replace(/_/g, ' ');
}

/** The countdown of the Status column ("12 days left for consent"), or null when there is none. */
export function countdownText(intl: IntlShape, row: CustomerRow): string | null {
  if (row.countdown === null || row.daysLeft === null) return null;
  const days = row.daysLeft;
  switch (row.countdown) {
    case 'consent':
      return intl.formatMessage({ id: 'customers.countdown.consent' }, { days });
    case 'claim':
      return intl.formatMessage({ id: 'customers.countdown.claim' }, { days });
    case 'dispute':
      return intl.formatMessage({ id: 'customers.countdown.dispute' }, { days });
    case 'review':
      return intl.formatMessage({ id: 'customers.countdown.review' }, { days });
    default:
      return null;
  }
}
