import type { NoticeKind } from '../../i18n/mail-render.ts';

// Partner notices (spec §4.3 R30, §4.4) and the notification bell.

export interface Notice {
  nominationId: string;
  kind: NoticeKind;
  /** Unique per notice, e.g. `${nominationId}:consentExpired`: a notice is written once, ever. */
  dedupeKey: string;
  params?: Record<string, unknown>;
}

interface NoticeMail {
  /** Absolute base of the link in the email (`…/engagements/`; the engagement id and `/customers` follow). */
  linkBase: string;
  /** The domain of Message-IDs (`<uuid@domain>`). */
  messageIdDomain: string;
  now: Date;
}

export interface StoredNotification {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  nominationId: string | null;
  engagementId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotificationRepository {
  /**
   * For each notice: an in-app notification for every user with an incentive role on the record's
   * location, and an email to the record's partner contact (else the user who added it), in one
   * statement. Returns the ids of the emails written (a notice already written is skipped).
   */
  notifyPartners(notices: readonly Notice[], mail: NoticeMail): Promise<string[]>;
  /** The user's own notifications, newest first, and how many are unread. */
  ofUser(userId: string, limit: number): Promise<{ notifications: StoredNotification[]; unread: number }>;
  /** Marks the user's notifications read (these, or all when `ids` is absent). */
  markRead(userId: string, ids: readonly string[] | undefined, now: Date): Promise<void>;
}
