import type { NominationStatus } from '../../domain/status.ts';
import type { PartnerScope } from './scope.ts';

// The action centre (issue 15): what the partner's home reads, on the locations the user may see.

/** A record as the action centre needs it: its parties, deadlines and how it ended. */
export interface DashboardRecord {
  id: string;
  engagement: { id: string; name: string };
  customer: { tenantId: string; name: string };
  locationId: string;
  status: NominationStatus;
  consentDueAt: Date;
  claimDueAt: Date | null;
  reviewDueAt: Date | null;
  disputeDueAt: Date | null;
  endedAt: Date | null;
  hasClaim: boolean;
  /** The operator's latest comment on the record's claim (explains a final rejection). */
  lastOperatorComment: string | null;
}

/** Payout sums of one currency, in minor units. */
interface PayoutSum {
  currency: string;
  expectedMinor: number;
  approvedMinor: number;
}

export interface DashboardQuery {
  /** Locations whose records the user may see (R33). */
  locations: readonly string[];
  now: Date;
  /** Records with a deadline or an ending in [since, until] (the derivation picks what it shows). */
  since: Date;
  until: Date;
}

export interface DashboardRepository {
  /** Records per status as the Customers lists show them (customer_rows, still true at `now`). */
  statusCounts(
    scope: PartnerScope,
    query: Pick<DashboardQuery, 'locations' | 'now'>,
  ): Promise<Map<string, number>>;
  /** Running records with a deadline in the window, and records that ended in it. */
  records(scope: PartnerScope, query: DashboardQuery): Promise<DashboardRecord[]>;
  /** Expected (records in flight) and approved payout per currency. */
  payout(scope: PartnerScope, locations: readonly string[]): Promise<PayoutSum[]>;
}
