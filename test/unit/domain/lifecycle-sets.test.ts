import { describe, expect, it } from 'vitest';
import {
  AWAITING_CONSENT,
  AWAITING_OPERATOR,
  BEFORE_CONSENT,
  BOUNDING_DEADLINE,
  boundedBy,
  COMPLETED_STATUS,
  CONSENTED_STATUSES,
  countdownOf,
  deadlineOf,
  ENDED_BEFORE_CONSENT,
  ENDINGS_THAT_RETURN_THE_CUSTOMER,
  LIVE_STATUSES,
  makesCustomerKnown,
  PARTNER_CLAIM_TURN,
  partnerCountdown,
  REVIEW_STATES,
  SUBMITTED_STATUSES,
  TERMINAL_STATUSES,
  typeOf,
} from '../../../src/domain/lifecycle-sets.ts';
import { NOMINATION_STATUSES } from '../../../src/domain/status.ts';
import { TRANSITIONS } from '../../../src/domain/transitions.ts';
import { day } from './fixtures.ts';

// Issue 11: every set of statuses is derived from the transition table. Each derived set is written
// out here once, as §5 of the spec states it, so that a change of the table that moves a set is seen.
describe('sets derived from the transition table', () => {
  it('end states are the statuses no row leads out of', () => {
    expect(TERMINAL_STATUSES).toEqual([
      'consent_declined',
      'consent_expired',
      'superseded',
      'approved',
      'rejected_final',
      'not_submitted_expired',
      'post_submission_expired',
      'dispute_expired',
      'cancelled',
    ]);
    for (const s of TERMINAL_STATUSES) expect(TRANSITIONS.some((row) => row.from.includes(s))).toBe(false);
  });

  it('each open status is bounded by the deadline of the sweep that ends it', () => {
    expect(BOUNDING_DEADLINE).toEqual({
      claimed: 'consentDueAt',
      consent_pending: 'consentDueAt',
      consent_declined: null,
      consent_expired: null,
      superseded: null,
      active: 'claimDueAt',
      claim_submitted: 'reviewDueAt',
      under_review: 'reviewDueAt',
      action_required: 'reviewDueAt',
      disputed: 'reviewDueAt',
      approved: null,
      rejected: 'disputeDueAt',
      rejected_final: null,
      not_submitted_expired: null,
      post_submission_expired: null,
      dispute_expired: null,
      cancelled: null,
    });
    // Every open status has exactly one such deadline; no end state has one.
    for (const s of NOMINATION_STATUSES)
      expect(BOUNDING_DEADLINE[s] === null, s).toBe(TERMINAL_STATUSES.includes(s));
  });

  it("the statuses each deadline bounds, and those awaiting the customer's consent", () => {
    expect(boundedBy('consentDueAt')).toEqual(['claimed', 'consent_pending']);
    expect(boundedBy('claimDueAt')).toEqual(['active']);
    expect(boundedBy('reviewDueAt')).toEqual([
      'claim_submitted',
      'under_review',
      'action_required',
      'disputed',
    ]);
    expect(boundedBy('disputeDueAt')).toEqual(['rejected']);
    expect(AWAITING_CONSENT).toEqual(['consent_pending']);
  });

  it('before consent, in review, awaiting the operator, submitted', () => {
    expect(BEFORE_CONSENT).toEqual(['claimed', 'consent_pending']);
    expect(REVIEW_STATES).toEqual(['claim_submitted', 'under_review', 'action_required', 'disputed']);
    expect(AWAITING_OPERATOR).toEqual(['claim_submitted', 'under_review', 'disputed']);
    expect(SUBMITTED_STATUSES).toEqual([
      'claim_submitted',
      'under_review',
      'action_required',
      'disputed',
      'approved',
      'rejected',
      'rejected_final',
      'post_submission_expired',
      'dispute_expired',
    ]);
    expect(COMPLETED_STATUS).toBe('approved');
  });

  it("the partner's turn on a workshop claim: the statuses after consent a partner's event leads out of", () => {
    expect(PARTNER_CLAIM_TURN).toEqual(['active', 'action_required', 'rejected']);
  });

  it('consent holds, records are live, endings give the customer back', () => {
    expect(CONSENTED_STATUSES).toEqual([
      'active',
      'claim_submitted',
      'under_review',
      'action_required',
      'disputed',
      'approved',
      'rejected',
    ]);
    expect(ENDED_BEFORE_CONSENT).toEqual(['consent_declined', 'consent_expired', 'superseded']);
    expect(LIVE_STATUSES).toEqual(NOMINATION_STATUSES.filter((s) => !ENDED_BEFORE_CONSENT.includes(s)));
    expect(ENDINGS_THAT_RETURN_THE_CUSTOMER).toEqual(['consent_declined', 'consent_expired']);
  });

  it('R4/R18/R30: every record makes its customer known except an added one that ended without consent', () => {
    for (const status of NOMINATION_STATUSES) {
      expect(makesCustomerKnown({ origin: 'claim', status }), status).toBe(true);
      expect(makesCustomerKnown({ origin: 'add', status }), status).toBe(
        status !== 'consent_declined' && status !== 'consent_expired',
      );
    }
  });

  it('R6 Type and the countdown follow the bounding deadline', () => {
    const record = {
      consentDueAt: day(10),
      claimDueAt: day(11),
      reviewDueAt: day(12),
      disputeDueAt: day(13),
    };
    const now = day(1);
    expect(NOMINATION_STATUSES.map((s) => [s, typeOf(s)])).toEqual(
      NOMINATION_STATUSES.map((s) => [
        s,
        ['claimed', 'consent_pending'].includes(s)
          ? 'notStarted'
          : ['active', 'claim_submitted', 'under_review', 'action_required', 'disputed', 'rejected'].includes(
                s,
              )
            ? 'active'
            : null,
      ]),
    );
    expect(countdownOf('consent_pending', now, record)).toEqual({
      kind: 'consent',
      due: day(10),
      daysLeft: 9,
    });
    expect(countdownOf('active', now, record)).toMatchObject({ kind: 'claim', daysLeft: 10 });
    expect(countdownOf('rejected', now, record)).toMatchObject({ kind: 'dispute', daysLeft: 12 });
    // In review the Status column shows the claim's status; the deadline is still the review's.
    expect(countdownOf('under_review', now, record)).toBeNull();
    expect(deadlineOf('under_review', record)).toEqual({ kind: 'review', due: day(12) });
    expect(deadlineOf('approved', record)).toBeNull();
  });

  it('issue 15: the review deadline reads as the time to resubmit while the operator waits for the partner', () => {
    const record = {
      consentDueAt: day(10),
      claimDueAt: day(11),
      reviewDueAt: day(12),
      disputeDueAt: day(13),
    };
    const kinds = NOMINATION_STATUSES.flatMap((s) => {
      const deadline = deadlineOf(s, record);
      return deadline ? [[s, partnerCountdown(s, deadline.kind)]] : [];
    });
    expect(Object.fromEntries(kinds)).toEqual({
      claimed: 'consent',
      consent_pending: 'consent',
      active: 'claim',
      claim_submitted: 'review',
      under_review: 'review',
      action_required: 'resubmit',
      disputed: 'review',
      rejected: 'dispute',
    });
  });
});
