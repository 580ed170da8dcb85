import { sql } from 'kysely';
import { tokenOfActor } from '../../../app/request-credentials.ts';
import type { AuditEntry, AuditLogFilter, AuditRepository } from '../../../app/store/audit.ts';
import type { Scope } from '../../../app/store/scope.ts';
import type { Q } from './db.ts';

/**
 * The audit log, newest first (issue 14): a partner's events (served by audit_events_partner), or for the
 * operator every partner's; keyset on the event id.
 */
const auditLogQuery = (
  db: Q,
  scope: Scope,
  filter: AuditLogFilter,
  page: { limit: number; afterId?: string | undefined },
) => {
  let query = db
    .selectFrom('audit_events as a')
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'a.actor_id').on('a.actor_kind', '=', 'partnerUser'),
    )
    .leftJoin('api_tokens as t', 't.id', 'a.api_token_id')
    .select([
      'a.id',
      'a.created_at',
      'a.actor_kind',
      'a.actor_id',
      'u.display_name',
      't.name as token_name',
      'a.action',
      'a.nomination_id',
      'a.claim_id',
      'a.from_status',
      'a.to_status',
    ]);
  const partnerId = scope.partnerId ?? filter.partnerId;
  if (scope.partnerId === null && scope.across !== 'operator')
    throw new Error('the audit log is for partners and the operator');
  if (partnerId) query = query.where('a.partner_id', '=', partnerId);
  if (filter.from) query = query.where('a.created_at', '>=', filter.from);
  if (filter.to) query = query.where('a.created_at', '<', filter.to);
  if (filter.action) query = query.where('a.action', '=', filter.action);
  if (filter.actorId) query = query.where('a.actor_id', '=', filter.actorId);
  if (filter.nominationId) query = query.where('a.nomination_id', '=', filter.nominationId);
  const locations = filter.locationIds;
  if (locations) {
    query =
      locations.length === 0
        ? query.where((eb) => eb.val(false))
        : query.where((eb) =>
            eb(
              'a.nomination_id',
              'in',
              eb
                .selectFrom('nominations as n')
                .select('n.id')
                .where('n.location_id', 'in', [...locations])
                .$if(partnerId !== undefined, (q) => q.where('n.partner_id', '=', partnerId!)),
            ),
          );
  }
  // The cursor's id is a bigint in text (checked by the use case): compared as one in SQL.
  if (page.afterId) query = query.where('a.id', '<', sql<number>`${page.afterId}::bigint`);
  return query.orderBy('a.id', 'desc').limit(page.limit);
};

/** An audit entry as its row of audit_events (also written by a change's own statement, e.g. an add's). */
export function auditValues(entry: AuditEntry) {
  return {
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
  };
}

export function auditRepository(db: Q): AuditRepository {
  return {
    async record(...entries: AuditEntry[]) {
      if (entries.length === 0) return;
      await db.insertInto('audit_events').values(entries.map(auditValues)).execute();
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
        .leftJoin('api_tokens as t', 't.id', 'a.api_token_id')
        .select('t.name as token_name')
        .where('a.nomination_id', '=', nominationId)
        .orderBy('a.id')
        .execute();
      return rows.map((r) => ({
        at: r.created_at,
        action: r.action,
        actorKind: r.actor_kind,
        actorId: r.actor_id,
        actorName: r.display_name,
        tokenName: r.token_name,
        fromStatus: r.from_status,
        toStatus: r.to_status,
        data: r.data ?? {},
      }));
    },

    async log(scope, filter, page) {
      const rows = await auditLogQuery(db, scope, filter, page).execute();
      return rows.map((r) => ({
        id: String(r.id),
        at: r.created_at,
        actorKind: r.actor_kind,
        actorId: r.actor_id,
        actorName: r.display_name,
        tokenName: r.token_name,
        action: r.action,
        nominationId: r.nomination_id,
        claimId: r.claim_id,
        fromStatus: r.from_status,
        toStatus: r.to_status,
      }));
    },
  };
}
