import { sql } from 'kysely';
import type { DashboardQuery, DashboardRepository } from '../../../app/store/dashboard.ts';
import type { PartnerScope } from '../../../app/store/scope.ts';
import { COMPLETED_STATUS, RUNNING_STATUSES } from '../../../domain/lifecycle-sets.ts';
import type { Q } from './db.ts';

// The action centre (issue 15): three statements, all on the partner's records at the user's locations.
// Counts come from the Customers read model, so they are the sizes of the Customers lists; the
// deadlines and endings from the base table, narrowed by the deadline columns to the window.

/** Records per status on the Customers lists (candidates have no record and are not a stage). */
export const dashboardCountsQuery = (
  db: Q,
  scope: PartnerScope,
  query: Pick<DashboardQuery, 'locations' | 'now'>,
) =>
  db
    .selectFrom('customer_rows as r')
    .select(['r.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.partner_id', '=', scope.partnerId)
    .where('r.location_id', 'in', [...query.locations])
    .where((eb) => eb.or([eb('r.valid_until', 'is', null), eb('r.valid_until', '>', query.now)]))
    .groupBy('r.status');

/** Running records whose deadlines fall in the window, and records that ended in it. */
export const dashboardRecordsQuery = (db: Q, scope: PartnerScope, query: DashboardQuery) =>
  db
    .selectFrom('nominations as n')
    .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
    .innerJoin('tenants as t', 't.id', 'n.tenant_id')
    .leftJoin('workshop_claims as c', 'c.nomination_id', 'n.id')
    .select([
      'n.id',
      'n.engagement_id',
      'e.name as engagement_name',
      'n.tenant_id',
      't.name as tenant_name',
      'n.location_id',
      'n.status',
      'n.consent_due_at',
      'n.claim_due_at',
      'n.review_due_at',
      'n.dispute_due_at',
      'n.ended_at',
      'c.id as claim_id',
      (eb) =>
        eb
          .selectFrom('review_decisions as d')
          .select('d.comment')
          .whereRef('d.claim_id', '=', 'c.id')
          .orderBy('d.created_at', 'desc')
          .limit(1)
          .as('last_comment'),
    ])
    .where('n.partner_id', '=', scope.partnerId)
    .where('n.location_id', 'in', [...query.locations])
    .where((eb) =>
      eb.or([
        eb('n.ended_at', '>=', query.since),
        eb.and([
          eb('n.status', 'in', [...RUNNING_STATUSES]),
          eb.or(
            (['n.consent_due_at', 'n.claim_due_at', 'n.review_due_at', 'n.dispute_due_at'] as const).map(
              (column) => eb.between(column, query.since, query.until),
            ),
          ),
        ]),
      ]),
    );

/**
 * Payout per currency: records in flight at the payout taken at consent, else today's rate of the
 * customer's market (what the claim page shows as expected), and approved records at their payout.
 */
export const dashboardPayoutQuery = (db: Q, scope: PartnerScope, locations: readonly string[]) =>
  db
    .selectFrom('nominations as n')
    .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
    .innerJoin('tenants as t', 't.id', 'n.tenant_id')
    .leftJoin('markets as m', 'm.country', 't.country')
    .leftJoin('engagement_rates as er', (join) =>
      join.onRef('er.engagement_id', '=', 'n.engagement_id').onRef('er.market', '=', 'm.market'),
    )
    .select([
      sql<string>`coalesce(n.payout_currency, e.currency)`.as('currency'),
      (eb) =>
        eb.fn
          .sum<string | number>(sql`coalesce(n.payout_amount_minor, er.amount_minor)`)
          .filterWhere('n.status', 'in', [...RUNNING_STATUSES])
          .as('expected'),
      (eb) =>
        eb.fn
          .sum<string | number>('n.payout_amount_minor')
          .filterWhere('n.status', '=', COMPLETED_STATUS)
          .as('approved'),
    ])
    .where('n.partner_id', '=', scope.partnerId)
    .where('n.location_id', 'in', [...locations])
    .where('n.status', 'in', [...RUNNING_STATUSES, COMPLETED_STATUS])
    .groupBy(sql`coalesce(n.payout_currency, e.currency)`)
    .orderBy('currency');

export function dashboardRepository(db: Q): DashboardRepository {
  return {
    async statusCounts(scope, query) {
      if (query.locations.length === 0) return new Map();
      const rows = await dashboardCountsQuery(db, scope, query).execute();
      return new Map(rows.filter((r) => r.status !== 'candidate').map((r) => [r.status, Number(r.n)]));
    },

    async records(scope, query) {
      if (query.locations.length === 0) return [];
      const rows = await dashboardRecordsQuery(db, scope, query).execute();
      return rows.map((r) => ({
        id: r.id,
        engagement: { id: r.engagement_id, name: r.engagement_name },
        customer: { tenantId: r.tenant_id, name: r.tenant_name },
        locationId: r.location_id,
        status: r.status,
        consentDueAt: r.consent_due_at,
        claimDueAt: r.claim_due_at,
        reviewDueAt: r.review_due_at,
        disputeDueAt: r.dispute_due_at,
        endedAt: r.ended_at,
        hasClaim: r.claim_id !== null,
        lastOperatorComment: r.last_comment ?? null,
      }));
    },

    async payout(scope, locations) {
      if (locations.length === 0) return [];
      const rows = await dashboardPayoutQuery(db, scope, locations).execute();
      return rows.map((r) => ({
        currency: r.currency,
        expectedMinor: Number(r.expected ?? 0),
        approvedMinor: Number(r.approved ?? 0),
      }));
    },
  };
}
