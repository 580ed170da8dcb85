import { type NotNull, sql } from 'kysely';
import type { Scope } from '../../../app/store/scope.ts';
import type { OverdueRecord, SweepMove, SweepRepository } from '../../../app/store/sweeps.ts';
import type { EventType, NominationRecord } from '../../../domain/lifecycle.ts';
import type { NominationStatus } from '../../../domain/status.ts';
import type { DeadlineColumn } from '../../../domain/transitions.ts';
import type { Q } from './db.ts';
import { RECORD_COLUMNS } from './nominations.ts';
import { NOTICE_MAIL_KEY_PREFIX } from './notifications.ts';

// The sweeps' SQL (spec §5): set-based, and safe with two sweepers at once: batches are claimed with
// FOR UPDATE SKIP LOCKED, changes are conditional updates, reminders and notices have dedupe keys.

const DEADLINE_COLUMN = {
  consentDueAt: 'consent_due_at',
  claimDueAt: 'claim_due_at',
  reviewDueAt: 'review_due_at',
  disputeDueAt: 'dispute_due_at',
} as const satisfies Record<DeadlineColumn, string>;

/** Sweeps grant no deadline, so the records they read need no windows. */
const NO_WINDOWS: NominationRecord['windows'] = {
  consentDays: 0,
  claimDays: 0,
  reviewDays: 0,
  disputeDays: 0,
};

/** A batch of overdue records, locked (checked in: sql/sweeps.claim-overdue.sql). */
export const claimOverdueQuery = (
  db: Q,
  scope: Scope,
  sweep: { from: readonly NominationStatus[]; deadline: DeadlineColumn },
  now: Date,
  limit: number,
) => {
  const column = DEADLINE_COLUMN[sweep.deadline];
  let query = db
    .selectFrom('nominations as n')
    .select(RECORD_COLUMNS)
    .where('n.status', 'in', [...sweep.from])
    .where(`n.${column}`, '<=', now);
  if (scope.partnerId !== null) query = query.where('n.partner_id', '=', scope.partnerId);
  return query.orderBy(`n.${column}`).limit(limit).forNoKeyUpdate().skipLocked();
};

type OverdueRow = Awaited<ReturnType<ReturnType<typeof claimOverdueQuery>['execute']>>[number];

const toOverdue = (r: OverdueRow): OverdueRecord => ({
  id: r.id,
  partnerId: r.partner_id,
  engagementId: r.engagement_id,
  tenantId: r.tenant_id,
  status: r.status,
  origin: r.origin,
  claimedAt: r.claimed_at,
  consentDueAt: r.consent_due_at,
  consentedAt: r.consented_at,
  claimDueAt: r.claim_due_at,
  reviewDueAt: r.review_due_at,
  firstSubmittedAt: r.first_submitted_at,
  rejectedAt: r.rejected_at,
  disputeDueAt: r.dispute_due_at,
  disputedAt: r.disputed_at,
  windows: NO_WINDOWS,
});

/**
 * One statement for a batch (checked in: sql/sweeps.end-overdue.sql): the conditional update on the
 * expected from-status and the audit event of every record it changed. The batch travels as one JSON
 * parameter, not thousands of bind parameters.
 */
export const endOverdueQuery = (scope: Scope, moves: readonly SweepMove[], event: EventType, now: Date) => {
  const input = JSON.stringify(moves.map((m) => ({ id: m.id, from_status: m.from, to_status: m.to })));
  const inScope = scope.partnerId !== null ? sql`and n.partner_id = ${scope.partnerId}` : sql``;
  return sql<{ id: string }>`
    with input as (
      select * from jsonb_to_recordset(${input}::jsonb) as i(id uuid, from_status text, to_status text)),
    moved as (
      update nominations n
         set status = input.to_status, ended_at = ${now}::timestamptz, updated_at = ${now}::timestamptz,
             version = n.version + 1
        from input
       where n.id = input.id and n.status = input.from_status ${inScope}
      returning n.id, n.partner_id, input.from_status, input.to_status),
    audited as (
      insert into audit_events (partner_id, nomination_id, actor_kind, actor_id, action, from_status, to_status, data, created_at)
      select partner_id, id, 'system', null, ${event}, from_status, to_status, '{}'::jsonb, ${now}::timestamptz
        from moved)
    select id from moved`;
};

/** `and <alias>.partner_id = …` when the scope is a partner's, nothing across partners. */
const partnerFilter = (scope: Scope, alias: string) =>
  scope.partnerId !== null ? sql`and ${sql.ref(`${alias}.partner_id`)} = ${scope.partnerId}` : sql``;

export function sweepRepository(db: Q): SweepRepository {
  return {
    async claimOverdue(scope, sweep, now, limit) {
      return (await claimOverdueQuery(db, scope, sweep, now, limit).execute()).map(toOverdue);
    },

    async endOverdue(scope, moves, event, now) {
      if (moves.length === 0) return [];
      const moved = await endOverdueQuery(scope, moves, event, now).execute(db);
      return moved.rows.map((r) => r.id);
    },

    async dueReminders(scope, statuses, now, limit) {
      if (statuses.length === 0) return [];
      // A reminder N days before the deadline is due from then on, unless the request was made later
      // (a contact change) or the day was sent; after a pause, days that fell due together are one.
      const due = await sql<{ id: string; days: number[] }>`
        select cr.id, array_agg(d.day) as days
        from consent_requests cr
        join nominations n on n.id = cr.nomination_id
        join engagements e on e.id = n.engagement_id
        cross join lateral unnest(e.reminder_days) as d(day)
        where cr.voided_at is null and cr.decision is null
          and n.status in (${sql.join(statuses)}) and n.consent_due_at > ${now}
          and d.day > 0
          and n.consent_due_at - make_interval(days => d.day) <= ${now}
          and n.consent_due_at - make_interval(days => d.day) >= cr.created_at
          and not (d.day = any(cr.reminders_sent))
          ${partnerFilter(scope, 'n')}
        group by cr.id
        limit ${limit}`.execute(db);
      return due.rows.map((r) => ({ requestId: r.id, days: r.days.map(Number) }));
    },

    async claimReminder(scope, requestId, days) {
      const updated = await sql<{ id: string }>`
        update consent_requests cr set reminders_sent = reminders_sent || ${sql.val(days)}::int[]
        where id = ${requestId} and not (reminders_sent && ${sql.val(days)}::int[])
          ${partnerFilter(scope, 'cr')}
        returning id`.execute(db);
      return updated.rows.length > 0;
    },

    async deadlinesSoon(scope, deadline, window, limit) {
      if (deadline.statuses.length === 0) return [];
      const column = DEADLINE_COLUMN[deadline.column];
      let query = db
        .selectFrom('nominations as n')
        .select(['n.id', `n.${column} as due`])
        .where('n.status', 'in', [...deadline.statuses])
        .where(`n.${column}`, '>', window.now)
        .where(`n.${column}`, '<=', window.horizon)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('mail_messages as m')
                .select('m.id')
                .whereRef(
                  'm.dedupe_key',
                  '=',
                  sql<string>`${NOTICE_MAIL_KEY_PREFIX} || n.id || ${deadline.noticeKeySuffix}`,
                ),
            ),
          ),
        );
      if (scope.partnerId !== null) query = query.where('n.partner_id', '=', scope.partnerId);
      // The window's bounds make the deadline non-null.
      const rows = await query.limit(limit).$narrowType<{ due: NotNull }>().execute();
      return rows.map((r) => ({ nominationId: r.id, due: r.due }));
    },

    async purgeExpired(before) {
      await db.deleteFrom('sessions').where('expires_at', '<', before.sessions).execute();
      await db.deleteFrom('idempotency_keys').where('expires_at', '<', before.idempotencyKeys).execute();
      await db.deleteFrom('rate_limits').where('window_ends_at', '<', before.rateLimits).execute();
    },
  };
}
