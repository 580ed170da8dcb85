import type { NominationStatus } from '../../domain/status.ts';
import type { Scope } from './scope.ts';

// The audit trail (spec §5: every transition writes who, what, when, from → to, in the same
// transaction as the change).

export interface AuditActor {
  kind: 'partnerUser' | 'operator' | 'customer' | 'system' | 'apiToken';
  id: string | null;
}

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  at: Date;
  partnerId?: string | null;
  nominationId?: string | null;
  claimId?: string | null;
  fromStatus?: NominationStatus | null;
  toStatus?: NominationStatus | null;
  data?: Record<string, unknown>;
}

/** One event of a record's history, with the partner user's name when a partner user acted. */
export interface HistoryEntry {
  at: Date;
  action: string;
  actorKind: AuditActor['kind'];
  actorId: string | null;
  /** Partner users only (operators and customers are shown by their role). */
  actorName: string | null;
  /** The API token the event was caused with (issue 14). */
  tokenName: string | null;
  fromStatus: NominationStatus | null;
  toStatus: NominationStatus | null;
  data: Record<string, unknown>;
}

/** One event of the audit log (issue 14), with the actor's name and the API token it was made with. */
export interface AuditLogEntry {
  /** The event's position in the log (a decimal string; the keyset of the pages). */
  id: string;
  at: Date;
  actorKind: AuditActor['kind'];
  actorId: string | null;
  /** Partner users only. */
  actorName: string | null;
  tokenName: string | null;
  action: string;
  nominationId: string | null;
  claimId: string | null;
  fromStatus: NominationStatus | null;
  toStatus: NominationStatus | null;
}

export interface AuditLogFilter {
  from?: Date | undefined;
  to?: Date | undefined;
  action?: string | undefined;
  actorId?: string | undefined;
  nominationId?: string | undefined;
  /** Operator scope only: one partner's events. */
  partnerId?: string | undefined;
  /** Only events of records at these locations (a token narrowed to locations). */
  locationIds?: readonly string[] | undefined;
}

export interface AuditRepository {
  /** Writes events; always inside the transaction of the change they record. */
  record(...entries: AuditEntry[]): Promise<void>;
  /** A record's history, oldest first. */
  historyOf(nominationId: string): Promise<HistoryEntry[]>;
  /** The audit log, newest first, `limit` events after the event `afterId` (keyset). */
  log(
    scope: Scope,
    filter: AuditLogFilter,
    page: { limit: number; afterId?: string | undefined },
  ): Promise<AuditLogEntry[]>;
}
