import type { Notification } from '../../contracts/notifications.ts';
import type { Actor } from '../../domain/policy.ts';
import type { Locale } from '../../i18n/locales.ts';
import { NOTICE_KINDS, type NoticeKind, noticeText } from '../../i18n/mail-render.ts';
import type { Db } from '../ports.ts';

// The notification bell: the signed-in user's own notifications only (user_id is the scope).

const isKind = (k: string): k is NoticeKind => (NOTICE_KINDS as readonly string[]).includes(k);

export async function listNotifications(db: Db, actor: Actor, locale: Locale, limit: number) {
  const rows = await db
    .selectFrom('notifications as n')
    .leftJoin('nominations as m', 'm.id', 'n.nomination_id')
    .select(['n.id', 'n.kind', 'n.params', 'n.nomination_id', 'm.engagement_id', 'n.created_at', 'n.read_at'])
    .where('n.user_id', '=', actor.userId)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id')
    .limit(limit)
    .execute();
  const unread = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', actor.userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  const value: Notification[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    message: isKind(r.kind)
      ? noticeText(locale, r.kind, (r.params ?? {}) as Record<string, unknown>)
      : r.kind,
    nominationId: r.nomination_id,
    engagementId: r.engagement_id ?? null,
    createdAt: r.created_at.toISOString(),
    read: r.read_at !== null,
  }));
  return { value, unreadCount: Number(unread.n) };
}

export async function markNotificationsRead(db: Db, actor: Actor, ids: string[] | undefined, now: Date) {
  let query = db
    .updateTable('notifications')
    .set({ read_at: now })
    .where('user_id', '=', actor.userId)
    .where('read_at', 'is', null);
  if (ids) {
    if (ids.length === 0) return;
    query = query.where('id', 'in', ids);
  }
  await query.execute();
}
