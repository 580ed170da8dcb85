import type { Notification } from '../../contracts/notifications.ts';
import type { Actor } from '../../domain/policy.ts';
import type { Locale } from '../../i18n/locales.ts';
import { NOTICE_KINDS, type NoticeKind, noticeText } from '../../i18n/mail-render.ts';
import { translate } from '../../i18n/translate.ts';
import type { AppContext } from '../ports.ts';
import type { StoredNotification } from '../store/notifications.ts';

// The notification bell: the signed-in user's own notifications only (user_id is the scope).

const isKind = (k: string): k is NoticeKind => (NOTICE_KINDS as readonly string[]).includes(k);

/** A notification as the bell shows it, in the user's language (an unknown kind shows as itself). */
function toNotification(n: StoredNotification, locale: Locale): Notification {
  return {
    id: n.id,
    kind: n.kind,
    message: isKind(n.kind)
      ? noticeText(locale, n.kind, n.params)
      : // Issue 14: an endpoint disabled after 5 days of failures (no record, no email template).
        n.kind === 'webhookDisabled'
        ? translate(locale, 'webhook.disabledNotice', { url: String(n.params.url ?? '') })
        : n.kind,
    nominationId: n.nominationId,
    engagementId: n.engagementId,
    createdAt: n.createdAt.toISOString(),
    read: n.readAt !== null,
  };
}

export async function listNotifications(ctx: AppContext, actor: Actor, locale: Locale, limit: number) {
  const { notifications, unread } = await ctx.store.notifications.ofUser(actor.userId, limit);
  return { value: notifications.map((n) => toNotification(n, locale)), unreadCount: unread };
}

export async function markNotificationsRead(
  ctx: AppContext,
  actor: Actor,
  ids: string[] | undefined,
  now: Date,
) {
  await ctx.store.notifications.markRead(actor.userId, ids, now);
}
