import { type Actor, locationsWhere } from '../../domain/policy.ts';
import type { AcrossRow } from '../store/customer-rows.ts';
import type { Repositories } from '../store/index.ts';
import { requireIncentiveRole } from './engagement-access.ts';

// Issue 15: the partner's customers across workshops (the action centre's search), the first 50 by
// name, each with the workshops it shows on (only the rows of the user's locations, and candidates).

const ACROSS_LIMIT = 50;

function groupByCustomer(rows: readonly AcrossRow[]) {
  const customers = new Map<
    string,
    {
      tenantId: string;
      name: string;
      domain: string | null;
      tpid: number | null;
      workshops: Pick<AcrossRow, 'engagement' | 'nominationId' | 'status' | 'tab'>[];
    }
  >();
  for (const r of rows) {
    const c = customers.get(r.tenantId) ?? {
      tenantId: r.tenantId,
      name: r.name,
      domain: r.domain,
      tpid: r.tpid,
      workshops: [],
    };
    c.workshops.push({
      engagement: r.engagement,
      nominationId: r.nominationId,
      status: r.status,
      tab: r.tab,
    });
    customers.set(r.tenantId, c);
  }
  return [...customers.values()];
}

export async function searchCustomersAcross(
  store: Repositories,
  actor: Actor,
  search: string | undefined,
  now: Date,
) {
  requireIncentiveRole(actor);
  const rows = await store.customerRows.searchAcross(
    { partnerId: actor.partnerId },
    { search, locations: locationsWhere(actor, 'customers.view'), now, limit: ACROSS_LIMIT },
  );
  return groupByCustomer(rows);
}
