import {
  AWAITING_OPERATOR,
  CLAIM_STATUS_VALUES,
  type ClaimStatus,
  type ReviewQueueItem,
} from '../../contracts/operator.ts';
import { DomainError } from '../../domain/errors.ts';
import { effectiveStatus, TRANSITIONS } from '../../domain/lifecycle.ts';
import { isInReview } from '../../domain/lifecycle-sets.ts';
import type { Actor } from '../../domain/policy.ts';
import type { NominationStatus } from '../../domain/status.ts';
import { daysLeft } from '../../domain/time.ts';
import { decodeCursor, encodeCursor } from '../customers/cursor.ts';
import type { Trx } from '../ports.ts';
import { requireOperator } from './access.ts';

// The operator's review queue (spec §4.5, issue 6): submitted workshop claims, oldest submission
// first, keyset-paged over (submitted_at, id). The status filter uses the status in effect now, like
// every other list (§5): a claim whose review deadline passed is post_submission_expired even before
// the sweep has run, so it is not offered for review.

const SWEEPS = TRANSITIONS.filter((t) => t.timing === 'sweep' && t.to !== null);
const DEADLINE = {
  consentDueAt: 'n.consent_due_at',
  claimDueAt: 'n.claim_due_at',
  reviewDueAt: 'n.review_due_at',
  disputeDueAt: 'n.dispute_due_at',
} as const;
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

export async function listReviewQueue(trx: Trx, actor: Actor, filters: QueueFilters, now: Date) {
  requireOperator(actor, 'operator.review');
  const statuses = parseStatuses(filters.status);
  const limit = filters.maxpagesize ?? 50;
  let query = trx
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
    // Records whose status in effect at `now` is one of `statuses` (see effectiveStatus in the domain).
    .where((eb) => {
      const ors = [];
      for (const status of statuses) {
        const sweep = SWEEPS.find((row) => row.from.includes(status));
        if (sweep) {
          const due = DEADLINE[sweep.deadline];
          ors.push(eb.and([eb('n.status', '=', status), eb.or([eb(due, 'is', null), eb(due, '>', now)])]));
        } else ors.push(eb('n.status', '=', status));
        for (const row of SWEEPS.filter((r) => r.to === status))
          ors.push(eb.and([eb('n.status', 'in', [...row.from]), eb(DEADLINE[row.deadline], '<=', now)]));
      }
      return eb.or(ors);
    });
  if (filters.engagementId) query = query.where('n.engagement_id', '=', filters.engagementId);
  if (filters.cursor) {
    const [after, id] = decodeCursor(filters.cursor, SORT, ['timestamp', 'uuid']).key as [Date, string];
    query = query.where((eb) =>
      eb.or([
        eb('n.submitted_at', '>', after),
        eb.and([eb('n.submitted_at', '=', after), eb('n.id', '>', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('n.submitted_at')
    .orderBy('n.id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const next =
    rows.length > limit && last
      ? encodeCursor({ sort: SORT, key: [last.submitted_at!, last.id] })
      : undefined;
  const value: ReviewQueueItem[] = page.map((r) => {
    const status = effectiveStatus(r.status as NominationStatus, now, {
      consentDueAt: r.consent_due_at,
      claimDueAt: r.claim_due_at,
      reviewDueAt: r.review_due_at,
      disputeDueAt: r.dispute_due_at,
    });
    return {
      nominationId: r.id,
      claimId: r.claim_id,
      partner: { id: r.partner_id, name: r.partner_name },
      location: { id: r.location_id, mpnId: r.mpn_id, name: r.location_name },
      customer: { name: r.tenant_name, tenantId: r.tenant_id },
      engagement: { id: r.engagement_id, name: r.engagement_name },
      status,
      submittedAt: r.submitted_at!.toISOString(),
      firstSubmittedAt: r.first_submitted_at!.toISOString(),
      reviewDueAt: r.review_due_at?.toISOString() ?? null,
      daysLeft: isInReview(status) && r.review_due_at ? daysLeft(r.review_due_at, now) : null,
      disputed: r.disputed_at !== null,
    };
  });
  return { value, next };
}
