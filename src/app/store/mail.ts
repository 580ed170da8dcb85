import type { Locale } from '../../i18n/locales.ts';
import type { MailTemplate } from '../../i18n/mail-render.ts';
import type { Scope } from './scope.ts';

// The mail outbox (ADR 0010): a message is a row, queued in the transaction of its cause with a
// Message-ID fixed then; rendering and delivery are jobs. In embedded mode it is the dev mailbox too.

interface NewMail {
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

type MailStatus = 'queued' | 'rendered' | 'sent' | 'failed';

/** A queued message waiting to be rendered (the template and locale as stored; the job checks them). */
export interface MailToRender {
  id: string;
  template: string;
  locale: string;
  params: Record<string, unknown>;
}

interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** A message as stored, rendered or not. */
export interface StoredMail {
  id: string;
  messageId: string;
  template: string;
  locale: string;
  to: string;
  toName: string | null;
  subject: string | null;
  text: string | null;
  html: string | null;
  params: Record<string, unknown>;
  status: MailStatus;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
}

/** The record a consent email was about, whose Customers page row shows the email's state (R29). */
interface ConsentEmailRecord {
  partnerId: string;
  engagementId: string;
  tenantId: string;
}

export interface MailRepository {
  /** Writes the messages (a dedupe key seen before is skipped); returns the ids written. */
  queue(mails: readonly NewMail[]): Promise<string[]>;
  /**
   * Locks those of these messages still queued (FOR UPDATE SKIP LOCKED): two render jobs for the same
   * message never both render it.
   */
  lockQueued(ids: readonly string[]): Promise<MailToRender[]>;
  markRendered(id: string, rendered: RenderedMail): Promise<void>;
  message(id: string): Promise<StoredMail | undefined>;
  /** A failed delivery attempt: counted, with the transport's message; `final` marks the message failed. */
  recordFailure(id: string, attempts: number, error: string, final: boolean): Promise<void>;
  /** Marks a rendered message sent; false when it was not rendered any more (delivered by another job). */
  markSent(id: string, attempts: number, at: Date): Promise<boolean>;
  /**
   * The delivery state of a consent email on its request, if the email is still the request's latest
   * send (R29: "email failed – resend"); returns the record it is about, or undefined when superseded.
   */
  recordConsentEmail(
    requestId: string,
    sendNo: number,
    status: 'sent' | 'failed',
  ): Promise<ConsentEmailRecord | undefined>;
  /**
   * The embedded mailbox (R35), newest first: a partner's messages in a partner's scope, program mail
   * (no partner) in the operator's.
   */
  mailbox(scope: Scope, query: { to?: string | undefined; limit: number }): Promise<StoredMail[]>;
}
