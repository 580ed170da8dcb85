import type { Locale } from '../../i18n/locales.ts';
import type { MailTemplate } from '../../i18n/mail-render.ts';

// The mail outbox (ADR 0010): a message is a row, queued in the transaction of its cause with a
// Message-ID fixed then; rendering and delivery are jobs. In embedded mode it is the dev mailbox too.

export interface NewMail {
  id: string;
  messageId: string;
  /** At most one message per key, ever (sweeps and reminders must never send twice). */
  dedupeKey: string | null;
  template: MailTemplate;
  locale: Locale;
  to: string;
  toName: string | null;
  params: Record<string, unknown>;
  nominationId: string | null;
  /** Whose organisation the message belongs to (R35); null for program mail. */
  partnerId: string | null;
  createdAt: Date;
}

export interface MailRepository {
  /** Writes the messages (a dedupe key seen before is skipped); returns the ids written. */
  queue(mails: readonly NewMail[]): Promise<string[]>;
}
