import type { AuditEntry, AuditRepository } from '../../../app/store/audit.ts';
import type { Q } from './db.ts';

export function auditRepository(db: Q): AuditRepository {
  return {
    async record(...entries: AuditEntry[]) {
      if (entries.length === 0) return;
      await db
        .insertInto('audit_events')
        .values(
          entries.map((entry) => ({
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
          })),
        )
        .execute();
    },

    async historyOf(nominationId) {
      const rows = await db
        .selectFrom('audit_events as a')
        .leftJoin('users as u', (join) =>
          join.onRef('u.id', '=', 'a.actor_id').on('a.actor_kind', 'in', ['partnerUser', 'operator']),
        )
        .select([
          'a.created_at',
          'a.action',
          'a.actor_kind',
          'a.actor_id',
          'a.from_status',
          'a.to_status',
          'a.data',
        ])
        .select('u.display_name')
        .where('a.nomination_id', '=', nominationId)
        .orderBy('a.id')
        .execute();
      return rows.map((r) => ({
        at: r.created_at,
        action: r.action,
        actorKind: r.actor_kind,
        actorId: r.actor_id,
        actorName: r.display_name,
        fromStatus: r.from_status,
        toStatus: r.to_status,
        data: r.data ?? {},
      }));
    },
  };
}
