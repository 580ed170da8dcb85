import { type ExpressionBuilder, sql } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { CustomerRowRepository, ListQuery, RowTab } from '../../../app/store/customer-rows.ts';
import type { PartnerScope } from '../../../app/store/scope.ts';
import { CONSENTED_STATUSES } from '../../../domain/lifecycle-sets.ts';
import type { Database } from '../schema.ts';
import { replaceCustomerRows } from './customer-rows-replace.ts';
import type { Q } from './db.ts';
import { toEngagement } from './engagements.ts';

// The Customers page's read model (ADR 0008): keyset-paged lists over customer_rows' indexes
// (partner, engagement, tab, sort key, tenant), never OFFSET, and the loads and writes of its refresh.

const CHUNK = 1000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

type Eb = ExpressionBuilder<Database & { r: Database['customer_rows'] }, 'r'>;

/** Search by name, domain, tenant ID or TPID (spec §3). */
function searchFilter(search: string | undefined) {
  const q = search?.trim().toLowerCase();
  if (!q) return null;
  return (eb: Eb) => {
    if (GUID.test(q)) return eb('r.tenant_id', '=', q);
    const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
    const ors = [
      eb('r.sort_name', 'like', `%${escaped}%`),
      eb.exists(
        eb
          .selectFrom('tenant_domains as d')
          .select(sql`1`.as('one'))
          .whereRef('d.tenant_id', '=', 'r.tenant_id')
          .where('d.domain', 'like', `${escaped}%`),
      ),
    ];
    if (/^[0-9]{1,18}$/.test(q)) ors.push(eb('r.tpid', '=', Number(q)));
    return eb.or(ors);
  };
}

/** The rows a user may see: the partner's, of this workshop, still true now, on their locations or candidates. */
function visibleRows(scope: PartnerScope, query: Pick<ListQuery, 'engagementId' | 'locations' | 'now'>) {
  return (eb: Eb) =>
    eb.and([
      eb('r.partner_id', '=', scope.partnerId),
      eb('r.engagement_id', '=', query.engagementId),
      eb.or([eb('r.valid_until', 'is', null), eb('r.valid_until', '>', query.now)]),
      query.locations.length
        ? eb.or([eb('r.location_id', 'is', null), eb('r.location_id', 'in', [...query.locations])])
        : eb('r.location_id', 'is', null),
    ]);
}

type SortColumn = 'sort_name' | 'sort_due' | 'status';
const SORT_COLUMNS: Record<ListQuery['sort'], { columns: SortColumn[]; desc: boolean }> = {
  name: { columns: ['sort_name'], desc: false },
  '-name': { columns: ['sort_name'], desc: true },
  daysLeft: { columns: ['sort_due'], desc: false },
  '-daysLeft': { columns: ['sort_due'], desc: true },
  status: { columns: ['status', 'sort_name'], desc: false },
  '-status': { columns: ['status', 'sort_name'], desc: true },
};

/** The list query itself (checked in: sql/customer-rows.list.sql; EXPLAIN-tested for every variant). */
export function listQuery(db: Q, scope: PartnerScope, query: ListQuery) {
  const sort = SORT_COLUMNS[query.sort];
  const keyColumns = [...sort.columns.map((c) => `r.${c}` as const), 'r.tenant_id' as const];
  let q = db
    .selectFrom('customer_rows as r')
    .leftJoin('locations as l', 'l.id', 'r.location_id')
    .innerJoin('engagements as e', 'e.id', 'r.engagement_id')
    .selectAll('r')
    .select(['l.mpn_id', 'l.name as location_name', 'e.availability as engagement_availability'])
    .where(visibleRows(scope, query))
    .where('r.tab', '=', query.tab);
  const search = searchFilter(query.search);
  if (search) q = q.where(search);
  // Issue 15's filters: on top of visibleRows, so a location the user may not see still lists nothing.
  if (query.locationId) q = q.where('r.location_id', '=', query.locationId);
  if (query.statuses) q = q.where('r.status', 'in', [...query.statuses]);
  const after = query.after;
  if (after) {
    // Row-value comparison: (a, b, id) > (x, y, z) — one index range scan.
    q = q.where(({ eb, refTuple, tuple }) =>
      keyColumns.length === 2
        ? eb(
            refTuple(keyColumns[0]!, keyColumns[1]!),
            sort.desc ? '<' : '>',
            tuple(after[0] as never, after[1] as never),
          )
        : eb(
            refTuple(keyColumns[0]!, keyColumns[1]!, keyColumns[2]!),
            sort.desc ? '<' : '>',
            tuple(after[0] as never, after[1] as never, after[2] as never),
          ),
    );
  }
  for (const column of keyColumns) q = q.orderBy(column, sort.desc ? 'desc' : 'asc');
  return q.limit(query.limit + 1);
}

/** The counts per tab (checked in: sql/customer-rows.count.sql). */
export function countQuery(
  db: Q,
  scope: PartnerScope,
  query: Pick<ListQuery, 'engagementId' | 'search' | 'locations' | 'now'>,
) {
  let q = db
    .selectFrom('customer_rows as r')
    .select(['r.tab', (eb) => eb.fn.countAll<number>().as('n')])
    .where(visibleRows(scope, query))
    .groupBy('r.tab');
  const filter = searchFilter(query.search);
  if (filter) q = q.where(filter);
  return q;
}

/**
 * Issue 15: the partner's customers across workshops by name, domain, tenant ID or TPID: the first
 * `limit` customers by name (the user's locations, and candidates), with every row each has.
 */
export function searchAcrossQuery(
  db: Q,
  scope: PartnerScope,
  query: { search?: string | undefined; locations: readonly string[]; now: Date; limit: number },
) {
  const visible = (eb: Eb) =>
    eb.and([
      eb('r.partner_id', '=', scope.partnerId),
      eb.or([eb('r.valid_until', 'is', null), eb('r.valid_until', '>', query.now)]),
      query.locations.length
        ? eb.or([eb('r.location_id', 'is', null), eb('r.location_id', 'in', [...query.locations])])
        : eb('r.location_id', 'is', null),
    ]);
  const filter = searchFilter(query.search);
  return db
    .with('picked', (qb) => {
      let q = qb
        .selectFrom('customer_rows as r')
        .select(['r.sort_name', 'r.tenant_id'])
        .distinct()
        .where(visible);
      if (filter) q = q.where(filter);
      return q.orderBy('r.sort_name').orderBy('r.tenant_id').limit(query.limit);
    })
    .selectFrom('customer_rows as r')
    .innerJoin('picked as p', 'p.tenant_id', 'r.tenant_id')
    .innerJoin('engagements as e', 'e.id', 'r.engagement_id')
    .select([
      'r.tenant_id',
      'r.name',
      'r.domain',
      'r.tpid',
      'r.engagement_id',
      'e.name as engagement_name',
      'r.nomination_id',
      'r.status',
      'r.tab',
    ])
    .where((eb) => visible(eb as never))
    .orderBy('r.sort_name')
    .orderBy('r.tenant_id')
    .orderBy('e.name')
    .orderBy('r.engagement_id');
}

/**
 * What an add or a claim decides on and refreshes from, as one statement of JSON sub-selects (issue 12:
 * one round trip instead of eight). Timestamps arrive as JSON strings and are turned back into dates.
 */
function customerFactsQuery(db: Q, scope: PartnerScope, locationId: string, tenantId: string) {
  return db.selectNoFrom((eb) => [
    jsonObjectFrom(
      eb
        .selectFrom('locations as l')
        .leftJoin('enrolments as en', 'en.location_id', 'l.id')
        .select(['l.id', 'l.partner_id', 'l.mpn_id', 'l.name', 'l.country', 'l.designations', 'en.status'])
        .where('l.partner_id', '=', scope.partnerId)
        .where('l.id', '=', locationId),
    ).as('location'),
    jsonArrayFrom(
      eb
        .selectFrom('engagements as e')
        .selectAll('e')
        .where('e.kind', '=', 'workshop')
        .orderBy('e.name')
        .orderBy('e.id'),
    ).as('workshops'),
    jsonObjectFrom(
      eb
        .selectFrom('tenants as t')
        .select(['t.id', 't.name', 't.tpid', 't.country', 't.segment', 't.seats', 't.products'])
        .select(
          sql<
            string[]
          >`array(select d.domain from tenant_domains d where d.tenant_id = t.id order by d.domain)`.as(
            'domains',
          ),
        )
        .where('t.id', '=', tenantId),
    ).as('tenant'),
    jsonArrayFrom(
      eb
        .selectFrom('nominations as n')
        .leftJoin('workshop_claims as c', 'c.nomination_id', 'n.id')
        .leftJoin('consent_requests as cr', (join) =>
          join.onRef('cr.nomination_id', '=', 'n.id').on('cr.voided_at', 'is', null),
        )
        .select([
          'n.id',
          'n.partner_id',
          'n.engagement_id',
          'n.location_id',
          'n.origin',
          'n.status',
          'n.consent_due_at',
          'n.claim_due_at',
          'n.review_due_at',
          'n.dispute_due_at',
          'c.id as claim_id',
          'cr.email_status as consent_email',
        ])
        .where('n.tenant_id', '=', tenantId),
    ).as('records'),
  ]);
}

const dateOrNull = (value: Date | string | null) => (value === null ? null : new Date(value));

export function customerRowRepository(db: Q): CustomerRowRepository {
  return {
    async customerFacts(scope, locationId, tenantId) {
      const facts = await customerFactsQuery(db, scope, locationId, tenantId).executeTakeFirstOrThrow();
      const l = facts.location;
      const t = facts.tenant;
      return {
        location: l
          ? {
              id: l.id,
              partnerId: l.partner_id,
              mpnId: l.mpn_id,
              name: l.name,
              country: l.country,
              designations: l.designations,
              enrolled: l.status === 'enrolled',
            }
          : undefined,
        workshops: facts.workshops.map(toEngagement),
        tenant: t
          ? {
              id: t.id,
              name: t.name,
              tpid: t.tpid,
              country: t.country,
              segment: t.segment,
              seats: t.seats,
              products: t.products,
              domain: t.domains[0] ?? null,
              domains: t.domains,
            }
          : undefined,
        records: facts.records.map((r) => ({
          id: r.id,
          partnerId: r.partner_id,
          engagementId: r.engagement_id,
          tenantId,
          locationId: r.location_id,
          origin: r.origin,
          status: r.status,
          consentDueAt: new Date(r.consent_due_at),
          claimDueAt: dateOrNull(r.claim_due_at),
          reviewDueAt: dateOrNull(r.review_due_at),
          disputeDueAt: dateOrNull(r.dispute_due_at),
          claimId: r.claim_id,
          consentEmail: r.consent_email,
        })),
      };
    },

    async workshops(engagementIds) {
      if (engagementIds && engagementIds.length === 0) return [];
      let q = db.selectFrom('engagements').select(['id', 'customer_criteria']).where('kind', '=', 'workshop');
      if (engagementIds) q = q.where('id', 'in', [...engagementIds]);
      const rows = await q.execute();
      return rows.map((r) => ({ id: r.id, customerCriteria: r.customer_criteria ?? [] }));
    },

    async partnerRecords(scope, tenantIds) {
      if (tenantIds && tenantIds.length === 0) return [];
      let q = db
        .selectFrom('nominations as n')
        .leftJoin('workshop_claims as c', 'c.nomination_id', 'n.id')
        // The current consent request (at most one per record: unique index consent_requests_current).
        .leftJoin('consent_requests as cr', (join) =>
          join.onRef('cr.nomination_id', '=', 'n.id').on('cr.voided_at', 'is', null),
        )
        .select([
          'n.id',
          'n.engagement_id',
          'n.tenant_id',
          'n.location_id',
          'n.origin',
          'n.status',
          'n.consent_due_at',
          'n.claim_due_at',
          'n.review_due_at',
          'n.dispute_due_at',
          'c.id as claim_id',
          'cr.email_status as consent_email',
        ])
        .where('n.partner_id', '=', scope.partnerId);
      if (tenantIds) q = q.where('n.tenant_id', 'in', [...tenantIds]);
      const rows = await q.execute();
      return rows.map((r) => ({
        id: r.id,
        engagementId: r.engagement_id,
        tenantId: r.tenant_id,
        locationId: r.location_id,
        origin: r.origin,
        status: r.status,
        consentDueAt: r.consent_due_at,
        claimDueAt: r.claim_due_at,
        reviewDueAt: r.review_due_at,
        disputeDueAt: r.dispute_due_at,
        claimId: r.claim_id,
        consentEmail: r.consent_email,
      }));
    },

    async tenantFacts(tenantIds) {
      const out = [];
      for (const ids of chunks(tenantIds)) {
        const rows = await db
          .selectFrom('tenants as t')
          .select(['t.id', 't.name', 't.tpid', 't.country', 't.segment', 't.seats', 't.products'])
          .select((eb) =>
            eb
              .selectFrom('tenant_domains as d')
              .select((e) => e.fn.min('d.domain').as('d'))
              .whereRef('d.tenant_id', '=', 't.id')
              .as('domain'),
          )
          .where('t.id', 'in', ids)
          .execute();
        out.push(...rows.map((t) => ({ ...t, domain: t.domain ?? null })));
      }
      return out;
    },

    async otherPartnersHolds(scope, tenantIds, engagementIds) {
      if (engagementIds.length === 0) return [];
      const out = [];
      for (const ids of chunks(tenantIds)) {
        const rows = await db
          .selectFrom('nominations')
          .select(['engagement_id', 'tenant_id', 'status'])
          .where('tenant_id', 'in', ids)
          .where('engagement_id', 'in', [...engagementIds])
          .where('partner_id', '!=', scope.partnerId)
          .where('status', 'in', [...CONSENTED_STATUSES])
          .execute();
        out.push(
          ...rows.map((r) => ({ engagementId: r.engagement_id, tenantId: r.tenant_id, status: r.status })),
        );
      }
      return out;
    },

    async lockCustomers(scope, tenantIds) {
      if (tenantIds.length === 0) return;
      // Transaction-scoped advisory locks on (partner, customer), taken in one order so that two
      // transactions holding several never wait on each other in a circle. A hash collision only makes
      // two customers wait for each other.
      await sql`select count(pg_advisory_xact_lock(hashtext(${scope.partnerId}), hashtext(t)))
                  from (select t from unnest(${sql.val([...new Set(tenantIds)].sort())}::text[]) as t order by t) ordered`.execute(
        db,
      );
    },

    replace(scope, engagementIds, tenantIds, rows) {
      return replaceCustomerRows(db, scope, engagementIds, tenantIds, rows);
    },

    async list(scope, query) {
      const rows = await listQuery(db, scope, query).execute();
      return rows.map((r) => ({
        partnerId: r.partner_id,
        engagementId: r.engagement_id,
        tenantId: r.tenant_id,
        name: r.name,
        tpid: r.tpid,
        domain: r.domain,
        nominationId: r.nomination_id,
        locationId: r.location_id,
        tab: r.tab,
        status: r.status,
        reason: r.reason,
        failedCriteria: r.failed_criteria,
        countdown: r.countdown,
        dueAt: r.due_at,
        sortDue: r.sort_due,
        validUntil: r.valid_until,
        claimId: r.claim_id,
        consentEmail: r.consent_email,
        refreshedAt: r.refreshed_at,
        location: r.location_id
          ? { id: r.location_id, mpnId: r.mpn_id ?? '', name: r.location_name ?? '' }
          : null,
        engagementActive: r.engagement_availability === 'active',
      }));
    },

    async searchAcross(scope, query) {
      const rows = await searchAcrossQuery(db, scope, query).execute();
      return rows.map((r) => ({
        tenantId: r.tenant_id,
        name: r.name,
        domain: r.domain,
        tpid: r.tpid,
        engagement: { id: r.engagement_id, name: r.engagement_name },
        nominationId: r.nomination_id,
        status: r.status,
        tab: r.tab,
      }));
    },

    async eligibleCounts(scope, locationIds) {
      if (locationIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('customer_rows')
        .select(['engagement_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('partner_id', '=', scope.partnerId)
        .where('tab', '=', 'eligible')
        .where('location_id', 'in', [...locationIds])
        .groupBy('engagement_id')
        .execute();
      return new Map(rows.map((r) => [r.engagement_id, Number(r.n)]));
    },

    async count(scope, query) {
      const counts: Record<RowTab, number> = { eligible: 0, ineligible: 0, complete: 0 };
      for (const row of await countQuery(db, scope, query).execute()) counts[row.tab] = Number(row.n);
      return counts;
    },
  };
}
