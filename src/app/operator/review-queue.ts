import {
  AWAITING_OPERATOR,
  CLAIM_STATUS_VALUES,
  type ClaimStatus,
  type ReviewQueueItem,
} from '../../contracts/operator.ts';
import { DomainError } from '../../domain/errors.ts';
import { effectiveStatus, TRANSITIONS } from '../../domain/lifecycle.ts';
import { BOUNDING_DEADLINE, isInReview } from '../../domain/lifecycle-sets.ts';
import type { Actor } from '../../domain/policy.ts';
import { NOMINATION_STATUSES, type NominationStatus } from '../../domain/status.ts';
import { daysLeft } from '../../domain/time.ts';
import { decodeCursor, encodeCursor } from '../customers/cursor.ts';
import type { QueuedClaim, StoredStatusMatch } from '../store/claims.ts';
import type { Repositories } from '../store/index.ts';
import { OPERATOR_SCOPE } from '../store/scope.ts';
import { requireOperator } from './access.ts';

// The operator's review queue (spec §4.5, issue 6): submitted workshop claims, oldest submission
// first, keyset-paged over (submittedAt, id). The status filter uses the status in effect now, like
// every other list (§5): a claim whose review deadline passed is post_submission_expired even before
// the sweep has run, so it is not offered for review. Load → derive: the filter and the items are
// pure functions of the table and `now` (test/unit/operator/review-queue.test.ts).

const SORT = 'submittedAt';

export interface QueueFilters {
  status?: string | undefined;
  engagementId?: string | undefined;
  maxpagesize?: number | undefined;
  cursor?: string | undefined;
}

/** Parses `status=a,b` into known claim statuses; anything else is a field error. */
export function parseStatuses(value: string | undefined): ClaimStatus[] {
  if (value === undefined) return [...AWAITING_OPERATOR];
  const parts = [...new Set(value.split(','))];
  const unknown = parts.filter((p) => !(CLAIM_STATUS_VALUES as readonly string[]).includes(p));
  if (unknown.length > 0 || parts.length === 0)
    throw new DomainError('ValidationFailed', {
      target: 'status',
      details: [
        {
          code: 'UnknownClaimStatus',
          target: 'status',
          params: { statuses: CLAIM_STATUS_VALUES.join(', ') },
        },
      ],
    });
  return parts as ClaimStatus[];
}

/** The end state a sweep writes for a status once its bounding deadline passed (null: none). */
const sweptTo = (status: NominationStatus): NominationStatus | null =>
  TRANSITIONS.find((row) => row.timing === 'sweep' && row.from.includes(status))?.to ?? null;

/**
 * The stored side of "the status in effect now is one of `statuses`" (effectiveStatus): each status
 * as stored while its bounding deadline has not passed, and every status whose passed deadline the
 * sweep turns into it.
 */
export function storedStatusMatches(statuses: readonly NominationStatus[]): StoredStatusMatch[] {
  return statuses.flatMap((status) => [
    { status, deadline: BOUNDING_DEADLINE[status], passed: false },
    ...NOMINATION_STATUSES.filter((from) => sweptTo(from) === status).map((from) => ({
      status: from,
      deadline: BOUNDING_DEADLINE[from],
      passed: true,
    })),
  ]);
}

/** One row of the queue as the operator sees it at `now`. */
export function queueItemOf(claim: QueuedClaim, now: Date): ReviewQueueItem {
  const status = effectiveStatus(claim.status, now, claim);
  return {
    nominationId: claim.nominationId,
    claimId: claim.claimId,
    partner: { ...claim.partner },
    location: { ...claim.location },
    customer: { name: claim.customer.name, tenantId: claim.customer.tenantId },
    engagement: { ...claim.engagement },
    status,
    submittedAt: claim.submittedAt.toISOString(),
    firstSubmittedAt: claim.firstSubmittedAt.toISOString(),
    reviewDueAt: claim.reviewDueAt?.toISOString() ?? null,
    daysLeft: isInReview(status) && claim.reviewDueAt ? daysLeft(claim.reviewDueAt, now) : null,
    disputed: claim.disputedAt !== null,
  };
}

/** The cursor's key, type-checked: (submittedAt, nominationId) of the last row of the previous page. */
function afterKey(cursor: string | undefined): [Date, string] | undefined {
  if (cursor === undefined) return undefined;
  const [submittedAt, nominationId] = decodeCursor(cursor, SORT, ['timestamp', 'uuid']).key;
  if (!(submittedAt instanceof Date) || typeof nominationId !== 'string')
    throw new DomainError('ValidationFailed', { target: 'cursor' });
  return [submittedAt, nominationId];
}

export async function listReviewQueue(tx: Repositories, actor: Actor, filters: QueueFilters, now: Date) {
  requireOperator(actor, 'operator.review');
  const matches = storedStatusMatches(parseStatuses(filters.status));
  const limit = filters.maxpagesize ?? 50;
  const rows = await tx.claims.reviewQueue(OPERATOR_SCOPE, {
    matches,
    engagementId: filters.engagementId,
    after: afterKey(filters.cursor),
    limit,
    now,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next =
    rows.length > limit && last
      ? encodeCursor({ sort: SORT, key: [last.submittedAt, last.nominationId] })
      : undefined;
  return { value: page.map((row) => queueItemOf(row, now)), next };
}
