// Records in each status with columns consistent with how the machine would have written them,
// on a fixed timeline (days after T0):
//   claimed 0 · consent due 30 · consented 1 · claim due 91 · review due 121
//   first submitted 2 · rejected 3 · dispute due 33 · disputed 4
import {
  DAY_MS,
  DEFAULT_WINDOWS,
  type NominationRecord,
  type NominationStatus,
} from '../../../src/domain/index.ts';

export const T0 = new Date('2025-01-01T00:00:00.000Z');
export const SECOND = 1000;

/** T0 + days (+ ms). */
export function day(days: number, ms = 0): Date {
  return new Date(T0.getTime() + days * DAY_MS + ms);
}

/** Before every deadline of every fixture. */
export const IN_TIME = day(6);
/** After every deadline of every fixture. */
export const LATE = day(400);

const CONSENTED: readonly NominationStatus[] = [
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
];
const SUBMITTED: readonly NominationStatus[] = [
  'claim_submitted',
  'under_review',
  'action_required',
  'disputed',
  'approved',
  'rejected',
  'rejected_final',
  'post_submission_expired',
  'dispute_expired',
];
const REJECTED: readonly NominationStatus[] = ['rejected', 'disputed', 'rejected_final', 'dispute_expired'];
const DISPUTED: readonly NominationStatus[] = ['disputed', 'rejected_final'];

export function recordIn(status: NominationStatus, over: Partial<NominationRecord> = {}): NominationRecord {
  const consented = CONSENTED.includes(status);
  const rejected = REJECTED.includes(status);
  return {
    status,
    origin: 'add',
    claimedAt: T0,
    consentDueAt: day(30),
    consentedAt: consented ? day(1) : null,
    claimDueAt: consented ? day(91) : null,
    reviewDueAt: consented ? day(121) : null,
    firstSubmittedAt: SUBMITTED.includes(status) ? day(2) : null,
    rejectedAt: rejected ? day(3) : null,
    disputeDueAt: rejected ? day(33) : null,
    disputedAt: DISPUTED.includes(status) ? day(4) : null,
    windows: { ...DEFAULT_WINDOWS },
    ...over,
  };
}
