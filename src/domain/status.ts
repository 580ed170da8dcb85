// The states of an engagement customer (in code: nomination) and where each one shows on the
// Customers page (spec §5). The status column is only ever changed by decide() in lifecycle.ts.

import { daysLeft } from './time.ts';
import { type DeadlineView, effectiveStatus } from './transitions.ts';

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

/** End states: no event leads out of them (the "(end)" rows of §5). */
export const TERMINAL_STATUSES: readonly NominationStatus[] = [
  'consent_declined',
  'consent_expired',
  'superseded',
  'approved',
  'rejected_final',
  'not_submitted_expired',
  'post_submission_expired',
  'dispute_expired',
  'cancelled',
];
const TERMINAL_SET: ReadonlySet<NominationStatus> = new Set(TERMINAL_STATUSES);
export function isTerminal(status: NominationStatus): boolean {
  return TERMINAL_SET.has(status);
}

/**
 * R9 (add or claim, not both): at most one live record per (partner, engagement, customer).
 * Every status except the three endings that give the customer back (declined, expired,
 * superseded). Completed records stay live on purpose: a customer this partner already finished
 * the workshop with cannot be added again. Used verbatim in a partial unique index.
 */
export const LIVE_STATUSES: readonly NominationStatus[] = NOMINATION_STATUSES.filter(
  (s) => s !== 'consent_declined' && s !== 'consent_expired' && s !== 'superseded',
);

/**
 * First consent wins (§4.3): the statuses in which the customer's consent to this partner holds
 * and blocks every other partner for the same engagement. Endings after consent other than
 * `approved` (expired, cancelled, rejected final) free the customer again. Used verbatim in a
 * partial unique index on (engagement, customer).
 */
export const CONSENTED_STATUSES: readonly NominationStatus[] = [
  'active',
  'claim_submitted',
  'under_review',
  'action_required',
  'disputed',
  'rejected',
  'approved',
];

export type Tab = 'eligible' | 'ineligible' | 'complete' | 'hidden';

/** The §5 table, for a record whose deadlines have not passed. */
export const TAB_OF_STATUS: Readonly<Record<NominationStatus, Tab>> = {
  claimed: 'eligible',
  consent_pending: 'eligible',
  // R30: the record disappears; a claimed customer reappears as a candidate (a different row).
  consent_declined: 'hidden',
  consent_expired: 'hidden',
  superseded: 'ineligible', // R7 consented_to_other_partner
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

/**
 * The tab a record shows on at `now` (R3, R5–R8, §5). A record past a deadline is shown where its
 * end state belongs even if no sweep has run yet (rejected after dispute_due_at → complete;
 * claimed/consent_pending after consent_due_at → hidden; active after claim_due_at and review
 * states after review_due_at → complete), because correctness never waits for a sweeper.
 */
export function tabOf(status: NominationStatus, now: Date, record: DeadlineView): Tab {
  return TAB_OF_STATUS[effectiveStatus(status, now, record)];
}

export type NominationType = 'active' | 'notStarted';

/** R6: the Type column. `active` once consent was received; null for records not on the Eligible tab. */
export function typeOf(status: NominationStatus): NominationType | null {
  switch (status) {
    case 'claimed':
    case 'consent_pending':
      return 'notStarted';
    case 'active':
    case 'claim_submitted':
    case 'under_review':
    case 'action_required':
    case 'disputed':
    case 'rejected':
      return 'active';
    default:
      return null;
  }
}

export type CountdownKind = 'consent' | 'claim' | 'dispute';

/**
 * The "N days left" of the Status column (R25, R31, §5): for consent before consent, for the
 * workshop claim after it, for a dispute after a rejection; null when the column shows the claim
 * status instead.
 */
export function countdownOf(
  status: NominationStatus,
  now: Date,
  record: DeadlineView,
): { kind: CountdownKind; due: Date; daysLeft: number } | null {
  const pick = (kind: CountdownKind, due: Date | null | undefined) =>
    due ? { kind, due, daysLeft: daysLeft(due, now) } : null;
  switch (status) {
    case 'claimed':
    case 'consent_pending':
      return pick('consent', record.consentDueAt);
    case 'active':
      return pick('claim', record.claimDueAt);
    case 'rejected':
      return pick('dispute', record.disputeDueAt);
    default:
      return null;
  }
}
