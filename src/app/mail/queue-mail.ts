import type { Locale } from '../../i18n/locales.ts';
import type { MailTemplate } from '../../i18n/mail-render.ts';
import { newId } from '../ids.ts';
import type { AppContext, MailSettings } from '../ports.ts';
import type { Repositories } from '../store/index.ts';

// The mail outbox (issue 5): a message is a row in mail_messages, queued in the transaction of the
// change that causes it, with a Message-ID fixed at that moment; rendering and delivery are separate
// jobs (mail-jobs.ts). In embedded mail mode the same table is the dev mailbox.

export interface MailRequest {
  template: MailTemplate;
  locale: Locale;
  to: string;
  toName: string | null;
  params: Record<string, unknown>;
  nominationId?: string | null;
  /** Whose organisation the message belongs to (R35: the mailbox shows it to that partner only); null for program mail. */
  partnerId: string | null;
  /** At most one message per key, ever (sweeps and reminders must never send twice). */
  dedupeKey?: string | null;
}

const DEFAULT_MAIL_FROM = 'MCI Incentives <no-reply@mci.example>';
const RENDER_BATCH = 200;

export function mailSettings(
  ctx: AppContext,
): Pick<MailSettings, 'from' | 'maxAttempts' | 'retryDelaySeconds'> {
  return ctx.mail ?? { from: DEFAULT_MAIL_FROM, maxAttempts: 8, retryDelaySeconds: 30 };
}

/** The domain of the sender address: Message-IDs are `<uuid@domain>` (RFC 5322). */
export function messageIdDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'mci.invalid';
}

/** Queues the rendering of messages already written, in batches, in the same transaction. */
export async function queueRender(tx: Repositories, mailIds: readonly string[]): Promise<void> {
  if (mailIds.length === 0) return;
  const batches: { mailIds: string[] }[] = [];
  for (let i = 0; i < mailIds.length; i += RENDER_BATCH)
    batches.push({ mailIds: mailIds.slice(i, i + RENDER_BATCH) });
  if (batches.length === 1) await tx.outbox.enqueue('mail.render', batches[0]!);
  else await tx.outbox.enqueueMany('mail.render', batches);
}

/** Queues messages inside the transaction: they exist (and will be sent) if and only if it commits. */
async function queueMails(
  tx: Repositories,
  ctx: AppContext,
  mails: MailRequest[],
  now: Date,
): Promise<string[]> {
  if (mails.length === 0) return [];
  const domain = messageIdDomain(mailSettings(ctx).from);
  const ids = await tx.mail.queue(
    mails.map((m) => {
      const id = newId();
      return {
        id,
        messageId: `<${id}@${domain}>`,
        dedupeKey: m.dedupeKey ?? null,
        template: m.template,
        locale: m.locale,
        to: m.to,
        toName: m.toName,
        params: m.params,
        nominationId: m.nominationId ?? null,
        partnerId: m.partnerId,
        createdAt: now,
      };
    }),
  );
  await queueRender(tx, ids);
  return ids;
}

export async function queueMail(
  tx: Repositories,
  ctx: AppContext,
  mail: MailRequest,
  now: Date,
): Promise<string | null> {
  const [id] = await queueMails(tx, ctx, [mail], now);
  return id ?? null;
}

/** An absolute link into the product (emails need absolute URLs). */
export function appLink(ctx: AppContext, path: string): string {
  const base = (ctx.links?.baseUrl ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  return `${base}${path}`;
}
