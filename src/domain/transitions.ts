// THE transition table of an engagement customer (spec §5, architecture §3): every change of
// `status` is one row here, and only `decide()` in lifecycle.ts reads it to change a status.
// It lives in its own file (with type-only imports) so that status.ts can derive the tab of an
// overdue record from the same rows without an import cycle.

import type { NominationStatus } from './status.ts';
import { isOpen } from './time.ts';

export const EVENT_TYPES = [
  'requestConsent',
  'resendConsent',
  'updateConsentContact',
  'acceptConsent',
  'declineConsent',
  'expireConsent',
  'supersede',
  'submitClaim',
  'startReview',
  'requestInfo',
  'resubmitClaim',
  'approve',
  'reject',
  'dispute',
  'expireClaim',
  'expireReview',
  'expireDispute',
  'cancelClaim',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Deadline columns, written once at a transition and never moved (spec §5). */
export type DeadlineColumn = 'consentDueAt' | 'claimDueAt' | 'reviewDueAt' | 'disputeDueAt';

/** Every column the machine may write besides `status`. */
export type StampColumn =
  | 'consentedAt'
  | 'claimDueAt'
  | 'reviewDueAt'
  | 'firstSubmittedAt'
  | 'submittedAt'
  | 'rejectedAt'
  | 'disputeDueAt'
  | 'disputedAt'
  | 'endedAt';

export type PartnerNoticeKind =
  | 'consentAccepted'
  | 'consentDeclined'
  | 'consentExpired'
  | 'superseded'
  | 'claimExpired'
  | 'actionRequired'
  | 'claimApproved'
  | 'claimRejected'
  | 'claimRejectedFinal'
  | 'reviewExpired'
  | 'disputeExpired';

/** Side effects as data: the app layer turns them into queued jobs in the same transaction. */
export type Effect =
  | { type: 'sendConsentEmail'; reason: 'request' | 'resend' | 'contactChanged' }
  /** Invalidate every consent link of this record issued so far (contact changed, §4.3). */
  | { type: 'voidConsentLinks' }
  /** First consent wins (§4.3): every other partner's claimed/consent_pending record for the same customer and engagement gets `supersede`. */
  | { type: 'supersedeOthers' }
  /** R30: a claimed customer whose consent ended goes back to being a claim candidate. */
  | { type: 'becomesCandidate' }
  /** In-app notification + email to the partner (R30 and beyond). */
  | { type: 'notifyPartner'; kind: PartnerNoticeKind };

/**
 * - `action`: a user, customer, operator or system action; allowed only while now < deadline,
 *   refused with DeadlinePassed from the deadline on. Correctness never waits for a sweeper (§5).
 * - `sweep`: materialises an end state; allowed only once now >= deadline, else DeadlineNotReached.
 */
type Timing = 'action' | 'sweep';

/** Who causes an event: the partner, the customer (public pages), the program operator, or time (sweeps). */
type EventSource = 'partner' | 'customer' | 'operator' | 'system';

export interface Transition {
  readonly event: EventType;
  readonly by: EventSource;
  readonly from: readonly NominationStatus[];
  /** null: the event is valid but changes no state (resend, contact change). */
  readonly to: NominationStatus | null;
  readonly deadline: DeadlineColumn;
  readonly timing: Timing;
  /** Selects between rows with the same (from, event): has the record been disputed before? */
  readonly when?: 'notDisputed' | 'disputed';
  /** Columns written by this transition (endedAt is added for every entry into an end state). */
  readonly writes: readonly Exclude<StampColumn, 'endedAt'>[];
  readonly effects: readonly Effect[];
  /** R30: on this ending, a record of origin 'claim' makes the customer a claim candidate again. */
  readonly candidateIfClaimed?: true;
}

const REVIEW_STATES = ['claim_submitted', 'under_review', 'action_required', 'disputed'] as const;

export const TRANSITIONS: readonly Transition[] = [
  // R26–R28: "Trigger customer consent". Only from claimed: once pending, use resend or
  // updateConsentContact. The 30-day clock started at add/claim (R24), not here.
  {
    event: 'requestConsent',
    by: 'partner',
    from: ['claimed'],
    to: 'consent_pending',
    deadline: 'consentDueAt',
    timing: 'action',
    writes: [],
    effects: [{ type: 'sendConsentEmail', reason: 'request' }],
  },
  // R29: a reminder while pending and open; never extends the window (R24). The one-per-hour
  // limit is in consent.ts (it needs the last send time, which is not a lifecycle column).
  {
    event: 'resendConsent',
    by: 'partner',
    from: ['consent_pending'],
    to: null,
    deadline: 'consentDueAt',
    timing: 'action',
    writes: [],
    effects: [{ type: 'sendConsentEmail', reason: 'resend' }],
  },
  // §4.3: changing the customer contact voids the old link; the new contact needs a new email,
  // so it is sent at once (otherwise nobody could accept). The deadline stays (R24).
  {
    event: 'updateConsentContact',
    by: 'partner',
    from: ['consent_pending'],
    to: null,
    deadline: 'consentDueAt',
    timing: 'action',
    writes: [],
    effects: [{ type: 'voidConsentLinks' }, { type: 'sendConsentEmail', reason: 'contactChanged' }],
  },
  // R31/S2: consent opens the 90-day claim window and the 120-day review window, both counted
  // from the consent. First consent wins: the others are superseded in the same transaction.
  {
    event: 'acceptConsent',
    by: 'customer',
    from: ['consent_pending'],
    to: 'active',
    deadline: 'consentDueAt',
    timing: 'action',
    writes: ['consentedAt', 'claimDueAt', 'reviewDueAt'],
    effects: [{ type: 'supersedeOthers' }, { type: 'notifyPartner', kind: 'consentAccepted' }],
  },
  // R30
  {
    event: 'declineConsent',
    by: 'customer',
    from: ['consent_pending'],
    to: 'consent_declined',
    deadline: 'consentDueAt',
    timing: 'action',
    writes: [],
    effects: [{ type: 'notifyPartner', kind: 'consentDeclined' }],
    candidateIfClaimed: true,
  },
  // R24/R30: no answer within the window (also a record whose consent was never requested).
  {
    event: 'expireConsent',
    by: 'system',
    from: ['claimed', 'consent_pending'],
    to: 'consent_expired',
    deadline: 'consentDueAt',
    timing: 'sweep',
    writes: [],
    effects: [{ type: 'notifyPartner', kind: 'consentExpired' }],
    candidateIfClaimed: true,
  },
  // First consent wins (§4.3). Timed as an action: a record already past its own consent
  // deadline is expired (hidden, R30), not superseded; the sweep will end it as consent_expired.
  {
    event: 'supersede',
    by: 'system',
    from: ['claimed', 'consent_pending'],
    to: 'superseded',
    deadline: 'consentDueAt',
    timing: 'action',
    writes: [],
    effects: [{ type: 'notifyPartner', kind: 'superseded' }],
  },
  // S9: the first submission must happen within 90 days of consent.
  {
    event: 'submitClaim',
    by: 'partner',
    from: ['active'],
    to: 'claim_submitted',
    deadline: 'claimDueAt',
    timing: 'action',
    writes: ['firstSubmittedAt', 'submittedAt'],
    effects: [],
  },
  // §4.4: review, including the review of a dispute, must finish within 120 days of consent.
  {
    event: 'startReview',
    by: 'operator',
    from: ['claim_submitted', 'disputed'],
    to: 'under_review',
    deadline: 'reviewDueAt',
    timing: 'action',
    writes: [],
    effects: [],
  },
  {
    event: 'requestInfo',
    by: 'operator',
    from: ['under_review'],
    to: 'action_required',
    deadline: 'reviewDueAt',
    timing: 'action',
    writes: [],
    effects: [{ type: 'notifyPartner', kind: 'actionRequired' }],
  },
  // Decision: a resubmission is bounded by reviewDueAt, not claimDueAt. The 90-day claim window
  // (S9) governs the *first* submission; after it the claim is in review, and an operator asking
  // for more information on day 89 must not leave the partner with no time to answer. The review
  // deadline still caps everything (expireReview covers action_required).
  {
    event: 'resubmitClaim',
    by: 'partner',
    from: ['action_required'],
    to: 'claim_submitted',
    deadline: 'reviewDueAt',
    timing: 'action',
    writes: ['submittedAt'],
    effects: [],
  },
  {
    event: 'approve',
    by: 'operator',
    from: ['under_review'],
    to: 'approved',
    deadline: 'reviewDueAt',
    timing: 'action',
    writes: [],
    effects: [{ type: 'notifyPartner', kind: 'claimApproved' }],
  },
  // §4.4: a first rejection opens the 30-day dispute window ...
  {
    event: 'reject',
    by: 'operator',
    from: ['under_review'],
    when: 'notDisputed',
    to: 'rejected',
    deadline: 'reviewDueAt',
    timing: 'action',
    writes: ['rejectedAt', 'disputeDueAt'],
    effects: [{ type: 'notifyPartner', kind: 'claimRejected' }],
  },
  // ... a rejection after a dispute is final (no new dispute window).
  {
    event: 'reject',
    by: 'operator',
    from: ['under_review'],
    when: 'disputed',
    to: 'rejected_final',
    deadline: 'reviewDueAt',
    timing: 'action',
    writes: ['rejectedAt'],
    effects: [{ type: 'notifyPartner', kind: 'claimRejectedFinal' }],
  },
  // §4.4: dispute once (a second one is refused with AlreadyDisputed in decide()), within the
  // window. Note: only disputeDueAt is checked; a dispute filed after reviewDueAt can no longer
  // be reviewed and will end as post_submission_expired (expireReview covers disputed).
  {
    event: 'dispute',
    by: 'partner',
    from: ['rejected'],
    when: 'notDisputed',
    to: 'disputed',
    deadline: 'disputeDueAt',
    timing: 'action',
    writes: ['disputedAt'],
    effects: [],
  },
  // S9
  {
    event: 'expireClaim',
    by: 'system',
    from: ['active'],
    to: 'not_submitted_expired',
    deadline: 'claimDueAt',
    timing: 'sweep',
    writes: [],
    effects: [{ type: 'notifyPartner', kind: 'claimExpired' }],
  },
  {
    event: 'expireReview',
    by: 'system',
    from: REVIEW_STATES,
    to: 'post_submission_expired',
    deadline: 'reviewDueAt',
    timing: 'sweep',
    writes: [],
    effects: [{ type: 'notifyPartner', kind: 'reviewExpired' }],
  },
  {
    event: 'expireDispute',
    by: 'system',
    from: ['rejected'],
    to: 'dispute_expired',
    deadline: 'disputeDueAt',
    timing: 'sweep',
    writes: [],
    effects: [{ type: 'notifyPartner', kind: 'disputeExpired' }],
  },
  // §4.4: the partner may cancel any time before the first submit. `active` is exactly "consented,
  // never submitted" (no transition leads back to it), and the claim window must still be open.
  {
    event: 'cancelClaim',
    by: 'partner',
    from: ['active'],
    to: 'cancelled',
    deadline: 'claimDueAt',
    timing: 'action',
    writes: [],
    effects: [],
  },
];

/** The deadline columns of a record, as far as they are known. */
export interface DeadlineView {
  consentDueAt: Date;
  claimDueAt?: Date | null;
  reviewDueAt?: Date | null;
  disputeDueAt?: Date | null;
}

/**
 * The status a record has in effect at `now`: its own status, or the end state the sweep would
 * write if its deadline has passed. Derived from the sweep rows above, so a list, a page or a
 * check that runs before the sweeper never disagrees with the machine (§5).
 */
export function effectiveStatus(
  status: NominationStatus,
  now: Date,
  deadlines: DeadlineView,
): NominationStatus {
  for (const row of TRANSITIONS) {
    if (row.timing !== 'sweep' || row.to === null || !row.from.includes(status)) continue;
    const due = deadlines[row.deadline];
    if (due && !isOpen(due, now)) return row.to;
  }
  return status;
}
