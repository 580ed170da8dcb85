import { type Actor, locationsWhere } from '../../domain/policy.ts';
import { NOMINATION_STATUSES } from '../../domain/status.ts';
import { addDays } from '../../domain/time.ts';
import { requireIncentiveRole } from '../customers/engagement-access.ts';
import type { Repositories } from '../store/index.ts';
import { DEADLINE_HORIZON_DAYS, deriveDashboard, ENDED_LOOKBACK_DAYS } from './derive-dashboard.ts';

// The action centre (issue 15): the partner's records across workshops on the locations where the
// user may see customers (R33), counted by status, with the deadlines ahead, what was lost and payout.

export async function loadDashboard(store: Repositories, actor: Actor, now: Date) {
  requireIncentiveRole(actor);
  const scope = { partnerId: actor.partnerId };
  const locations = locationsWhere(actor, 'customers.view');
  const [counts, records, payout] = await Promise.all([
    store.dashboard.statusCounts(scope, { locations, now }),
    store.dashboard.records(scope, {
      locations,
      now,
      since: addDays(now, -ENDED_LOOKBACK_DAYS),
      until: addDays(now, DEADLINE_HORIZON_DAYS),
    }),
    store.dashboard.payout(scope, locations),
  ]);
  // In the lifecycle's order, which the home's chart and table keep.
  const ordered = NOMINATION_STATUSES.filter((s) => counts.has(s)).map((s) => [s, counts.get(s)!] as const);
  return { counts: Object.fromEntries(ordered), ...deriveDashboard(records, now), payout };
}
