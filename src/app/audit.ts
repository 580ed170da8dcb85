import type { Trx } from './ports.ts';

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
  fromStatus?: string | null;
  toStatus?: string | null;
  data?: Record<string, unknown>;
}

/** Writes one audit event; always called inside the transaction of the change it records. */
export async function audit(trx: Trx, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      partner_id: entry.partnerId ?? null,
      nomination_id: entry.nominationId ?? null,
      claim_id: entry.claimId ?? null,
      actor_kind: entry.actor.kind,
      actor_id: entry.actor.id,
      action: entry.action,
      from_status: entry.fromStatus ?? null,
      to_status: entry.toStatus ?? null,
      data: JSON.stringify(entry.data ?? {}),
      created_at: entry.at,
    })
    .execute();
}
