import { expect, it } from 'vitest';
import { CLAIM_STATUS_VALUES } from '../../../src/contracts/lifecycle.ts';
import { EVENT_TYPES } from '../../../src/domain/transitions.ts';
import { AUDIT_ACTIONS } from '../../../web/components/auditLabels.ts';
import { STATUS_FILTER_IDS } from '../../../web/components/statusLabels.ts';

// The queue's filter names every status a submitted claim can have (derived from the lifecycle table):
// a new status in the table fails here until it has a label.
it('the review queue has a filter label for every submitted claim status', () => {
  expect(Object.keys(STATUS_FILTER_IDS).sort()).toEqual([...CLAIM_STATUS_VALUES].sort());
});

// The claim history and the Activity page name every event of the transition table in words (and the
// two ways a record begins): a new event fails here until it has them.
it('every lifecycle event has words in the audit labels', () => {
  expect(AUDIT_ACTIONS).toEqual(expect.arrayContaining(['addCustomer', 'claimCustomer', ...EVENT_TYPES]));
});
