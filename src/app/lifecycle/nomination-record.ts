import type { NominationRecord, Windows } from '../../domain/lifecycle.ts';
import type { NominationStatus } from '../../domain/status.ts';

// The one mapping from a nominations row (selected `as n`) to the record decide() reads. Callers select
// LIFECYCLE_COLUMNS, plus WINDOW_COLUMNS of the engagement (`as e`) when a transition may grant a deadline.

export const LIFECYCLE_COLUMNS = [
  'n.origin',
  'n.status',
  'n.claimed_at',
  'n.consent_due_at',
  'n.consented_at',
  'n.claim_due_at',
  'n.review_due_at',
  'n.first_submitted_at',
  'n.rejected_at',
  'n.dispute_due_at',
  'n.disputed_at',
] as const;

export const WINDOW_COLUMNS = [
  'e.consent_window_days',
  'e.claim_window_days',
  'e.review_window_days',
  'e.dispute_window_days',
] as const;

export interface LifecycleRow {
  origin: 'add' | 'claim';
  status: string;
  claimed_at: Date;
  consent_due_at: Date;
  consented_at: Date | null;
  claim_due_at: Date | null;
  review_due_at: Date | null;
  first_submitted_at: Date | null;
  rejected_at: Date | null;
  dispute_due_at: Date | null;
  disputed_at: Date | null;
}

export interface WindowRow {
  consent_window_days: number;
  claim_window_days: number;
  review_window_days: number;
  dispute_window_days: number;
}

/** Sweeps grant no deadline, so they need no windows. */
const NO_WINDOWS: Windows = { consentDays: 0, claimDays: 0, reviewDays: 0, disputeDays: 0 };

export function toNominationRecord(r: LifecycleRow & Partial<WindowRow>): NominationRecord {
  return {
    status: r.status as NominationStatus,
    origin: r.origin,
    claimedAt: r.claimed_at,
    consentDueAt: r.consent_due_at,
    consentedAt: r.consented_at,
    claimDueAt: r.claim_due_at,
    reviewDueAt: r.review_due_at,
    firstSubmittedAt: r.first_submitted_at,
    rejectedAt: r.rejected_at,
    disputeDueAt: r.dispute_due_at,
    disputedAt: r.disputed_at,
    windows:
      r.consent_window_days === undefined
        ? NO_WINDOWS
        : {
            consentDays: r.consent_window_days,
            claimDays: r.claim_window_days!,
            reviewDays: r.review_window_days!,
            disputeDays: r.dispute_window_days!,
          },
  };
}
