import type { CriterionFailure, CustomerCriterion, TenantFacts } from '../../domain/eligibility.ts';
import type { CountdownKind } from '../../domain/lifecycle-sets.ts';
import type { NominationStatus, Tab } from '../../domain/status.ts';
import type { Engagement } from './engagements.ts';
import type { PartnerScope } from './scope.ts';
import type { Location } from './users.ts';

// The Customers page's read model (ADR 0008): rows derived from the base tables by one pure function
// (src/app/customers/derive-rows.ts), loaded and written here.

export type RowTab = Exclude<Tab, 'hidden'>;
type IneligibleReasonCode = 'criteriaNotMet' | 'consentedToOtherPartner' | 'completedWithOtherPartner';

/** One row of one tab of one workshop for one partner. */
export interface CustomerRow {
  partnerId: string;
  engagementId: string;
  tenantId: string;
  name: string;
  tpid: number | null;
  domain: string | null;
  nominationId: string | null;
  locationId: string | null;
  tab: RowTab;
  status: NominationStatus | 'candidate';
  reason: IneligibleReasonCode | null;
  failedCriteria: CriterionFailure[] | null;
  countdown: CountdownKind | null;
  dueAt: Date | null;
  /** The sort key of "days left": the due date, far in the future when there is none. */
  sortDue: Date;
  /** The row stops being true at this moment (its record's deadline); null: until the next change. */
  validUntil: Date | null;
  claimId: string | null;
  consentEmail: 'queued' | 'sent' | 'failed' | null;
  refreshedAt: Date;
}

/** A partner's record as the read model needs it. */
export interface PartnerRecord {
  id: string;
  engagementId: string;
  tenantId: string;
  locationId: string;
  origin: 'add' | 'claim';
  status: NominationStatus;
  consentDueAt: Date;
  claimDueAt: Date | null;
  reviewDueAt: Date | null;
  disputeDueAt: Date | null;
  claimId: string | null;
  consentEmail: 'queued' | 'sent' | 'failed' | null;
}

export interface TenantRowFacts extends TenantFacts {
  id: string;
  name: string;
  tpid: number | null;
  domain: string | null;
}

/** Any partner's record of one customer (whose it is decides what it means, R9, R15, §4.3). */
interface CustomerRecord extends PartnerRecord {
  partnerId: string;
}

/**
 * Everything an add or a claim decides on and refreshes from, read in one statement (issue 12): the
 * scope's location, every workshop, the customer, and every partner's records of that customer.
 */
export interface CustomerFacts {
  location: Location | undefined;
  workshops: Engagement[];
  tenant: (TenantRowFacts & { domains: string[] }) | undefined;
  records: CustomerRecord[];
}

/** Another partner's record that holds consent for a customer and workshop (never who). */
export interface OtherPartnerHold {
  engagementId: string;
  tenantId: string;
  status: NominationStatus;
}

/** A row of a list: the row and what the page shows next to it. */
export interface ListedRow extends CustomerRow {
  location: { id: string; mpnId: string; name: string } | null;
  engagementActive: boolean;
}

export interface ListQuery {
  engagementId: string;
  tab: RowTab;
  search?: string | undefined;
  sort: 'name' | '-name' | 'daysLeft' | '-daysLeft' | 'status' | '-status';
  limit: number;
  /** The last row's sort key, already type-checked (src/app/customers/cursor.ts). */
  after?: readonly (string | Date)[] | undefined;
  /** Locations whose rows the user may see (candidates have none and are always visible). */
  locations: readonly string[];
  now: Date;
  /** Issue 15: only this location's rows (within `locations`; candidates have none). */
  locationId?: string;
  /** Issue 15: only rows in these statuses. */
  statuses?: readonly (NominationStatus | 'candidate')[];
}

/** A customer's row on one workshop, as the search across workshops shows it (issue 15). */
export interface AcrossRow {
  tenantId: string;
  name: string;
  domain: string | null;
  tpid: number | null;
  engagement: { id: string; name: string };
  nominationId: string | null;
  status: NominationStatus | 'candidate';
  tab: RowTab;
}

export interface CustomerRowRepository {
  /** One statement: the location (if the scope's), the workshops, the customer and its records. */
  customerFacts(scope: PartnerScope, locationId: string, tenantId: string): Promise<CustomerFacts>;
  /** The workshops (optionally these) with their customer criteria. */
  workshops(
    engagementIds?: readonly string[],
  ): Promise<{ id: string; customerCriteria: CustomerCriterion[] }[]>;
  /** The partner's records, of these customers only when given. */
  partnerRecords(scope: PartnerScope, tenantIds: readonly string[] | null): Promise<PartnerRecord[]>;
  tenantFacts(tenantIds: readonly string[]): Promise<TenantRowFacts[]>;
  /** Other partners' holds on these customers for these workshops (first consent wins, completions). */
  otherPartnersHolds(
    scope: PartnerScope,
    tenantIds: readonly string[],
    engagementIds: readonly string[],
  ): Promise<OtherPartnerHold[]>;
  /**
   * Holds these customers of the scope until the transaction ends, so that two changes to one
   * customer's rows derive them one after the other: without it, a change that read its facts before
   * another committed could write rows from stale facts, or collide with the other's insert (issue 13's
   * soak: a claim and a consent request on one customer at once). Called before the facts are read.
   */
  lockCustomers(scope: PartnerScope, tenantIds: readonly string[]): Promise<void>;
  /** Replaces the scope's rows (these workshops; these customers only when given) with `rows`; rows equal to their new derivation are left unwritten. */
  replace(
    scope: PartnerScope,
    engagementIds: readonly string[],
    tenantIds: readonly string[] | null,
    rows: readonly CustomerRow[],
  ): Promise<void>;
  /** One page of one tab, keyset-paged; one row more than `limit` when there is a next page. */
  list(scope: PartnerScope, query: ListQuery): Promise<ListedRow[]>;
  /** Issue 15: the first `limit` customers by name across every workshop, each with all its rows. */
  searchAcross(
    scope: PartnerScope,
    query: { search?: string | undefined; locations: readonly string[]; now: Date; limit: number },
  ): Promise<AcrossRow[]>;
  /** Eligible-tab rows per workshop on these locations ("active customers" of the catalogue). */
  eligibleCounts(scope: PartnerScope, locationIds: readonly string[]): Promise<Map<string, number>>;
  /** Rows per tab for the same filter. */
  count(
    scope: PartnerScope,
    query: Pick<ListQuery, 'engagementId' | 'search' | 'locations' | 'now'>,
  ): Promise<Record<RowTab, number>>;
}
