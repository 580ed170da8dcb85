import { type ExpressionBuilder, sql } from 'kysely';
import type { Database } from '../../adapters/db/schema.ts';
import type { CustomerSort, CustomerTab } from '../../contracts/customers.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Actor, locationsWhere } from '../../domain/policy.ts';
import { rowActions } from '../../domain/row-actions.ts';
import { daysLeft } from '../../domain/time.ts';
import type { Trx } from '../ports.ts';
import { decodeCursor, encodeCursor, type KeyType } from './cursor.ts';
import { requireCustomersPage, requireIncentiveRole } from './engagement-access.ts';

// The Customers page list (R3–R8): one tab of one engagement, searched, sorted and keyset-paged over
// customer_rows through its (partner, engagement, tab, sort key, tenant) indexes. Never OFFSET.

export interface ListInput {
  engagementId: string;
  tab: CustomerTab;
  search?: string | undefined;
  sort: CustomerSort;
  limit: number;
  cursor?: string | undefined;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Eb = ExpressionBuilder<Database & { r: Database['customer_rows'] }, 'r'>;

/** Search by name, domain, tenant ID or TPID (spec §3). */
export function searchFilter(search: string | undefined) {
  const q = search?.trim().toLowerCase();
  if (!q) return null;
  return (eb: Eb) => {
    if (GUID.test(q)) return eb('r.tenant_id', '=', q);
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const ors = [
      eb('r.sort_name', 'like', like),
      eb.exists(
        eb
          .selectFrom('tenant_domains as d')
          .select(sql`1`.as('one'))
          .whereRef('d.tenant_id', '=', 'r.tenant_id')
          .where('d.domain', 'like', `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
      ),
    ];
    if (/^[0-9]{1,18}$/.test(q)) ors.push(eb('r.tpid', '=', Number(q)));
    return eb.or(ors);
  };
}

/** The rows this actor may see: rows of locations where they hold an incentive role, and candidates. */
export function visibleRows(actor: Actor, engagementId: string, now: Date) {
  const locations = locationsWhere(actor, 'customers.view');
  const partnerId = actor.kind === 'partnerUser' ? actor.partnerId : '';
  return (eb: Eb) =>
    eb.and([
      eb('r.partner_id', '=', partnerId),
      eb('r.engagement_id', '=', engagementId),
      eb.or([eb('r.valid_until', 'is', null), eb('r.valid_until', '>', now)]),
      locations.length
        ? eb.or([eb('r.location_id', 'is', null), eb('r.location_id', 'in', locations)])
        : eb('r.location_id', 'is', null),
    ]);
}

type SortColumn = 'sort_name' | 'sort_due' | 'status';
/** What a cursor may hold for each key column (the cursor is checked against it, src/app/customers/cursor.ts). */
const KEY_TYPES: Record<SortColumn | 'tenant_id', KeyType> = {
  sort_name: 'text',
  sort_due: 'timestamp',
  status: 'text',
  tenant_id: 'uuid',
};

const SORTS: Record<CustomerSort, { columns: SortColumn[]; desc: boolean }> = {
  name: { columns: ['sort_name'], desc: false },
  '-name': { columns: ['sort_name'], desc: true },
  daysLeft: { columns: ['sort_due'], desc: false },
  '-daysLeft': { columns: ['sort_due'], desc: true },
  status: { columns: ['status', 'sort_name'], desc: false },
  '-status': { columns: ['status', 'sort_name'], desc: true },
};

/** The list query itself, unexecuted (tests EXPLAIN it to prove an index serves every variant). */
export function customerListQuery(db: Trx, actor: Actor, input: ListInput, now: Date) {
  const sort = SORTS[input.sort];
  const keyColumns = [...sort.columns.map((c) => `r.${c}` as const), 'r.tenant_id' as const];
  let query = db
    .selectFrom('customer_rows as r')
    .leftJoin('locations as l', 'l.id', 'r.location_id')
    .innerJoin('engagements as e', 'e.id', 'r.engagement_id')
    .selectAll('r')
    .select(['l.mpn_id', 'l.name as location_name', 'e.availability as engagement_availability'])
    .where(visibleRows(actor, input.engagementId, now))
    .where('r.tab', '=', input.tab);
  const search = searchFilter(input.search);
  if (search) query = query.where(search);
  if (input.cursor) {
    const types = [...sort.columns, 'tenant_id' as const].map((c) => KEY_TYPES[c]);
    const values = decodeCursor(input.cursor, input.sort, types).key;
    // Row-value comparison: (a, b, id) > (x, y, z) — one index range scan.
    query = query.where(({ eb, refTuple, tuple }) =>
      keyColumns.length === 2
        ? eb(
            refTuple(keyColumns[0]!, keyColumns[1]!),
            sort.desc ? '<' : '>',
            tuple(values[0] as never, values[1] as never),
          )
        : eb(
            refTuple(keyColumns[0]!, keyColumns[1]!, keyColumns[2]!),
            sort.desc ? '<' : '>',
            tuple(values[0] as never, values[1] as never, values[2] as never),
          ),
    );
  }
  for (const column of keyColumns) query = query.orderBy(column, sort.desc ? 'desc' : 'asc');
  return query.limit(input.limit + 1);
}

export async function listCustomers(db: Trx, actor: Actor, input: ListInput, now: Date) {
  requireIncentiveRole(actor);
  const sort = SORTS[input.sort];
  // Rows exist only for workshops, so the engagement needs its own lookup (404, R2) only when the
  // page is empty: one query fewer on the hot path. The cursor is checked first either way.
  const rows = await customerListQuery(db, actor, input, now).execute();
  if (rows.length === 0) await requireCustomersPage(db, actor, input.engagementId);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const next =
    rows.length > input.limit && last
      ? encodeCursor({
          sort: input.sort,
          key: [...sort.columns.map((c) => last[c]), last.tenant_id],
        })
      : undefined;
  return {
    next,
    rows: page.map((r) => ({
      customerId: r.tenant_id,
      name: r.name,
      tenantId: r.tenant_id,
      tpid: r.tpid,
      domain: r.domain,
      nominationId: r.nomination_id,
      location: r.location_id
        ? { id: r.location_id, mpnId: r.mpn_id ?? '', name: r.location_name ?? '' }
        : null,
      type:
        r.tab !== 'eligible'
          ? null
          : r.status === 'candidate' || r.status === 'claimed' || r.status === 'consent_pending'
            ? ('notStarted' as const)
            : ('active' as const),
      status: r.status,
      countdown: r.countdown,
      deadline: r.due_at ? r.due_at.toISOString() : null,
      daysLeft: r.due_at ? daysLeft(r.due_at, now) : null,
      actions: rowActions({
        status: r.status,
        tab: r.tab,
        engagementActive: r.engagement_availability === 'active',
        hasClaim: r.claim_id !== null,
      }),
      reason: r.reason,
      failedCriteria:
        (r.failed_criteria as unknown as
          | { criterion: Record<string, unknown>; code: string; attribute?: string }[]
          | null) ?? null,
      outcome: r.tab === 'complete' ? r.status : null,
      claimId: r.claim_id,
      consentEmail: r.consent_email,
    })),
  };
}

export function customerCountQuery(
  db: Trx,
  actor: Actor,
  engagementId: string,
  search: string | undefined,
  now: Date,
) {
  let query = db
    .selectFrom('customer_rows as r')
    .select(['r.tab', (eb) => eb.fn.countAll<number>().as('n')])
    .where(visibleRows(actor, engagementId, now))
    .groupBy('r.tab');
  const filter = searchFilter(search);
  if (filter) query = query.where(filter);
  return query;
}

export async function countCustomers(
  db: Trx,
  actor: Actor,
  engagementId: string,
  search: string | undefined,
  now: Date,
) {
  await requireCustomersPage(db, actor, engagementId);
  const counts = { eligible: 0, ineligible: 0, complete: 0 };
  for (const row of await customerCountQuery(db, actor, engagementId, search, now).execute())
    counts[row.tab] = Number(row.n);
  return counts;
}
