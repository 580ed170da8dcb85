import { describe, expect, it } from 'vitest';
import { parseTabStatuses } from '../../../src/app/customers/list-customers.ts';
import { isDomainError } from '../../../src/domain/errors.ts';
import { DEADLINE_OWNER, STATUSES_OF_TAB } from '../../../src/domain/lifecycle-sets.ts';
import { NOMINATION_STATUSES, TAB_OF_STATUS } from '../../../src/domain/status.ts';

// Issue 15: the status filter of the Customers page offers, per tab, the statuses §5 puts there.
describe('the statuses of each Customers tab', () => {
  it('are those of the §5 table, with the claim candidates on Eligible and Ineligible', () => {
    expect(STATUSES_OF_TAB).toEqual({
      eligible: [
        'candidate',
        'claimed',
        'consent_pending',
        'active',
        'claim_submitted',
        'under_review',
        'action_required',
        'disputed',
        'rejected',
      ],
      ineligible: ['candidate', 'superseded'],
      complete: [
        'approved',
        'rejected_final',
        'not_submitted_expired',
        'post_submission_expired',
        'dispute_expired',
        'cancelled',
      ],
    });
    // Every status a tab shows is in exactly one tab's list; hidden ones in none.
    for (const status of NOMINATION_STATUSES) {
      const tabs = Object.entries(STATUSES_OF_TAB).filter(([, list]) => list.includes(status));
      expect(tabs.map(([tab]) => tab)).toEqual(
        TAB_OF_STATUS[status] === 'hidden' ? [] : [TAB_OF_STATUS[status]],
      );
    }
  });

  it('the filter takes one or several of the tab’s statuses and refuses any other, naming the allowed ones', () => {
    expect(parseTabStatuses('eligible', undefined)).toBeUndefined();
    expect(parseTabStatuses('eligible', 'active,consent_pending,active')).toEqual([
      'active',
      'consent_pending',
    ]);
    expect(parseTabStatuses('complete', 'approved')).toEqual(['approved']);
    for (const [tab, bad] of [
      ['eligible', 'approved'],
      ['complete', 'candidate'],
      ['ineligible', 'active'],
      ['eligible', 'nope'],
      ['eligible', 'active,'],
    ] as const) {
      let caught: unknown;
      try {
        parseTabStatuses(tab, bad);
      } catch (error) {
        caught = error;
      }
      expect(isDomainError(caught) && caught.code, `${tab} ${bad}`).toBe('ValidationFailed');
      expect(isDomainError(caught) && caught.details?.[0]).toMatchObject({
        code: 'UnknownTabStatus',
        params: { statuses: STATUSES_OF_TAB[tab].join(', ') },
      });
    }
  });

  it('only the review deadline is the program’s; every other countdown is the partner’s', () => {
    expect(Object.entries(DEADLINE_OWNER).filter(([, owner]) => owner === 'program')).toEqual([
      ['review', 'program'],
    ]);
  });
});
