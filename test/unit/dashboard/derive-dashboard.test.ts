import { describe, expect, it } from 'vitest';
import { actionOf, deriveDashboard } from '../../../src/app/dashboard/derive-dashboard.ts';
import type { DashboardRecord } from '../../../src/app/store/dashboard.ts';
import { AWAITING_RESUBMISSION, LOST_STATUSES } from '../../../src/domain/lifecycle-sets.ts';
import { addDays } from '../../../src/domain/time.ts';

// Issue 15, the action centre's derivation: which countdowns end in the next 14 days, what the row's
// button does, and what was lost in the last 30 days and why.

const NOW = new Date('2026-11-22T09:00:00Z');
let n = 0;
const record = (over: Partial<DashboardRecord>): DashboardRecord => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  engagement: { id: 'e', name: 'Security workshop' },
  customer: { tenantId: 't', name: 'Contoso' },
  locationId: 'l',
  status: 'consent_pending',
  consentDueAt: addDays(NOW, 5),
  claimDueAt: null,
  reviewDueAt: null,
  disputeDueAt: null,
  endedAt: null,
  hasClaim: false,
  lastOperatorComment: null,
  ...over,
});

describe('the sets the action centre uses (derived from the transition table)', () => {
  it('lost: the endings the partner did not choose, without the approval', () => {
    expect(LOST_STATUSES).toEqual([
      'consent_declined',
      'consent_expired',
      'superseded',
      'rejected_final',
      'not_submitted_expired',
      'post_submission_expired',
      'dispute_expired',
    ]);
  });
  it('awaiting resubmission: the operator asked for more', () => {
    expect(AWAITING_RESUBMISSION).toEqual(['action_required']);
  });
});

describe('deriveDashboard', () => {
  it('lists the countdowns of the next 14 days soonest first with the row action and its kind', () => {
    const pending = record({ consentDueAt: addDays(NOW, 5) });
    const claimed = record({ status: 'claimed', consentDueAt: addDays(NOW, 2) });
    const active = record({
      status: 'active',
      consentDueAt: addDays(NOW, -60),
      claimDueAt: addDays(NOW, 10),
      reviewDueAt: addDays(NOW, 40),
    });
    const info = record({
      status: 'action_required',
      consentDueAt: addDays(NOW, -100),
      claimDueAt: addDays(NOW, -10),
      reviewDueAt: addDays(NOW, 3),
      hasClaim: true,
    });
    const later = record({ consentDueAt: addDays(NOW, 15) });
    const { deadlines } = deriveDashboard([pending, claimed, active, info, later], NOW);
    expect(deadlines.map((d) => [d.nominationId, d.kind, d.daysLeft, d.action])).toEqual([
      [claimed.id, 'consent', 2, 'triggerConsent'],
      [info.id, 'resubmit', 3, 'continueWorkshopClaim'],
      [pending.id, 'consent', 5, 'resendConsent'],
      [active.id, 'claim', 10, 'submitWorkshopClaim'],
    ]);
  });

  it('a record past its deadline has ended, even before the sweep, at its deadline', () => {
    const overdue = record({ consentDueAt: addDays(NOW, -1) });
    const { deadlines, recentlyEnded } = deriveDashboard([overdue], NOW);
    expect(deadlines).toEqual([]);
    expect(recentlyEnded).toEqual([
      expect.objectContaining({ nominationId: overdue.id, status: 'consent_expired', at: addDays(NOW, -1) }),
    ]);
  });

  it('lists the losses of the last 30 days, newest first, with the operator’s words on a final rejection', () => {
    const declined = record({ status: 'consent_declined', endedAt: addDays(NOW, -3) });
    const rejected = record({
      status: 'rejected_final',
      endedAt: addDays(NOW, -1),
      lastOperatorComment: 'The findings report is missing.',
    });
    const old = record({ status: 'superseded', endedAt: addDays(NOW, -31) });
    const cancelled = record({ status: 'cancelled', endedAt: addDays(NOW, -1) });
    const approved = record({ status: 'approved', endedAt: addDays(NOW, -1) });
    const { recentlyEnded } = deriveDashboard([declined, rejected, old, cancelled, approved], NOW);
    expect(recentlyEnded.map((e) => [e.nominationId, e.status, e.reason])).toEqual([
      [rejected.id, 'rejected_final', 'The findings report is missing.'],
      [declined.id, 'consent_declined', null],
    ]);
  });

  it('under review the row opens its claim; an ended record offers nothing', () => {
    expect(actionOf({ status: 'under_review', hasClaim: true })).toBe('viewWorkshopClaim');
    expect(actionOf({ status: 'consent_expired', hasClaim: false })).toBeNull();
  });
});
