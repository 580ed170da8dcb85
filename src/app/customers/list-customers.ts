import type { CustomerSort, CustomerTab } from '../../contracts/customers.ts';
import { DomainError } from '../../domain/errors.ts';
import { partnerCountdown, type RowStatus, STATUSES_OF_TAB } from '../../domain/lifecycle-sets.ts';
import { type Actor, locationsWhere } from '../../domain/policy.ts';
import { rowActions } from '../../domain/row-actions.ts';
import { daysLeft } from '../../domain/time.ts';
import type { ListedRow, RowTab } from '../store/customer-rows.ts';
import type { Repositories } from '../store/index.ts';
import { decodeCursor, encodeCursor, type KeyType } from './cursor.ts';
import { requireCustomersPage, requireIncentiveRole } from './engagement-access.ts';

// The Customers page list (R3–R8): one tab of one engagement, searched, sorted and keyset-paged over
// customer_rows (src/adapters/db/repositories/customer-rows.ts). Never OFFSET.

export interface ListInput {
  engagementId: string;
  tab: CustomerTab;
  search?: string | undefined;
  sort: CustomerSort;
  limit: number;
  cursor?: string | undefined;
  /** Issue 15: only this location's rows (candidates have none). */
  locationId?: string | undefined;
  /** Issue 15: comma-separated statuses, each one the tab can show. */
  status?: string | undefined;
}

/** Parses `status=a,b` into statuses the tab can show; anything else is a field error naming them. */
export function parseTabStatuses(tab: CustomerTab, value: string | undefined): RowStatus[] | undefined {
  if (value === undefined) return undefined;
  const allowed = STATUSES_OF_TAB[tab];
  const parts = [...new Set(value.split(','))];
  if (parts.length === 0 || parts.some((p) => !(allowed as readonly string[]).includes(p)))
    throw new DomainError('ValidationFailed', {
      target: 'status',
      details: [{ code: 'UnknownTabStatus', target: 'status', params: { statuses: allowed.join(', ') } }],
    });
  return parts as RowStatus[];
}

/** The key columns of each sort, and what a cursor may hold for each (checked before SQL sees it). */
const SORT_KEYS: Record<CustomerSort, readonly ('sortName' | 'sortDue' | 'status')[]> = {
  name: ['sortName'],
  '-name': ['sortName'],
  daysLeft: ['sortDue'],
  '-daysLeft': ['sortDue'],
  status: ['status', 'sortName'],
  '-status': ['status', 'sortName'],
};
const KEY_TYPES: Record<'sortName' | 'sortDue' | 'status' | 'tenantId', KeyType> = {
  sortName: 'text',
  sortDue: 'timestamp',
  status: 'text',
  tenantId: 'uuid',
};

const keyOf = (row: ListedRow, sort: CustomerSort) => [
  ...SORT_KEYS[sort].map((k) =>
    k === 'sortName' ? row.name.toLowerCase() : k === 'sortDue' ? row.sortDue : row.status,
  ),
  row.tenantId,
];

export async function listCustomers(tx: Repositories, actor: Actor, input: ListInput, now: Date) {
  requireIncentiveRole(actor);
  const scope = { partnerId: actor.partnerId };
  const statuses = parseTabStatuses(input.tab, input.status);
  // The cursor is checked first: a tampered one is a field error whatever the page holds.
  const after = input.cursor
    ? decodeCursor(
        input.cursor,
        input.sort,
        [...SORT_KEYS[input.sort], 'tenantId' as const].map((k) => KEY_TYPES[k]),
      ).key
    : undefined;
  const rows = await tx.customerRows.list(scope, {
    engagementId: input.engagementId,
    tab: input.tab,
    search: input.search,
    sort: input.sort,
    limit: input.limit,
    after,
    locations: locationsWhere(actor, 'customers.view'),
    now,
    ...(input.locationId ? { locationId: input.locationId } : {}),
    ...(statuses ? { statuses } : {}),
  });
  // Rows exist only for workshops, so the engagement needs its own lookup (404, R2) only when the
  // page is empty: one query fewer on the hot path.
  if (rows.length === 0) await requireCustomersPage(tx, actor, input.engagementId);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  const next =
    rows.length > input.limit && last
      ? encodeCursor({ sort: input.sort, key: keyOf(last, input.sort) })
      : undefined;
  return { next, rows: page.map((r) => toListRow(r, now)) };
}

function toListRow(r: ListedRow, now: Date) {
  return {
    customerId: r.tenantId,
    name: r.name,
    tenantId: r.tenantId,
    tpid: r.tpid,
    domain: r.domain,
    nominationId: r.nominationId,
    location: r.location,
    // R6: the Type column on the Eligible tab (a candidate has not started either).
    type:
      r.tab !== 'eligible'
        ? null
        : r.status === 'candidate' || r.status === 'claimed' || r.status === 'consent_pending'
          ? ('notStarted' as const)
          : ('active' as const),
    status: r.status,
    countdown:
      r.countdown && r.status !== 'candidate' ? partnerCountdown(r.status, r.countdown) : r.countdown,
    deadline: r.dueAt ? r.dueAt.toISOString() : null,
    daysLeft: r.dueAt ? daysLeft(r.dueAt, now) : null,
    actions: rowActions({
      status: r.status,
      tab: r.tab,
      engagementActive: r.engagementActive,
      hasClaim: r.claimId !== null,
    }),
    reason: r.reason,
    failedCriteria: r.failedCriteria,
    outcome: r.tab === 'complete' ? r.status : null,
    claimId: r.claimId,
    consentEmail: r.consentEmail,
  };
}

export async function countCustomers(
  tx: Repositories,
  actor: Actor,
  engagementId: string,
  search: string | undefined,
  now: Date,
): Promise<Record<RowTab, number>> {
  await requireCustomersPage(tx, actor, engagementId);
  requireIncentiveRole(actor);
  return tx.customerRows.count(
    { partnerId: actor.partnerId },
    { engagementId, search, locations: locationsWhere(actor, 'customers.view'), now },
  );
}
