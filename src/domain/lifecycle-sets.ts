// Every set of statuses the product needs, derived from the transition table (transitions.ts) and the
// status definitions (status.ts): never a second hand-written list (architecture §3: "everything
// derivable from the table is derived"). test/unit/domain/lifecycle-sets.test.ts proves each against
// the table.

import { NOMINATION_STATUSES, type NominationStatus, TAB_OF_STATUS, type Tab } from './status.ts';
import { daysLeft } from './time.ts';
import { type DeadlineColumn, type DeadlineView, effectiveStatus, TRANSITIONS } from './transitions.ts';

const rowsWith = (test: (row: (typeof TRANSITIONS)[number]) => boolean) => TRANSITIONS.filter(test);
const inOrder = (set: ReadonlySet<NominationStatus>): readonly NominationStatus[] =>
  NOMINATION_STATUSES.filter((s) => set.has(s));

/** End states: no event leads out of them (the "(end)" rows of §5). */
export const TERMINAL_STATUSES: readonly NominationStatus[] = NOMINATION_STATUSES.filter(
  (s) => !TRANSITIONS.some((row) => row.from.includes(s)),
);
const TERMINAL = new Set(TERMINAL_STATUSES);
export const isTerminal = (status: NominationStatus): boolean => TERMINAL.has(status);

/**
 * The deadline that bounds a status: the deadline of the sweep that ends it (claimed/consent_pending →
 * consent, active → claim, the review states → review, rejected → dispute), or null for end states.
 */
export const BOUNDING_DEADLINE: Readonly<Record<NominationStatus, DeadlineColumn | null>> =
  Object.fromEntries(
    NOMINATION_STATUSES.map((s) => [
      s,
      TRANSITIONS.find((row) => row.timing === 'sweep' && row.from.includes(s))?.deadline ?? null,
    ]),
  ) as Record<NominationStatus, DeadlineColumn | null>;

/** The statuses a deadline bounds (those the sweep for that deadline ends), in status order. */
export const boundedBy = (deadline: DeadlineColumn): readonly NominationStatus[] =>
  NOMINATION_STATUSES.filter((s) => BOUNDING_DEADLINE[s] === deadline);

/** Before consent: the statuses bounded by the consent deadline. */
export const BEFORE_CONSENT: readonly NominationStatus[] = boundedBy('consentDueAt');

/** Consent asked and not answered: the statuses the customer's acceptance leads out of (reminders go out). */
export const AWAITING_CONSENT: readonly NominationStatus[] = inOrder(
  new Set(rowsWith((row) => row.event === 'acceptConsent').flatMap((row) => row.from)),
);

/** A workshop claim under review (§4.4): the statuses bounded by the review deadline. */
export const REVIEW_STATES: readonly NominationStatus[] = NOMINATION_STATUSES.filter(
  (s) => BOUNDING_DEADLINE[s] === 'reviewDueAt',
);
const REVIEW = new Set(REVIEW_STATES);
export const isInReview = (status: NominationStatus): boolean => REVIEW.has(status);

/** Claims waiting for the program operator: the statuses an operator event leads out of. */
export const AWAITING_OPERATOR: readonly NominationStatus[] = inOrder(
  new Set(rowsWith((row) => row.by === 'operator').flatMap((row) => row.from)),
);

/** Every status reachable from `start` through the table (start included). */
function reachableFrom(start: NominationStatus): Set<NominationStatus> {
  const seen = new Set<NominationStatus>([start]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of TRANSITIONS)
      if (row.to && !seen.has(row.to) && row.from.some((s) => seen.has(s))) {
        seen.add(row.to);
        grew = true;
      }
  }
  return seen;
}

/** A workshop claim once submitted (the operator's queue filters): everything reachable from submitting. */
export const SUBMITTED_STATUSES: readonly NominationStatus[] = inOrder(
  reachableFrom(TRANSITIONS.find((row) => row.event === 'submitClaim')!.to!),
);

/** The workshop the partner finished: the operator's approval. */
export const COMPLETED_STATUS: NominationStatus = TRANSITIONS.find((row) => row.event === 'approve')!.to!;

/**
 * First consent wins (§4.3): the statuses in which the customer's consent to this partner holds and
 * blocks every other partner for the same engagement: every open status after consent, and the
 * completed workshop. The other endings after consent (expired, cancelled, rejected final) free the
 * customer again. Used verbatim in a partial unique index (migration 0001 keeps a frozen copy).
 */
export const CONSENTED_STATUSES: readonly NominationStatus[] = inOrder(
  new Set(
    [...reachableFrom(TRANSITIONS.find((row) => row.event === 'acceptConsent')!.to!)].filter(
      (s) => !TERMINAL.has(s) || s === COMPLETED_STATUS,
    ),
  ),
);
const CONSENTED = new Set(CONSENTED_STATUSES);
export const holdsConsent = (status: NominationStatus): boolean => CONSENTED.has(status);

/**
 * The endings before consent that give the customer back (declined, expired, superseded): every end
 * state a transition reaches from a status before consent.
 */
export const ENDED_BEFORE_CONSENT: readonly NominationStatus[] = inOrder(
  new Set(
    rowsWith(
      (row) => row.to !== null && TERMINAL.has(row.to) && row.from.some((s) => BEFORE_CONSENT.includes(s)),
    ).map((row) => row.to!),
  ),
);

/**
 * R9 (add or claim, not both): at most one live record per (partner, engagement, customer): every
 * status except the endings before consent. Completed records stay live on purpose: a customer this
 * partner already finished the workshop with cannot be added again. Used verbatim in a partial unique
 * index (migration 0001 keeps a frozen copy).
 */
export const LIVE_STATUSES: readonly NominationStatus[] = NOMINATION_STATUSES.filter(
  (s) => !ENDED_BEFORE_CONSENT.includes(s),
);
const LIVE = new Set(LIVE_STATUSES);
export const isLive = (status: NominationStatus): boolean => LIVE.has(status);

/**
 * Issue 15 (enrolment): the records still running at a location — live and not ended (a completed or
 * finally rejected record stays live for R9 but no longer needs its location). A location with one of
 * these cannot withdraw from the program.
 */
export const RUNNING_STATUSES: readonly NominationStatus[] = LIVE_STATUSES.filter((s) => !TERMINAL.has(s));

/** R30: the endings after which a claimed customer becomes a claim candidate again (and an added one is forgotten). */
export const ENDINGS_THAT_RETURN_THE_CUSTOMER: readonly NominationStatus[] = inOrder(
  new Set(rowsWith((row) => row.candidateIfClaimed === true).map((row) => row.to!)),
);

/**
 * R4, R18, R30: whether a record makes its customer known to the partner (pre-populated rows, claim
 * candidates, "use Claim customer"): every record except an added one that ended without consent.
 */
export function makesCustomerKnown(record: { origin: 'add' | 'claim'; status: NominationStatus }): boolean {
  return !(record.origin === 'add' && ENDINGS_THAT_RETURN_THE_CUSTOMER.includes(record.status));
}

export type NominationType = 'active' | 'notStarted';

/** R6, the Type column: `notStarted` before consent, `active` while consent holds; null for end states. */
export function typeOf(status: NominationStatus): NominationType | null {
  if (BEFORE_CONSENT.includes(status)) return 'notStarted';
  return holdsConsent(status) && !isTerminal(status) ? 'active' : null;
}

/**
 * The tab a record shows on at `now` (R3, R5–R8, §5). A record past a deadline is shown where its
 * end state belongs even if no sweep has run yet, because correctness never waits for a sweeper.
 */
export function tabOf(status: NominationStatus, now: Date, record: DeadlineView): Tab {
  return TAB_OF_STATUS[effectiveStatus(status, now, record)];
}

export type CountdownKind = 'consent' | 'claim' | 'review' | 'dispute';
const COUNTDOWN_KIND: Record<DeadlineColumn, CountdownKind> = {
  consentDueAt: 'consent',
  claimDueAt: 'claim',
  reviewDueAt: 'review',
  disputeDueAt: 'dispute',
};

/**
 * The deadline a record is counting down to, from the status's bounding deadline: `review` for claims
 * under review, null for end states (or when the column is not set).
 */
export function deadlineOf(
  status: NominationStatus,
  record: DeadlineView,
): { kind: CountdownKind; due: Date } | null {
  const column = BOUNDING_DEADLINE[status];
  const due = column ? record[column] : null;
  return column && due ? { kind: COUNTDOWN_KIND[column], due } : null;
}

/**
 * The "N days left" of the Status column (R25, R31, §5): for consent before consent, for the workshop
 * claim after it, for a dispute after a rejection; null where the column shows the claim's status
 * instead (in review) and for end states.
 */
export function countdownOf(
  status: NominationStatus,
  now: Date,
  record: DeadlineView,
): { kind: Exclude<CountdownKind, 'review'>; due: Date; daysLeft: number } | null {
  const deadline = deadlineOf(status, record);
  if (!deadline || deadline.kind === 'review') return null;
  return { kind: deadline.kind, due: deadline.due, daysLeft: daysLeft(deadline.due, now) };
}

/**
 * Issue 15 (action centre): the endings the partner did not choose and that are not the completed
 * workshop — declined, expired, superseded, finally rejected: every end state a transition by someone
 * other than the partner reaches, but the operator's approval. The partner's own cancellation is not a loss.
 */
export const LOST_STATUSES: readonly NominationStatus[] = inOrder(
  new Set(
    rowsWith((row) => row.by !== 'partner' && row.to !== null && TERMINAL.has(row.to))
      .map((row) => row.to!)
      .filter((s) => s !== COMPLETED_STATUS),
  ),
);

/** Issue 15: the statuses in which the partner must resubmit a claim (the operator asked for more). */
export const AWAITING_RESUBMISSION: readonly NominationStatus[] = inOrder(
  new Set(rowsWith((row) => row.event === 'resubmitClaim').flatMap((row) => row.from)),
);
const RESUBMISSION = new Set(AWAITING_RESUBMISSION);

/** A countdown as the partner reads it: `resubmit` is the review deadline while the operator waits for them. */
export type PartnerCountdown = CountdownKind | 'resubmit';

/**
 * Issue 15: where the operator asked for more, the review deadline is the partner's time to resubmit,
 * and says so (the row said "Review due within 5 days" while the claim said "5 days left to resubmit").
 */
export function partnerCountdown(status: NominationStatus, kind: CountdownKind): PartnerCountdown {
  return kind === 'review' && RESUBMISSION.has(status) ? 'resubmit' : kind;
}

/**
 * Issue 15 (walkthrough): the statuses after consent in which the partner can still act on the workshop
 * claim (submit, resubmit, dispute, cancel): those a partner's event leads out of. In the others
 * (submitted, under review, disputed) the claim waits for the operator, and the partner can only view it.
 */
export const PARTNER_CLAIM_TURN: readonly NominationStatus[] = inOrder(
  new Set(
    rowsWith((row) => row.by === 'partner')
      .flatMap((row) => row.from)
      .filter((s) => holdsConsent(s)),
  ),
);

/** A row's status on the Customers page: a record's status, or `candidate` for a known customer not yet claimed. */
export type RowStatus = NominationStatus | 'candidate';

const statusesShownOn = (tab: Tab): NominationStatus[] =>
  NOMINATION_STATUSES.filter((s) => TAB_OF_STATUS[s] === tab);

/**
 * Issue 15 (filter by status): the statuses a tab's rows can have, from the §5 table. Candidates (no
 * record yet) show on Eligible, or on Ineligible with the reason they cannot be claimed (R4, R7, R18).
 */
export const STATUSES_OF_TAB: Readonly<Record<Exclude<Tab, 'hidden'>, readonly RowStatus[]>> = {
  eligible: ['candidate', ...statusesShownOn('eligible')],
  ineligible: ['candidate', ...statusesShownOn('ineligible')],
  complete: statusesShownOn('complete'),
};

/**
 * Issue 15 (walkthrough): whose deadline a countdown is. Sorting by days left orders every row by its
 * next deadline, and the review deadline is the program's (the operator's review), not the partner's:
 * the page says which. While the operator waits for more, the review deadline reads `resubmit`, the partner's.
 */
export const DEADLINE_OWNER: Readonly<Record<PartnerCountdown, 'partner' | 'program'>> = {
  consent: 'partner',
  claim: 'partner',
  resubmit: 'partner',
  dispute: 'partner',
  review: 'program',
};
