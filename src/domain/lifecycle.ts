// The one place that decides a change of an engagement customer's status (spec §5,
// architecture §3): decide(record, event, now) reads the transition table and returns the next
// status, the exact columns to write and the side effects as data. It never reads a clock.

import { isTerminal } from './lifecycle-sets.ts';
import type { NominationStatus } from './status.ts';
import { addDays, isOpen } from './time.ts';
import {
  type DeadlineColumn,
  type Effect,
  type EventType,
  type StampColumn,
  TRANSITIONS,
  type Transition,
} from './transitions.ts';

export type {
  DeadlineView,
  Effect,
  EventType,
  PartnerNoticeKind,
  StampColumn,
  Transition,
} from './transitions.ts';
export { EVENT_TYPES, effectiveStatus, TRANSITIONS } from './transitions.ts';

/** An engagement's time windows in calendar days (R24, R31/S2, §4.4). */
export interface Windows {
  consentDays: number;
  claimDays: number;
  reviewDays: number;
  disputeDays: number;
}

export const DEFAULT_WINDOWS: Readonly<Windows> = Object.freeze({
  consentDays: 30,
  claimDays: 90,
  reviewDays: 120,
  disputeDays: 30,
});

export type Origin = 'add' | 'claim';

export interface NominationRecord {
  status: NominationStatus;
  origin: Origin;
  claimedAt: Date;
  consentDueAt: Date;
  consentedAt: Date | null;
  claimDueAt: Date | null;
  reviewDueAt: Date | null;
  firstSubmittedAt: Date | null;
  rejectedAt: Date | null;
  disputeDueAt: Date | null;
  disputedAt: Date | null;
  /**
   * The engagement's windows at the moment of the call. Only read when a deadline is *granted*
   * (acceptConsent, reject); deadlines already written are never moved (§5).
   */
  windows: Windows;
}

export type LifecycleEvent = { [K in EventType]: { type: K } }[EventType];

type LifecycleColumns = Record<StampColumn, Date>;

type RefusalCode = 'InvalidTransition' | 'DeadlinePassed' | 'DeadlineNotReached' | 'AlreadyDisputed';

export interface Refusal {
  code: RefusalCode;
  from: NominationStatus;
  event: string;
  /** The deadline that decided a DeadlinePassed / DeadlineNotReached. */
  deadline?: Date;
}

export type Decision =
  | { ok: true; next: NominationStatus; set: Partial<LifecycleColumns>; effects: Effect[] }
  | { ok: false; refusal: Refusal };

export interface OpenedNomination {
  status: 'claimed';
  origin: Origin;
  claimedAt: Date;
  consentDueAt: Date;
}

/** Add (R17) or claim (R22): the record starts `claimed` and the consent clock starts now (R24). */
export function open(origin: Origin, now: Date, windows: Windows): OpenedNomination {
  return { status: 'claimed', origin, claimedAt: now, consentDueAt: addDays(now, windows.consentDays) };
}

/** The table rows that apply to this record and event (at most one by construction; tested). */
function rowFor(record: NominationRecord, type: EventType): Transition | undefined {
  const disputed = record.disputedAt !== null;
  return TRANSITIONS.find(
    (row) =>
      row.event === type &&
      row.from.includes(record.status) &&
      (row.when === undefined || (row.when === 'disputed') === disputed),
  );
}

/** The deadline that governs `event` for this record in its current status, if the pair is valid. */
export function deadlineFor(record: NominationRecord, type: EventType): Date | null {
  const row = rowFor(record, type);
  return row ? record[row.deadline] : null;
}

function stamp(column: Exclude<StampColumn, 'endedAt'>, record: NominationRecord, now: Date): Date {
  const w = record.windows;
  switch (column) {
    case 'claimDueAt':
      return addDays(now, w.claimDays); // R31/S2: consented_at + 90 d
    case 'reviewDueAt':
      return addDays(now, w.reviewDays); // §4.4: consented_at + 120 d
    case 'disputeDueAt':
      return addDays(now, w.disputeDays); // §4.4: rejected_at + 30 d
    default:
      return now; // consentedAt, firstSubmittedAt, submittedAt, rejectedAt, disputedAt
  }
}

export function decide(record: NominationRecord, event: LifecycleEvent, now: Date): Decision {
  const from = record.status;
  const refuse = (code: RefusalCode, deadline?: Date): Decision => ({
    ok: false,
    refusal: deadline ? { code, from, event: event.type, deadline } : { code, from, event: event.type },
  });

  // §4.4: the partner may dispute once. Checked before the table so that disputing a disputed,
  // re-reviewed or finally rejected claim says why, instead of a bare InvalidTransition.
  if (event.type === 'dispute' && record.disputedAt !== null) return refuse('AlreadyDisputed');

  const row = rowFor(record, event.type);
  if (!row) return refuse('InvalidTransition');

  const deadline = deadlineOf(record, row.deadline);
  // §5: correctness never waits for a sweeper; sweeps never run early.
  if (row.timing === 'action' && !isOpen(deadline, now)) return refuse('DeadlinePassed', deadline);
  if (row.timing === 'sweep' && isOpen(deadline, now)) return refuse('DeadlineNotReached', deadline);

  const next = row.to ?? from;
  const set: Partial<LifecycleColumns> = {};
  for (const column of row.writes) {
    // firstSubmittedAt is written once; later submissions only move submittedAt.
    if (column === 'firstSubmittedAt' && record.firstSubmittedAt !== null) continue;
    set[column] = stamp(column, record, now);
  }
  if (next !== from && isTerminal(next)) set.endedAt = now;

  const effects: Effect[] = [...row.effects];
  // R30: a claimed customer goes back to being a claim candidate; an added one just disappears.
  if (row.candidateIfClaimed && record.origin === 'claim') effects.push({ type: 'becomesCandidate' });

  return { ok: true, next, set, effects };
}

function deadlineOf(record: NominationRecord, column: DeadlineColumn): Date {
  const due = record[column];
  // A status that admits this event always has its deadline written (the transition into it
  // wrote it), so a null here is corrupt data, not user input: fail loudly.
  if (due === null) throw new Error(`nomination in status ${record.status} has no ${column}`);
  return due;
}
