import { describe, expect, it } from 'vitest';
import { deriveOperatorClaim } from '../../../src/app/operator/claim-detail.ts';
import { NOMINATION_STATUSES } from '../../../src/domain/index.ts';
import { AWAITING_OPERATOR } from '../../../src/domain/lifecycle-sets.ts';
import { claimedFactsIn, NOMINATION, OPERATOR } from '../claims/fixtures.ts';
import { day, IN_TIME, LATE } from '../domain/fixtures.ts';

// The operator's claim detail is a pure function of the loaded facts and `now` (load → derive).

describe('operator claim detail', () => {
  it('adds what only the operator needs to the claim view', () => {
    const facts = claimedFactsIn('rejected', {
      endedAt: null,
      decisions: [
        {
          id: '00000000-0000-4000-8000-000000000301',
          decision: 'reject',
          comment: 'No invoice',
          at: day(3),
          operator: { id: OPERATOR, name: 'Olga Operator' },
        },
      ],
    });
    const detail = deriveOperatorClaim(facts, [], IN_TIME);
    expect(detail).toMatchObject({
      status: 'rejected',
      storedStatus: 'rejected',
      location: { mpnId: '1234567', country: 'DE' },
      customer: { name: 'Fabrikam', tpid: 42, country: 'DE' },
      rejectedAt: day(3).toISOString(),
      endedAt: null,
      reviewDaysLeft: null,
      disputed: false,
      allowedDecisions: [],
    });
    expect(detail.decisions).toEqual([
      {
        id: '00000000-0000-4000-8000-000000000301',
        decision: 'reject',
        comment: 'No invoice',
        at: day(3).toISOString(),
        operator: { id: OPERATOR, name: 'Olga Operator' },
      },
    ]);
    expect(detail.reviews).toHaveLength(1);
  });

  it('offers the three decisions exactly for claims awaiting the operator within the review window', () => {
    for (const status of NOMINATION_STATUSES) {
      const detail = deriveOperatorClaim(claimedFactsIn(status), [], IN_TIME);
      const expected = AWAITING_OPERATOR.includes(status) ? ['approve', 'reject', 'requestInfo'] : [];
      expect(detail.allowedDecisions, status).toEqual(expected);
    }
    expect(deriveOperatorClaim(claimedFactsIn('under_review'), [], LATE).allowedDecisions).toEqual([]);
  });

  it('counts the review window while in review, and shows a passed deadline before its sweep', () => {
    expect(deriveOperatorClaim(claimedFactsIn('under_review'), [], IN_TIME).reviewDaysLeft).toBe(115);
    const late = deriveOperatorClaim(claimedFactsIn('under_review'), [], LATE);
    expect(late).toMatchObject({
      status: 'post_submission_expired',
      storedStatus: 'under_review',
      reviewDaysLeft: null,
    });
  });

  it('links the uploaded files for download', () => {
    const facts = claimedFactsIn('claim_submitted', {
      items: [
        {
          kind: 'invoice',
          completedAt: day(2),
          completedBy: null,
          fileName: 'invoice.pdf',
          file: { sizeBytes: 10, contentType: 'application/pdf' },
        },
      ],
    });
    expect(deriveOperatorClaim(facts, [], IN_TIME).files).toEqual({
      findingsReport: null,
      invoice: `/api/v1/operator/claims/${NOMINATION}/files/invoice`,
    });
  });

  it('says whether the claim was disputed', () => {
    expect(deriveOperatorClaim(claimedFactsIn('disputed'), [], IN_TIME).disputed).toBe(true);
  });
});
