import { sql } from 'kysely';
import { DEADLINE_NOTICE_DAYS } from '../../domain/consent.ts';
import { addDays, daysLeft } from '../../domain/time.ts';
import { sendConsentEmail } from '../consent/consent-requests.ts';
import { newSecret } from '../ids.ts';
import { notifyPartners } from '../notifications/notify-partner.ts';
import type { AppContext } from '../ports.ts';

// Reminders (spec §4.3 "Beyond Partner Center"):
// - the customer gets a consent reminder N days before the consent deadline (the engagement's
//   reminder_days, default 7 and 2); after a pause, reminders that fell due together send one email;
// - the partner gets a notice DEADLINE_NOTICE_DAYS before any of its deadlines (consent, claim,
//   dispute).
// Both are claimed with conditional updates / unique dedupe keys, so two sweeps never send twice.

const BATCH = 500;

export async function sendCustomerReminders(ctx: AppContext): Promise<number> {
  let sent = 0;
  for (;;) {
    const now = ctx.clock.now();
    const count = await ctx.db.transaction().execute(async (trx) => {
      const due = await sql<{ id: string; days: number[] }>`
        select cr.id, array_agg(d.day) as days
        from consent_requests cr
        join nominations n on n.id = cr.nomination_id
        join engagements e on e.id = n.engagement_id
        cross join lateral unnest(e.reminder_days) as d(day)
        where cr.voided_at is null and cr.decision is null
          and n.status = 'consent_pending' and n.consent_due_at > ${now}
          and d.day > 0
          and n.consent_due_at - make_interval(days => d.day) <= ${now}
          and n.consent_due_at - make_interval(days => d.day) >= cr.created_at
          and not (d.day = any(cr.reminders_sent))
        group by cr.id
        limit ${BATCH}`.execute(trx);
      let claimed = 0;
      for (const row of due.rows) {
        // Claim: only the sweep whose update finds none of these days marked sends the email.
        const days = row.days.map(Number);
        const updated = await sql<{ id: string }>`
          update consent_requests set reminders_sent = reminders_sent || ${sql.val(days)}::int[]
          where id = ${row.id} and not (reminders_sent && ${sql.val(days)}::int[])
          returning id`.execute(trx);
        if (updated.rows.length === 0) continue;
        await sendConsentEmail(
          ctx.store.within(trx),
          ctx,
          row.id,
          newSecret(),
          'consentReminder',
          now,
          `reminder:${row.id}:${Math.min(...days)}`,
        );
        claimed += 1;
      }
      return { picked: due.rows.length, claimed };
    });
    sent += count.claimed;
    if (count.picked < BATCH) break;
  }
  return sent;
}

const NOTICE_DEADLINES = [
  { kind: 'consent', column: 'consent_due_at', statuses: ['claimed', 'consent_pending'] },
  { kind: 'claim', column: 'claim_due_at', statuses: ['active'] },
  { kind: 'dispute', column: 'dispute_due_at', statuses: ['rejected'] },
] as const;

export async function sendDeadlineNotices(ctx: AppContext): Promise<number> {
  let sent = 0;
  for (const deadline of NOTICE_DEADLINES) {
    const now = ctx.clock.now();
    const horizon = addDays(now, DEADLINE_NOTICE_DAYS);
    sent += await ctx.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('nominations as n')
        .select(['n.id', `n.${deadline.column} as due`])
        .where('n.status', 'in', [...deadline.statuses])
        .where(`n.${deadline.column}`, '>', now)
        .where(`n.${deadline.column}`, '<=', horizon)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('mail_messages as m')
                .select('m.id')
                .whereRef(
                  'm.dedupe_key',
                  '=',
                  sql<string>`'notice:' || n.id || ${`:deadlineSoon:${deadline.kind}`}`,
                ),
            ),
          ),
        )
        .limit(5000)
        .execute();
      await notifyPartners(
        ctx.store.within(trx),
        ctx,
        rows.map((r) => {
          const due = r.due as Date;
          return {
            nominationId: r.id,
            kind: 'deadlineSoon' as const,
            dedupeKey: `${r.id}:deadlineSoon:${deadline.kind}`,
            params: {
              deadlineKind: deadline.kind,
              deadline: due.toISOString(),
              daysLeft: daysLeft(due, now),
            },
          };
        }),
        now,
      );
      return rows.length;
    });
  }
  return sent;
}
