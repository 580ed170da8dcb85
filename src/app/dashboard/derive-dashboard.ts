import {
  deadlineOf,
  isTerminal,
  LOST_STATUSES,
  type PartnerCountdown,
  partnerCountdown,
} from '../../domain/lifecycle-sets.ts';
import { type RowAction, rowActions } from '../../domain/row-actions.ts';
import { TAB_OF_STATUS } from '../../domain/status.ts';
import { addDays, daysLeft } from '../../domain/time.ts';
import { effectiveStatus, TRANSITIONS } from '../../domain/transitions.ts';
import type { DashboardRecord } from '../store/dashboard.ts';

// The action centre's lists (issue 15), derived from loaded records without a database: which
// countdowns end in the next 14 days and what the row's button does (the Customers table's own row
// actions, src/domain/row-actions.ts), and what was lost in the last 30 days and why.

export const DEADLINE_HORIZON_DAYS = 14;
export const ENDED_LOOKBACK_DAYS = 30;

interface DeadlineItem {
  nominationId: string;
  engagement: { id: string; name: string };
  customer: { tenantId: string; name: string };
  status: DashboardRecord['status'];
  kind: PartnerCountdown;
  deadline: Date;
  daysLeft: number;
  action: RowAction | null;
}

interface EndedItem {
  nominationId: string;
  engagement: { id: string; name: string };
  customer: { tenantId: string; name: string };
  status: DashboardRecord['status'];
  at: Date;
  /** The operator's words where an operator's decision ended it. */
  reason: string | null;
}

const LOST = new Set(LOST_STATUSES);
/** Endings an operator's decision reaches: the operator's comment says why. */
const ENDED_BY_OPERATOR = new Set(
  TRANSITIONS.filter((row) => row.by === 'operator' && row.to && LOST.has(row.to)).map((row) => row.to),
);

/** The action the Customers table offers for this record (its first; a record here has at most one). */
export function actionOf(record: Pick<DashboardRecord, 'status' | 'hasClaim'>): RowAction | null {
  const tab = TAB_OF_STATUS[record.status];
  if (tab === 'hidden') return null;
  return (
    rowActions({ status: record.status, tab, engagementActive: true, hasClaim: record.hasClaim })[0] ?? null
  );
}

export function deriveDashboard(records: readonly DashboardRecord[], now: Date) {
  const horizon = addDays(now, DEADLINE_HORIZON_DAYS);
  const since = addDays(now, -ENDED_LOOKBACK_DAYS);
  const deadlines: DeadlineItem[] = [];
  const ended: EndedItem[] = [];
  for (const r of records) {
    const base = { nominationId: r.id, engagement: r.engagement, customer: r.customer };
    // A record past its deadline has ended even if no sweep has run yet (§5).
    const status = effectiveStatus(r.status, now, r);
    if (isTerminal(status)) {
      const at = status === r.status ? r.endedAt : deadlineOf(r.status, r)?.due;
      if (LOST.has(status) && at && at >= since)
        ended.push({
          ...base,
          status,
          at,
          reason: status === r.status && ENDED_BY_OPERATOR.has(status) ? r.lastOperatorComment : null,
        });
      continue;
    }
    const due = deadlineOf(status, r);
    if (!due || due.due <= now || due.due > horizon) continue;
    deadlines.push({
      ...base,
      status,
      kind: partnerCountdown(status, due.kind),
      deadline: due.due,
      daysLeft: daysLeft(due.due, now),
      action: actionOf(r),
    });
  }
  deadlines.sort(
    (a, b) => a.deadline.getTime() - b.deadline.getTime() || a.nominationId.localeCompare(b.nominationId),
  );
  ended.sort((a, b) => b.at.getTime() - a.at.getTime() || a.nominationId.localeCompare(b.nominationId));
  return { deadlines, recentlyEnded: ended };
}
