import type { NominationRecord } from '../../domain/lifecycle.ts';
import type { NominationStatus } from '../../domain/status.ts';
import type { StampColumn } from '../../domain/transitions.ts';
import type { AuditEntry } from './audit.ts';
import type { PartnerScope, Scope } from './scope.ts';

// Engagement customers (in code: nominations): the record decide() reads, its writes, and its views.

/** A record locked for a change, as decide() reads it, with the engagement's windows. */
export interface LockedNomination extends NominationRecord {
  id: string;
  partnerId: string;
  locationId: string;
  engagementId: string;
  tenantId: string;
}

export interface NewNomination {
  id: string;
  partnerId: string;
  locationId: string;
  engagementId: string;
  tenantId: string;
  origin: 'add' | 'claim';
  status: NominationStatus;
  customerEmail: string | null;
  mismatchReason: string | null;
  createdBy: string;
  claimedAt: Date;
  consentDueAt: Date;
}

/** What a status change writes: the next status and the columns decide() stamped. */
interface TransitionWrite {
  from: NominationStatus;
  to: NominationStatus;
  stamps: Partial<Record<StampColumn, Date>>;
  at: Date;
}

/** Any partner's record of one customer (whose consent holds, who completed: never named to others). */
interface CustomerRecord {
  partnerId: string;
  engagementId: string;
  origin: 'add' | 'claim';
  status: NominationStatus;
}

/** A record as the partner's API shows it. */
export interface NominationDetails {
  id: string;
  partnerId: string;
  locationId: string;
  origin: 'add' | 'claim';
  status: NominationStatus;
  customerEmail: string | null;
  mismatchReason: string | null;
  claimedAt: Date;
  consentDueAt: Date;
  claimDueAt: Date | null;
  reviewDueAt: Date | null;
  disputeDueAt: Date | null;
  engagement: { id: string; name: string };
  location: { id: string; mpnId: string; name: string };
  customer: { tenantId: string; name: string; tpid: number | null; domains: string[] };
}

export interface NominationRepository {
  /** Loads and locks (FOR UPDATE) one record of the scope with its engagement's windows. */
  lock(scope: Scope, id: string): Promise<LockedNomination | undefined>;
  /**
   * First consent wins (§4.3): locks, in id order, every other record of this customer and engagement
   * that is still before consent.
   */
  lockRivals(winner: LockedNomination): Promise<LockedNomination[]>;
  /**
   * A conditional update on the expected from-status (§5): false when the record was not in it. With
   * `audit`, its audit event is written by the same statement, and only when the record moved.
   */
  transition(id: string, write: TransitionWrite, audit?: AuditEntry): Promise<boolean>;
  /** New records, with their audit events written by the same statement when given. */
  insert(rows: NewNomination[], audit?: readonly AuditEntry[]): Promise<void>;
  /**
   * First consent wins (§4.3): locks every record of the customer and engagement of this record, in id
   * order, so that two acceptances at once serialise (no deadlock) and the second sees it lost.
   */
  lockCustomerAndEngagement(nominationId: string): Promise<void>;
  /** §4.4: the payout is the engagement's rate for the customer's market, taken at the consent date. */
  fixPayoutAtConsent(id: string): Promise<void>;
  /** When the consent request went out (for the history and the reports). */
  markConsentRequested(id: string, at: Date): Promise<void>;
  /** Every partner's records of one customer. */
  recordsOfCustomer(tenantId: string): Promise<CustomerRecord[]>;
  /** R18: whether this partner knows the customer through a record (R30's exception applied). */
  knowsCustomer(scope: PartnerScope, tenantId: string): Promise<boolean>;
  /** Every partner that has a record of any of these customers. */
  partnersKnowing(tenantIds: readonly string[]): Promise<string[]>;
  details(scope: Scope, ids: readonly string[]): Promise<NominationDetails[]>;
}
