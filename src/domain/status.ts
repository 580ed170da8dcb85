// The states of an engagement customer (in code: nomination) and where each one shows on the
// Customers page (spec §5). The status column is only ever changed by decide() in lifecycle.ts. Sets of
// statuses (live, consented, in review, …) are derived from the transition table in lifecycle-sets.ts.

export const NOMINATION_STATUSES = [
  'claimed',
  'consent_pending',
  'consent_declined',
  'consent_expired',
  'superseded',
  'active',
  'claim_submitted',
  'under_review',
  'action_required',
  'disputed',
  'approved',
  'rejected',
  'rejected_final',
  'not_submitted_expired',
  'post_submission_expired',
  'dispute_expired',
  'cancelled',
] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];

const STATUS_SET: ReadonlySet<string> = new Set(NOMINATION_STATUSES);
export function isNominationStatus(value: unknown): value is NominationStatus {
  return typeof value === 'string' && STATUS_SET.has(value);
}

export type Tab = 'eligible' | 'ineligible' | 'complete' | 'hidden';

/** The §5 table, for a record whose deadlines have not passed. */
export const TAB_OF_STATUS: Readonly<Record<NominationStatus, Tab>> = {
  claimed: 'eligible',
  consent_pending: 'eligible',
  // R30: the record disappears; a claimed customer reappears as a candidate (a different row).
  consent_declined: 'hidden',
  consent_expired: 'hidden',
  superseded: 'ineligible', // R7 consentedToOtherPartner
  active: 'eligible',
  claim_submitted: 'eligible',
  under_review: 'eligible',
  action_required: 'eligible',
  disputed: 'eligible',
  rejected: 'eligible', // until the dispute window ends
  approved: 'complete',
  rejected_final: 'complete',
  not_submitted_expired: 'complete',
  post_submission_expired: 'complete',
  dispute_expired: 'complete',
  cancelled: 'complete',
};
