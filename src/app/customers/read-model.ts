import type { Repositories } from '../store/index.ts';
import type { PartnerScope } from '../store/scope.ts';
import { currentRecords, deriveCustomerRows } from './derive-rows.ts';

// The Customers page's rows (table customer_rows, ADR 0008), refreshed in the transaction of every
// change that affects them: load what the base tables say (repositories), derive the rows (a pure
// function, derive-rows.ts), write them. Called for a partner and, to keep it small, the workshops
// and customers the change touched.

export interface RefreshFilter {
  engagementIds?: readonly string[];
  tenantIds?: readonly string[];
}

export async function refreshCustomerRows(
  tx: Repositories,
  scope: PartnerScope,
  filter: RefreshFilter,
  now: Date,
): Promise<number> {
  const workshops = await tx.customerRows.workshops(filter.engagementIds);
  if (workshops.length === 0) return 0;
  const tenantFilter = filter.tenantIds ?? null;
  if (tenantFilter && tenantFilter.length === 0) return 0;
  // One customer's rows are derived by one transaction at a time (a whole partner's refresh, run by
  // the engagement editor and the directory import, is not serialised with them: ADR 0008).
  if (tenantFilter) await tx.customerRows.lockCustomers(scope, tenantFilter);
  // The partner's records (all workshops: they also define whom the partner knows, R4/R18).
  const records = currentRecords(await tx.customerRows.partnerRecords(scope, tenantFilter));
  const engagementIds = workshops.map((w) => w.id);
  const [tenants, holds] = records.tenantIds.length
    ? await Promise.all([
        tx.customerRows.tenantFacts(records.tenantIds),
        tx.customerRows.otherPartnersHolds(scope, records.tenantIds, engagementIds),
      ])
    : [[], []];
  const rows = deriveCustomerRows({ partnerId: scope.partnerId, workshops, records, tenants, holds, now });
  await tx.customerRows.replace(scope, engagementIds, tenantFilter, rows);
  return rows.length;
}
