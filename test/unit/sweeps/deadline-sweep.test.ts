import { describe, expect, it } from 'vitest';
import type { OverdueRecord } from '../../../src/app/store/sweeps.ts';
import { decideBatch, touchedByPartner } from '../../../src/app/sweeps/deadline-sweep.ts';
import { TRANSITIONS } from '../../../src/domain/transitions.ts';
import { day, IN_TIME, recordIn } from '../domain/fixtures.ts';

// The deadline sweep's decisions (spec §5), without a database: which overdue records move where, the
// notices they send, and the Customers rows to refresh afterwards.

const EXPIRE_CONSENT = TRANSITIONS.find((t) => t.event === 'expireConsent')!;

const overdue = (
  id: string,
  partnerId: string,
  status: 'claimed' | 'consent_pending' | 'active',
): OverdueRecord => ({
  ...recordIn(status),
  id,
  partnerId,
  engagementId: `e-${partnerId}`,
  tenantId: `t-${id}`,
});

describe('deadline sweep decisions', () => {
  it('moves every overdue record the transition allows, with its partner notice', () => {
    const records = [overdue('a', 'p1', 'claimed'), overdue('b', 'p1', 'consent_pending')];
    const { moves, notices } = decideBatch(records, EXPIRE_CONSENT, day(31));
    expect(moves).toEqual([
      { id: 'a', from: 'claimed', to: 'consent_expired' },
      { id: 'b', from: 'consent_pending', to: 'consent_expired' },
    ]);
    expect(notices).toEqual([
      { nominationId: 'a', kind: 'consentExpired', dedupeKey: 'a:consentExpired' },
      { nominationId: 'b', kind: 'consentExpired', dedupeKey: 'b:consentExpired' },
    ]);
  });

  it('leaves a record alone that the transition refuses (deadline not reached, other status)', () => {
    expect(decideBatch([overdue('a', 'p1', 'claimed')], EXPIRE_CONSENT, IN_TIME)).toEqual({
      moves: [],
      notices: [],
    });
    expect(decideBatch([overdue('a', 'p1', 'active')], EXPIRE_CONSENT, day(31))).toEqual({
      moves: [],
      notices: [],
    });
  });

  it('refreshes, per partner, the workshops and customers of the records that changed, once each', () => {
    const records = [
      overdue('a', 'p1', 'claimed'),
      overdue('b', 'p1', 'claimed'),
      overdue('c', 'p2', 'claimed'),
    ];
    const touched = touchedByPartner([...records, records[0]!], new Set(['a', 'c']));
    expect([...touched]).toEqual([
      ['p1', { engagementIds: ['e-p1'], tenantIds: ['t-a'] }],
      ['p2', { engagementIds: ['e-p2'], tenantIds: ['t-c'] }],
    ]);
  });
});
