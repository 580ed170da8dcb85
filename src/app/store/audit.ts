import type { NominationStatus } from '../../domain/status.ts';

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
  fromStatus: NominationStatus | null;
  toStatus: NominationStatus | null;
  data: Record<string, unknown>;
}

export interface AuditRepository {
  /** Writes events; always inside the transaction of the change they record. */
  record(...entries: AuditEntry[]): Promise<void>;
  /** A record's history, oldest first. */
  historyOf(nominationId: string): Promise<HistoryEntry[]>;
}
