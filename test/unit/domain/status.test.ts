import { describe, expect, it } from 'vitest';
import {
  CONSENTED_STATUSES,
  countdownOf,
  effectiveStatus,
  isNominationStatus,
  isTerminal,
  LIVE_STATUSES,
  NOMINATION_STATUSES,
  type NominationStatus,
  TERMINAL_STATUSES,
  tabOf,
  typeOf,
} from '../../../src/domain/index.ts';
import { day, IN_TIME, recordIn, SECOND } from './fixtures.ts';

const sorted = (list: readonly string[]) => [...list].sort();

describe('status lists', () => {
  it('has the 17 statuses of §5', () => {
    expect(sorted(NOMINATION_STATUSES)).toEqual(
      sorted([
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
      ]),
    );
    expect(new Set(NOMINATION_STATUSES).size).toBe(17);
  });

  it('end states', () => {
    expect(sorted(TERMINAL_STATUSES)).toEqual(
      sorted([
        'consent_declined',
        'consent_expired',
        'superseded',
        'approved',
        'rejected_final',
        'not_submitted_expired',
        'post_submission_expired',
        'dispute_expired',
        'cancelled',
      ]),
    );
    for (const s of NOMINATION_STATUSES) expect(isTerminal(s)).toBe(TERMINAL_STATUSES.includes(s));
  });

  it('R9 live statuses: all but declined, expired consent and superseded', () => {
    expect(sorted(LIVE_STATUSES)).toEqual(
      sorted(
        NOMINATION_STATUSES.filter((s) => !['consent_declined', 'consent_expired', 'superseded'].includes(s)),
      ),
    );
    expect(LIVE_STATUSES).toHaveLength(14);
  });

  it('first consent wins: the consented statuses', () => {
    expect(sorted(CONSENTED_STATUSES)).toEqual(
      sorted([
        'active',
        'claim_submitted',
        'under_review',
        'action_required',
        'disputed',
        'rejected',
        'approved',
      ]),
    );
    // A consented record is always live, so the two indexes never disagree.
    for (const s of CONSENTED_STATUSES) expect(LIVE_STATUSES).toContain(s);
  });

  it('recognises status strings', () => {
    expect(isNominationStatus('under_review')).toBe(true);
    expect(isNominationStatus('UNDER_REVIEW')).toBe(false);
    expect(isNominationStatus(undefined)).toBe(false);
  });
});

describe('tab and type per §5', () => {
  // biome-ignore format: table
  const TABLE: Record<NominationStatus, [tab: string, type: string | null]> = {
    claimed:                 ['eligible',   'notStarted'],
    consent_pending:         ['eligible',   'notStarted'],
    consent_declined:        ['hidden',     null],
    consent_expired:         ['hidden',     null],
    superseded:              ['ineligible', null],
    active:                  ['eligible',   'active'],
    claim_submitted:         ['eligible',   'active'],
    under_review:            ['eligible',   'active'],
    action_required:         ['eligible',   'active'],
    disputed:                ['eligible',   'active'],
    approved:                ['complete',   null],
    rejected:                ['eligible',   'active'],
    rejected_final:          ['complete',   null],
    not_submitted_expired:   ['complete',   null],
    post_submission_expired: ['complete',   null],
    dispute_expired:         ['complete',   null],
    cancelled:               ['complete',   null],
  };
  for (const status of NOMINATION_STATUSES) {
    it(`${status} → ${TABLE[status].join(' / ')}`, () => {
      expect(tabOf(status, IN_TIME, recordIn(status))).toBe(TABLE[status][0]);
      expect(typeOf(status)).toBe(TABLE[status][1]);
    });
  }
});

describe('tab of an overdue record, before any sweep has run', () => {
  const cases: [NominationStatus, Date, string, string][] = [
    // [status, deadline of the fixture, tab just before, tab at the deadline]
    ['claimed', day(30), 'eligible', 'hidden'],
    ['consent_pending', day(30), 'eligible', 'hidden'],
    ['active', day(91), 'eligible', 'complete'],
    ['claim_submitted', day(121), 'eligible', 'complete'],
    ['under_review', day(121), 'eligible', 'complete'],
    ['action_required', day(121), 'eligible', 'complete'],
    ['disputed', day(121), 'eligible', 'complete'],
    ['rejected', day(33), 'eligible', 'complete'],
  ];
  for (const [status, due, before, after] of cases) {
    it(`${status}: ${before} at deadline − 1 s, ${after} at the deadline`, () => {
      const r = recordIn(status);
      expect(tabOf(status, new Date(due.getTime() - SECOND), r)).toBe(before);
      expect(tabOf(status, due, r)).toBe(after);
      expect(tabOf(status, new Date(due.getTime() + SECOND), r)).toBe(after);
    });
  }

  it('effectiveStatus names the end state the sweep will write', () => {
    expect(effectiveStatus('rejected', day(33), recordIn('rejected'))).toBe('dispute_expired');
    expect(effectiveStatus('consent_pending', day(31), recordIn('consent_pending'))).toBe('consent_expired');
    expect(effectiveStatus('active', day(91), recordIn('active'))).toBe('not_submitted_expired');
    expect(effectiveStatus('disputed', day(200), recordIn('disputed'))).toBe('post_submission_expired');
    expect(effectiveStatus('approved', day(999), recordIn('approved'))).toBe('approved');
    expect(effectiveStatus('superseded', day(999), recordIn('superseded'))).toBe('superseded');
  });
});

describe('countdown of the Status column (R25, R31)', () => {
  it('consent days before consent, claim days after, dispute days after a rejection', () => {
    expect(countdownOf('claimed', day(0), recordIn('claimed'))).toEqual({
      kind: 'consent',
      due: day(30),
      daysLeft: 30,
    });
    expect(countdownOf('consent_pending', day(29, 1), recordIn('consent_pending'))).toMatchObject({
      daysLeft: 1,
    });
    expect(countdownOf('consent_pending', day(31), recordIn('consent_pending'))).toMatchObject({
      daysLeft: 0,
    });
    expect(countdownOf('active', day(1), recordIn('active'))).toEqual({
      kind: 'claim',
      due: day(91),
      daysLeft: 90,
    });
    expect(countdownOf('rejected', day(3), recordIn('rejected'))).toEqual({
      kind: 'dispute',
      due: day(33),
      daysLeft: 30,
    });
  });
  it('none while the claim is in review or after the end', () => {
    expect(countdownOf('under_review', day(5), recordIn('under_review'))).toBeNull();
    expect(countdownOf('approved', day(5), recordIn('approved'))).toBeNull();
  });
});
