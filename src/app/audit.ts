import type { Trx } from './ports.ts';
import { tokenOfActor } from './request-credentials.ts';
import type { AuditEntry } from './store/audit.ts';

export type { AuditActor, AuditEntry } from './store/audit.ts';

/** Migration bridge (issue 11): writes one audit event through the query builder; use `tx.audit.record`. */
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
      api_token_id: tokenOfActor(entry.actor),
    })
    .execute();
}
