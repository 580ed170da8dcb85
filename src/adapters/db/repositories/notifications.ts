import { sql } from 'kysely';
import type { NotificationRepository } from '../../../app/store/notifications.ts';
import { LOCALES } from '../../../i18n/locales.ts';
import type { Q } from './db.ts';

/** A notice's email has the notice's dedupe key behind this prefix (at most one email per notice, ever). */
export const NOTICE_MAIL_KEY_PREFIX = 'notice:';

export function notificationRepository(db: Q): NotificationRepository {
  return {
    async notifyPartners(notices, mail) {
      if (notices.length === 0) return [];
      const input = JSON.stringify(
        notices.map((n) => ({
          nomination_id: n.nominationId,
          kind: n.kind,
          dedupe_key: n.dedupeKey,
          params: n.params ?? {},
        })),
      );
      // What every notice says: the customer, the workshop, the engagement (never another partner).
      const facts = sql`
        select gen_random_uuid() as mail_id, x.nomination_id, x.kind, x.dedupe_key, n.partner_id, n.location_id, n.engagement_id,
               jsonb_build_object('customerName', t.name, 'workshopName', e.name, 'engagementId', n.engagement_id)
                 || x.params as params,
               coalesce(cr.partner_contact_email, u.email) as to_address,
               coalesce(cr.partner_contact_name, u.display_name) as to_name,
               case when u.locale in (${sql.join(LOCALES.map((l) => sql`${l}`))}) then u.locale else 'en' end as locale
          from jsonb_to_recordset(${input}::jsonb) as x(nomination_id uuid, kind text, dedupe_key text, params jsonb)
          join nominations n on n.id = x.nomination_id
          join engagements e on e.id = n.engagement_id
          join tenants t on t.id = n.tenant_id
          left join users u on u.id = n.created_by
          left join consent_requests cr on cr.nomination_id = n.id and cr.voided_at is null`;
      // One statement: the notifications and the emails from the same facts (a data-modifying CTE).
      const mails = await sql<{ id: string }>`
        with f as (${facts}),
        inbox as (
          insert into notifications (id, user_id, partner_id, nomination_id, kind, params, dedupe_key, created_at)
          select gen_random_uuid(), r.user_id, f.partner_id, f.nomination_id, f.kind, f.params, f.dedupe_key,
                 ${mail.now}::timestamptz
            from f join user_location_roles r on r.location_id = f.location_id
          on conflict (user_id, dedupe_key) where dedupe_key is not null do nothing)
        insert into mail_messages (id, message_id, dedupe_key, template, locale, params, to_address, to_name,
                                   nomination_id, partner_id, created_at)
        select f.mail_id, '<' || f.mail_id || ${`@${mail.messageIdDomain}>`}, ${NOTICE_MAIL_KEY_PREFIX} || f.dedupe_key, 'partnerNotice', f.locale,
               f.params || jsonb_build_object('kind', f.kind, 'link', ${mail.linkBase} || f.engagement_id || '/customers'),
               f.to_address, f.to_name, f.nomination_id, f.partner_id, ${mail.now}::timestamptz
          from f
         where f.to_address is not null
        on conflict (dedupe_key) do nothing
        returning id`.execute(db);
      return mails.rows.map((r) => r.id);
    },

    async ofUser(userId, limit) {
      const rows = await db
        .selectFrom('notifications as n')
        .leftJoin('nominations as m', 'm.id', 'n.nomination_id')
        .select([
          'n.id',
          'n.kind',
          'n.params',
          'n.nomination_id',
          'm.engagement_id',
          'n.created_at',
          'n.read_at',
        ])
        .where('n.user_id', '=', userId)
        .orderBy('n.created_at', 'desc')
        .orderBy('n.id')
        .limit(limit)
        .execute();
      const unread = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirstOrThrow();
      return {
        notifications: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          params: r.params ?? {},
          nominationId: r.nomination_id,
          engagementId: r.engagement_id ?? null,
          createdAt: r.created_at,
          readAt: r.read_at,
        })),
        unread: Number(unread.n),
      };
    },

    async markRead(userId, ids, now) {
      if (ids && ids.length === 0) return;
      let q = db
        .updateTable('notifications')
        .set({ read_at: now })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null);
      if (ids) q = q.where('id', 'in', [...ids]);
      await q.execute();
    },
  };
}
