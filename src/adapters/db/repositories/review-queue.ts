import type { ExpressionBuilder, NotNull } from 'kysely';
import type { ReviewQueueQuery, StoredStatusMatch } from '../../../app/store/claims.ts';
import type { Scope } from '../../../app/store/scope.ts';
import type { DeadlineColumn } from '../../../domain/transitions.ts';
import type { Database } from '../schema.ts';
import type { Q } from './db.ts';

// The operator's review queue (spec §4.5): submitted claims, oldest submission first, keyset-paged
// over (submitted_at, id). Which stored statuses and deadlines make up "the status in effect now" is
// decided by the use case (src/app/operator/review-queue.ts); this only writes it as SQL.

const DEADLINE: Record<
  DeadlineColumn,
  'n.consent_due_at' | 'n.claim_due_at' | 'n.review_due_at' | 'n.dispute_due_at'
> = {
  consentDueAt: 'n.consent_due_at',
  claimDueAt: 'n.claim_due_at',
  reviewDueAt: 'n.review_due_at',
  disputeDueAt: 'n.dispute_due_at',
};

type Eb = ExpressionBuilder<Database & { n: Database['nominations'] }, 'n'>;

/** Stored in `status`, with its deadline passed or not at `now` (not passed: also no deadline at all). */
function matching(eb: Eb, match: StoredStatusMatch, now: Date) {
  const status = eb('n.status', '=', match.status);
  if (match.deadline === null) return status;
  const due = DEADLINE[match.deadline];
  return match.passed
    ? eb.and([status, eb(due, '<=', now)])
    : eb.and([status, eb.or([eb(due, 'is', null), eb(due, '>', now)])]);
}

/** The queue's query (one page and one row more). */
export const reviewQueueQuery = (db: Q, scope: Scope, query: ReviewQueueQuery) => {
  let q = db
    .selectFrom('nominations as n')
    .innerJoin('workshop_claims as c', 'c.nomination_id', 'n.id')
    .innerJoin('partners as p', 'p.id', 'n.partner_id')
    .innerJoin('locations as l', 'l.id', 'n.location_id')
    .innerJoin('tenants as t', 't.id', 'n.tenant_id')
    .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
    .select([
      'n.id',
      'c.id as claim_id',
      'p.id as partner_id',
      'p.name as partner_name',
      'l.id as location_id',
      'l.mpn_id',
      'l.name as location_name',
      't.id as tenant_id',
      't.name as tenant_name',
      'e.id as engagement_id',
      'e.name as engagement_name',
      'n.status',
      'n.consent_due_at',
      'n.claim_due_at',
      'n.review_due_at',
      'n.dispute_due_at',
      'n.submitted_at',
      'n.first_submitted_at',
      'n.disputed_at',
    ])
    .where('n.submitted_at', 'is not', null)
    .where('n.first_submitted_at', 'is not', null)
    .where((eb) => eb.or(query.matches.map((match) => matching(eb, match, query.now))))
    .$narrowType<{ submitted_at: NotNull; first_submitted_at: NotNull }>();
  if (scope.partnerId !== null) q = q.where('n.partner_id', '=', scope.partnerId);
  if (query.engagementId) q = q.where('n.engagement_id', '=', query.engagementId);
  const after = query.after;
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('n.submitted_at', '>', after[0]),
        eb.and([eb('n.submitted_at', '=', after[0]), eb('n.id', '>', after[1])]),
      ]),
    );
  return q
    .orderBy('n.submitted_at')
    .orderBy('n.id')
    .limit(query.limit + 1);
};
