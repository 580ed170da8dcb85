import { describe, expect, it } from 'vitest';
import { queueItemOf, storedStatusMatches } from '../../../src/app/operator/review-queue.ts';
import type { QueuedClaim, StoredStatusMatch } from '../../../src/app/store/claims.ts';
import {
  type DeadlineView,
  effectiveStatus,
  NOMINATION_STATUSES,
  type NominationRecord,
} from '../../../src/domain/index.ts';
import { SUBMITTED_STATUSES } from '../../../src/domain/lifecycle-sets.ts';
import { day, IN_TIME, LATE, recordIn } from '../domain/fixtures.ts';

// The queue's status filter is written as SQL by the repository from the matches derived here; this
// evaluates the matches the way that SQL does and proves them equal to effectiveStatus on every
// stored status, before and after its deadlines.

/** The repository's SQL condition of one match, in JavaScript (src/adapters/db/repositories/review-queue.ts). */
function sqlMatches(match: StoredStatusMatch, record: NominationRecord, now: Date): boolean {
  if (record.status !== match.status) return false;
  if (match.deadline === null) return true;
  const due = record[match.deadline];
  return match.passed ? due !== null && due <= now : due === null || due > now;
}

describe('review queue filter', () => {
  it('selects exactly the records whose status in effect now is one of the requested ones', () => {
    for (const wanted of NOMINATION_STATUSES) {
      const matches = storedStatusMatches([wanted]);
      for (const stored of NOMINATION_STATUSES)
        for (const now of [IN_TIME, LATE, day(91), day(121)]) {
          const record = recordIn(stored);
          const selected = matches.some((m) => sqlMatches(m, record, now));
          expect(selected, `${stored} at ${now.toISOString()} filtered by ${wanted}`).toBe(
            effectiveStatus(stored, now, record) === wanted,
          );
        }
    }
  });

  it('treats a missing deadline as not passed', () => {
    const record = recordIn('active', { claimDueAt: null });
    expect(storedStatusMatches(['active']).some((m) => sqlMatches(m, record, LATE))).toBe(true);
    expect(storedStatusMatches(['not_submitted_expired']).some((m) => sqlMatches(m, record, LATE))).toBe(
      false,
    );
  });
});

describe('review queue item', () => {
  const claim = (status: QueuedClaim['status'], deadlines: Partial<DeadlineView> = {}): QueuedClaim => {
    const r = recordIn(status);
    return {
      nominationId: '00000000-0000-4000-8000-000000000001',
      claimId: '00000000-0000-4000-8000-000000000002',
      partner: { id: '00000000-0000-4000-8000-0000000000a1', name: 'Contoso Partners' },
      location: { id: '00000000-0000-4000-8000-0000000000b1', mpnId: '1234567', name: 'Contoso Berlin' },
      customer: { tenantId: '00000000-0000-4000-8000-0000000000d1', name: 'Fabrikam' },
      engagement: { id: '00000000-0000-4000-8000-0000000000c1', name: 'AI workshop' },
      status,
      consentDueAt: r.consentDueAt,
      claimDueAt: r.claimDueAt,
      reviewDueAt: r.reviewDueAt,
      disputeDueAt: r.disputeDueAt,
      submittedAt: day(2),
      firstSubmittedAt: day(2),
      disputedAt: r.disputedAt,
      ...deadlines,
    };
  };

  it('shows the status in effect and the review countdown while in review', () => {
    expect(queueItemOf(claim('claim_submitted'), IN_TIME)).toMatchObject({
      status: 'claim_submitted',
      daysLeft: 115,
      reviewDueAt: day(121).toISOString(),
      submittedAt: day(2).toISOString(),
      disputed: false,
    });
    expect(queueItemOf(claim('under_review'), LATE)).toMatchObject({
      status: 'post_submission_expired',
      daysLeft: null,
    });
    expect(queueItemOf(claim('disputed'), IN_TIME)).toMatchObject({ status: 'disputed', disputed: true });
    expect(queueItemOf(claim('approved'), IN_TIME).daysLeft).toBeNull();
  });

  it('covers every status a submitted claim can have', () => {
    for (const status of SUBMITTED_STATUSES)
      expect(queueItemOf(claim(status), IN_TIME).nominationId).toBeTruthy();
  });
});
