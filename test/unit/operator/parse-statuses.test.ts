import { describe, expect, it } from 'vitest';
import { parseStatuses } from '../../../src/app/operator/review-queue.ts';
import { AWAITING_OPERATOR } from '../../../src/contracts/operator.ts';
import { DomainError } from '../../../src/domain/errors.ts';

describe('review queue status filter', () => {
  it('defaults to the claims awaiting the operator', () => {
    expect(parseStatuses(undefined)).toEqual(['claim_submitted', 'under_review', 'disputed']);
    expect(parseStatuses(undefined)).toEqual([...AWAITING_OPERATOR]);
  });
  it('takes a comma-separated list of claim statuses, each once', () => {
    expect(parseStatuses('approved,rejected,approved')).toEqual(['approved', 'rejected']);
  });
  it('refuses statuses that are not claim statuses with a field error', () => {
    for (const bad of ['claimed', 'active', 'nope', 'approved,consent_pending']) {
      const error = (() => {
        try {
          parseStatuses(bad);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('ValidationFailed');
      expect((error as DomainError).target).toBe('status');
    }
  });
});
