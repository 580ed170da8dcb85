import { describe, expect, it } from 'vitest';
import {
  addDays,
  DEFAULT_WINDOWS,
  type Decision,
  deadlineFor,
  decide,
  EVENT_TYPES,
  type EventType,
  isTerminal,
  type LifecycleEvent,
  NOMINATION_STATUSES,
  type NominationRecord,
  type NominationStatus,
  open,
  TRANSITIONS,
} from '../../../src/domain/index.ts';
import { day, IN_TIME, LATE, recordIn, SECOND, T0 } from './fixtures.ts';

// The columns of the expected-outcome table below, in this order. Written out here (not taken
// from EVENT_TYPES) so that adding an event without deciding its row fails the first test.
const EVENTS = [
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
] as const satisfies readonly EventType[];

const __ = 'InvalidTransition';
const AD = 'AlreadyDisputed';

// Expected outcome of every (status, event) pair: the next status, or the refusal code.
// Actions are tried IN_TIME (before every deadline), sweeps LATE (after every deadline), so a
// cell shows whether the pair is valid at all; the deadline edges are tested further down.
// biome-ignore format: a table is easier to review aligned
const EXPECTED: Record<NominationStatus, readonly string[]> = {
  //                       requestConsent     resendConsent      updateConsentContact acceptConsent declineConsent      expireConsent      supersede     submitClaim        startReview     requestInfo        resubmitClaim      approve     reject      dispute     expireClaim              expireReview               expireDispute      cancelClaim
  claimed:                 ['consent_pending', __,                __,                  __,           __,                 'consent_expired', 'superseded', __,                __,             __,                __,                __,         __,         __,         __,                      __,                        __,                __],
  consent_pending:         [__,                'consent_pending', 'consent_pending',   'active',     'consent_declined', 'consent_expired', 'superseded', __,                __,             __,                __,                __,         __,         __,         __,                      __,                        __,                __],
  consent_declined:        [__,                __,                __,                  __,           __,                 __,                __,           __,                __,             __,                __,                __,         __,         __,         __,                      __,                        __,                __],
  consent_expired:         [__,                __,                __,                  __,           __,                 __,                __,           __,                __,             __,                __,                __,         __,         __,         __,                      __,                        __,                __],
  superseded:              [__,                __,                __,                  __,           __,                 __,                __,           __,                __,             __,                __,                __,         __,         __,         __,                      __,                        __,                __],
  active:                  [__,                __,                __,                  __,           __,                 __,                __,           'claim_submitted', __,             __,                __,                __,         __,         __,         'not_submitted_expired', __,                        __,                'cancelled'],
  claim_submitted:         [__,                __,                __,                  __,           __,                 __,                __,           __,                'under_review', __,                __,                __,         __,         __,         __,                      'post_submission_expired', __,                __],
  under_review:            [__,                __,                __,                  __,           __,                 __,                __,           __,                __,             'action_required', __,                'approved', 'rejected', __,         __,                      'post_submission_expired', __,                __],
  action_required:         [__,                __,                __,                  __,           __,                 __,                __,           __,                __,             __,                'claim_submitted', __,         __,         __,         __,                      'post_submission_expired', __,                __],
  disputed:                [__,                __,                __,                  __,           __,                 __,                __,           __,                'under_review', __,                __,                __,         __,         AD,         __,                      'post_submission_expired', __,                __],
  approved:                [__,                __,                __,                  __,           __,                 __,                __,           __,                __,             __,                __,                __,         __,         __,         __,                      __,                        __,                __],
  rejected:                [__,                __,                __,                  __,           __,                 __,                __,           __,                __,             __,                __,                __,         __,         'disputed', __,                      __,                        'dispute_expired', __],
  rejected_final:          [__,                __,                __,                  __,           __,                 __,                __,           __,                __,             __,                __,                __,         __,         AD,         __,                      __,                        __,                __],
  not_submitted_expired:   [__,                __,                __,                  __,           __,                 __,                __,           __,                __,             __,                __,                __,         __,         __,         __,                      __,                        __,                __],
  post_submission_expired: [__,                __,                __,                  __,           __,                 __,                __,           __,                __,             __,                __,                __,         __,         __,         __,                      __,                        __,                __],
  dispute_expired:         [__,                __,                __,                  __,           __,                 __,                __,           __,                __,             __,                __,                __,         __,         __,         __,                      __,                        __,                __],
  cancelled:               [__,                __,                __,                  __,           __,                 __,                __,           __,                __,             __,                __,                __,         __,         __,         __,                      __,                        __,                __],
};

const SWEEPS: ReadonlySet<EventType> = new Set([
  'expireConsent',
  'expireClaim',
  'expireReview',
  'expireDispute',
]);

// The deadline column that governs each event (spec §5, §4.4, and the resubmit decision).
const DEADLINE_OF: Record<EventType, 'consentDueAt' | 'claimDueAt' | 'reviewDueAt' | 'disputeDueAt'> = {
  requestConsent: 'consentDueAt',
  resendConsent: 'consentDueAt',
  updateConsentContact: 'consentDueAt',
  acceptConsent: 'consentDueAt',
  declineConsent: 'consentDueAt',
  expireConsent: 'consentDueAt',
  supersede: 'consentDueAt',
  submitClaim: 'claimDueAt',
  startReview: 'reviewDueAt',
  requestInfo: 'reviewDueAt',
  resubmitClaim: 'reviewDueAt',
  approve: 'reviewDueAt',
  reject: 'reviewDueAt',
  dispute: 'disputeDueAt',
  expireClaim: 'claimDueAt',
  expireReview: 'reviewDueAt',
  expireDispute: 'disputeDueAt',
  cancelClaim: 'claimDueAt',
};

// Exactly the columns each valid transition writes (from the fixtures: never submitted before
// submitClaim, never disputed before reject).
const WRITES: Record<EventType, readonly string[]> = {
  requestConsent: [],
  resendConsent: [],
  updateConsentContact: [],
  acceptConsent: ['claimDueAt', 'consentedAt', 'reviewDueAt'],
  declineConsent: ['endedAt'],
  expireConsent: ['endedAt'],
  supersede: ['endedAt'],
  submitClaim: ['firstSubmittedAt', 'submittedAt'],
  startReview: [],
  requestInfo: [],
  resubmitClaim: ['submittedAt'],
  approve: ['endedAt'],
  reject: ['disputeDueAt', 'rejectedAt'],
  dispute: ['disputedAt'],
  expireClaim: ['endedAt'],
  expireReview: ['endedAt'],
  expireDispute: ['endedAt'],
  cancelClaim: ['endedAt'],
};

const ev = (type: EventType) => ({ type }) as LifecycleEvent;
const outcome = (d: Decision) => (d.ok ? d.next : d.refusal.code);
const timeFor = (event: EventType) => (SWEEPS.has(event) ? LATE : IN_TIME);

const validPairs = NOMINATION_STATUSES.flatMap((status) =>
  EVENTS.flatMap((event, i) => {
    const expected = EXPECTED[status][i];
    return expected && (NOMINATION_STATUSES as readonly string[]).includes(expected)
      ? [{ status, event, next: expected as NominationStatus }]
      : [];
  }),
);

describe('the transition table covers every (status, event) pair', () => {
  it('the test table has one column per event type and one row per status', () => {
    expect([...EVENTS].sort()).toEqual([...EVENT_TYPES].sort());
    expect(Object.keys(EXPECTED).sort()).toEqual([...NOMINATION_STATUSES].sort());
    for (const row of Object.values(EXPECTED)) expect(row).toHaveLength(EVENTS.length);
    expect(NOMINATION_STATUSES).toHaveLength(17);
  });

  for (const status of NOMINATION_STATUSES) {
    describe(status, () => {
      EVENTS.forEach((event, i) => {
        const expected = EXPECTED[status][i];
        it(`${event} → ${expected}`, () => {
          const d = decide(recordIn(status), ev(event), timeFor(event));
          expect(outcome(d)).toBe(expected);
          if (!d.ok) {
            expect(d.refusal.from).toBe(status);
            expect(d.refusal.event).toBe(event);
            expect(d.refusal.deadline).toBeUndefined();
          }
        });
      });
    });
  }

  it('refuses an event type it does not know', () => {
    const d = decide(recordIn('active'), { type: 'launchRocket' } as unknown as LifecycleEvent, IN_TIME);
    expect(outcome(d)).toBe('InvalidTransition');
  });
});

describe('deadline edges (§5, quality §3.12): correctness never waits for a sweeper', () => {
  for (const { status, event, next } of validPairs) {
    const column = DEADLINE_OF[event];
    const deadline = recordIn(status)[column];
    if (!deadline) throw new Error(`fixture ${status} lacks ${column}`);
    const at = (ms: number) => decide(recordIn(status), ev(event), new Date(deadline.getTime() + ms));

    if (SWEEPS.has(event)) {
      it(`${status} · ${event}: DeadlineNotReached at ${column} − 1 s, runs at and after it`, () => {
        const early = at(-SECOND);
        expect(early).toEqual({
          ok: false,
          refusal: { code: 'DeadlineNotReached', from: status, event, deadline },
        });
        expect(outcome(at(0))).toBe(next);
        expect(outcome(at(SECOND))).toBe(next);
      });
    } else {
      it(`${status} · ${event}: allowed at ${column} − 1 s, DeadlinePassed at it and + 1 s`, () => {
        expect(outcome(at(-SECOND))).toBe(next);
        for (const ms of [0, SECOND]) {
          expect(at(ms)).toEqual({
            ok: false,
            refusal: { code: 'DeadlinePassed', from: status, event, deadline },
          });
        }
      });
    }

    it(`${status} · ${event}: deadlineFor names ${column}`, () => {
      expect(deadlineFor(recordIn(status), event)).toEqual(deadline);
    });
  }

  it('an invalid pair has no deadline', () => {
    expect(deadlineFor(recordIn('approved'), 'approve')).toBeNull();
  });

  it('the invalid transition is reported before a passed deadline', () => {
    expect(outcome(decide(recordIn('claimed'), ev('acceptConsent'), LATE))).toBe('InvalidTransition');
  });

  it('a record missing the deadline its status implies is corrupt: decide throws', () => {
    expect(() => decide(recordIn('active', { claimDueAt: null }), ev('submitClaim'), IN_TIME)).toThrow(
      /claimDueAt/,
    );
  });
});

describe('columns written (§5)', () => {
  for (const { status, event, next } of validPairs) {
    it(`${status} · ${event} writes exactly ${WRITES[event].join(', ') || 'nothing'}`, () => {
      const now = timeFor(event);
      const d = decide(recordIn(status), ev(event), now);
      if (!d.ok) throw new Error('expected ok');
      expect(Object.keys(d.set).sort()).toEqual(WRITES[event]);
      // Every transition into an end state stamps endedAt; no other does.
      expect(d.set.endedAt).toEqual(isTerminal(next) ? now : undefined);
    });
  }

  it('open(): consentDueAt = claimedAt + 30 d, status claimed (R24)', () => {
    expect(open('add', T0, DEFAULT_WINDOWS)).toEqual({
      status: 'claimed',
      origin: 'add',
      claimedAt: T0,
      consentDueAt: day(30),
    });
    const custom = open('claim', T0, { ...DEFAULT_WINDOWS, consentDays: 14 });
    expect(custom.consentDueAt).toEqual(day(14));
  });

  it('acceptConsent: consentedAt = now, claimDueAt = +90 d, reviewDueAt = +120 d (R31, S2)', () => {
    const now = day(10, 12_345);
    const d = decide(recordIn('consent_pending'), ev('acceptConsent'), now);
    expect(d).toMatchObject({
      ok: true,
      next: 'active',
      set: { consentedAt: now, claimDueAt: addDays(now, 90), reviewDueAt: addDays(now, 120) },
    });
  });

  it('reject: rejectedAt = now, disputeDueAt = rejectedAt + 30 d', () => {
    const now = day(50);
    const d = decide(recordIn('under_review'), ev('reject'), now);
    expect(d).toEqual({
      ok: true,
      next: 'rejected',
      set: { rejectedAt: now, disputeDueAt: day(80) },
      effects: [{ type: 'notifyPartner', kind: 'claimRejected' }],
    });
  });

  it('dispute: disputedAt = now', () => {
    const d = decide(recordIn('rejected'), ev('dispute'), day(20));
    expect(d).toMatchObject({ ok: true, next: 'disputed', set: { disputedAt: day(20) } });
  });

  it('submitClaim keeps an existing firstSubmittedAt and only moves submittedAt', () => {
    const d = decide(recordIn('active', { firstSubmittedAt: day(2) }), ev('submitClaim'), day(5));
    expect(d).toMatchObject({ ok: true, set: { submittedAt: day(5) } });
    if (d.ok) expect(d.set.firstSubmittedAt).toBeUndefined();
  });

  it('uses the windows of the moment a deadline is granted', () => {
    const windows = { consentDays: 10, claimDays: 45, reviewDays: 60, disputeDays: 14 };
    const accepted = decide(recordIn('consent_pending', { windows }), ev('acceptConsent'), day(5));
    expect(accepted).toMatchObject({ set: { claimDueAt: day(50), reviewDueAt: day(65) } });
    const rejected = decide(recordIn('under_review', { windows }), ev('reject'), day(20));
    expect(rejected).toMatchObject({ set: { disputeDueAt: day(34) } });
  });

  it('changing the windows after a deadline was granted never moves it (§5)', () => {
    const shorter = { consentDays: 5, claimDays: 10, reviewDays: 20, disputeDays: 3 };
    // consentDueAt (day 30) still governs although the engagement now says 5 days.
    expect(
      outcome(decide(recordIn('consent_pending', { windows: shorter }), ev('acceptConsent'), day(29))),
    ).toBe('active');
    // claimDueAt (day 91) still governs although consentedAt (day 1) + 10 d has passed.
    const active = recordIn('active', { windows: shorter });
    expect(outcome(decide(active, ev('submitClaim'), day(50)))).toBe('claim_submitted');
    expect(outcome(decide(active, ev('expireClaim'), day(50)))).toBe('DeadlineNotReached');
    // reviewDueAt (day 121) and disputeDueAt (day 33) likewise.
    expect(outcome(decide(recordIn('under_review', { windows: shorter }), ev('approve'), day(100)))).toBe(
      'approved',
    );
    expect(outcome(decide(recordIn('rejected', { windows: shorter }), ev('dispute'), day(30)))).toBe(
      'disputed',
    );
    // The windows are longer now: the sweep still runs at the written deadline.
    const longer = { consentDays: 60, claimDays: 180, reviewDays: 240, disputeDays: 60 };
    expect(outcome(decide(recordIn('claimed', { windows: longer }), ev('expireConsent'), day(30)))).toBe(
      'consent_expired',
    );
  });
});

describe('dispute once; a rejection after a dispute is final (§4.4)', () => {
  it('walks reject → dispute → review → reject = rejected_final, then no second dispute', () => {
    let record: NominationRecord = recordIn('under_review');
    const step = (type: EventType, now: Date) => {
      const d = decide(record, ev(type), now);
      if (!d.ok) throw new Error(`${type} refused: ${d.refusal.code}`);
      record = { ...record, ...d.set, status: d.next };
      return d;
    };
    step('reject', day(10));
    expect(record.status).toBe('rejected');
    expect(record.disputeDueAt).toEqual(day(40));
    step('dispute', day(20));
    expect(record.disputedAt).toEqual(day(20));
    step('startReview', day(21));
    const final = step('reject', day(22));
    expect(final).toEqual({
      ok: true,
      next: 'rejected_final',
      set: { rejectedAt: day(22), endedAt: day(22) },
      effects: [{ type: 'notifyPartner', kind: 'claimRejectedFinal' }],
    });
    // The dispute window of the first rejection was not reopened.
    expect(record.disputeDueAt).toEqual(day(40));
    expect(outcome(decide(record, ev('dispute'), day(23)))).toBe('AlreadyDisputed');
  });

  it('a rejected record that was already disputed cannot be disputed again', () => {
    const d = decide(recordIn('rejected', { disputedAt: day(4) }), ev('dispute'), day(10));
    expect(d).toEqual({
      ok: false,
      refusal: { code: 'AlreadyDisputed', from: 'rejected', event: 'dispute' },
    });
  });

  it('approve after a dispute is still possible', () => {
    const d = decide(recordIn('under_review', { disputedAt: day(4) }), ev('approve'), day(10));
    expect(outcome(d)).toBe('approved');
  });
});

describe('effects as data', () => {
  const effects = (status: NominationStatus, event: EventType, over: Partial<NominationRecord> = {}) => {
    const d = decide(recordIn(status, over), ev(event), timeFor(event));
    if (!d.ok) throw new Error(d.refusal.code);
    return d.effects;
  };

  it('acceptConsent supersedes the other partners (first consent wins) and notifies', () => {
    expect(effects('consent_pending', 'acceptConsent')).toEqual([
      { type: 'supersedeOthers' },
      { type: 'notifyPartner', kind: 'consentAccepted' },
    ]);
  });

  it('consent emails: request, resend, and a contact change voids the old link first', () => {
    expect(effects('claimed', 'requestConsent')).toEqual([{ type: 'sendConsentEmail', reason: 'request' }]);
    expect(effects('consent_pending', 'resendConsent')).toEqual([
      { type: 'sendConsentEmail', reason: 'resend' },
    ]);
    expect(effects('consent_pending', 'updateConsentContact')).toEqual([
      { type: 'voidConsentLinks' },
      { type: 'sendConsentEmail', reason: 'contactChanged' },
    ]);
  });

  it('resend and contact change keep the status and write nothing (R24: no extension)', () => {
    for (const event of ['resendConsent', 'updateConsentContact'] as const) {
      const d = decide(recordIn('consent_pending'), ev(event), day(29));
      expect(d).toMatchObject({ ok: true, next: 'consent_pending', set: {} });
    }
  });

  describe('R30: a claimed customer becomes a candidate again; an added one disappears', () => {
    const cases = [
      ['consent_pending', 'declineConsent', 'consentDeclined'],
      ['consent_pending', 'expireConsent', 'consentExpired'],
      ['claimed', 'expireConsent', 'consentExpired'],
    ] as const;
    for (const [status, event, kind] of cases) {
      it(`${status} · ${event}, origin claim`, () => {
        expect(effects(status, event, { origin: 'claim' })).toEqual([
          { type: 'notifyPartner', kind },
          { type: 'becomesCandidate' },
        ]);
      });
      it(`${status} · ${event}, origin add`, () => {
        expect(effects(status, event, { origin: 'add' })).toEqual([{ type: 'notifyPartner', kind }]);
      });
    }

    it('no other ending makes a candidate, whatever the origin', () => {
      for (const { status, event } of validPairs) {
        if (event === 'declineConsent' || event === 'expireConsent') continue;
        expect(effects(status, event, { origin: 'claim' })).not.toContainEqual({ type: 'becomesCandidate' });
      }
    });
  });

  it('the partner is notified of every ending it did not cause itself', () => {
    const kinds: Partial<Record<EventType, string>> = {
      supersede: 'superseded',
      expireClaim: 'claimExpired',
      expireReview: 'reviewExpired',
      expireDispute: 'disputeExpired',
      approve: 'claimApproved',
      requestInfo: 'actionRequired',
    };
    for (const [event, kind] of Object.entries(kinds)) {
      const pair = validPairs.find((p) => p.event === event);
      if (!pair) throw new Error(event);
      expect(effects(pair.status, pair.event)).toEqual([{ type: 'notifyPartner', kind }]);
    }
    expect(effects('active', 'cancelClaim')).toEqual([]);
  });
});

describe('the table itself', () => {
  it('names only known statuses and events, and leads nowhere out of an end state', () => {
    for (const row of TRANSITIONS) {
      expect(EVENT_TYPES).toContain(row.event);
      for (const from of row.from) {
        expect(NOMINATION_STATUSES).toContain(from);
        expect(isTerminal(from)).toBe(false);
      }
      if (row.to !== null) expect(NOMINATION_STATUSES).toContain(row.to);
    }
  });

  it('has at most one applicable row per (status, event, disputed before)', () => {
    for (const status of NOMINATION_STATUSES) {
      for (const event of EVENT_TYPES) {
        for (const disputed of [false, true]) {
          const rows = TRANSITIONS.filter(
            (r) =>
              r.event === event &&
              r.from.includes(status) &&
              (r.when === undefined || (r.when === 'disputed') === disputed),
          );
          expect(rows.length, `${status} · ${event}`).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('every non-terminal status can end by a sweep, so nothing stays open forever', () => {
    for (const status of NOMINATION_STATUSES.filter((s) => !isTerminal(s))) {
      expect(TRANSITIONS.some((r) => r.timing === 'sweep' && r.from.includes(status))).toBe(true);
    }
  });
});
