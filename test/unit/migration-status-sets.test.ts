import { describe, expect, it } from 'vitest';
import {
  CONSENTED_STATUSES_0001,
  LIVE_STATUSES_0001,
} from '../../src/adapters/db/migrations/0001_initial.ts';
import { CONSENTED_STATUSES, LIVE_STATUSES } from '../../src/domain/lifecycle-sets.ts';

// The partial unique indexes of R9 and "first consent wins" are built from frozen copies of the
// domain's status sets; if the domain changes its sets, a new migration must rebuild the indexes.
describe('status sets of the database constraints', () => {
  it('the live set of the one-live-record index equals the domain’s', () => {
    expect([...LIVE_STATUSES_0001].sort()).toEqual([...LIVE_STATUSES].sort());
  });
  it('the consented set of the first-consent-wins index equals the domain’s', () => {
    expect([...CONSENTED_STATUSES_0001].sort()).toEqual([...CONSENTED_STATUSES].sort());
  });
});
