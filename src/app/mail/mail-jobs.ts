import { isLocale } from '../../i18n/locales.ts';
import { MAIL_TEMPLATES, type MailTemplate, renderMail } from '../../i18n/mail-render.ts';
import { refreshCustomerRows } from '../customers/read-model.ts';
import type { AppContext } from '../ports.ts';
import type { Repositories } from '../store/index.ts';
import type { MailToRender, StoredMail } from '../store/mail.ts';
import { mailSettings } from './queue-mail.ts';

// The two mail jobs (issue 5): render (subject, text, HTML in the recipient's locale), then deliver
// (SMTP or the embedded mailbox). Both are idempotent: a job that runs twice finds the row already
// rendered or sent and does nothing.

const isTemplate = (value: string): value is MailTemplate =>
  (MAIL_TEMPLATES as readonly string[]).includes(value);

/** A message in its recipient's language (English when the stored locale is not one of ours). */
function renderStored(mail: MailToRender) {
  // A template we do not know is a bug, not bad data: the job fails loudly.
  if (!isTemplate(mail.template)) throw new Error(`unknown mail template ${mail.template}`);
  return renderMail(mail.template, isLocale(mail.locale) ? mail.locale : 'en', mail.params);
}

export async function renderMails(ctx: AppContext, mailIds: readonly string[]): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    const mails = await tx.mail.lockQueued(mailIds);
    for (const mail of mails) await tx.mail.markRendered(mail.id, renderStored(mail));
    // One delivery job per message, so that each is retried on its own.
    await tx.outbox.enqueueMany(
      'mail.deliver',
      mails.map((m) => ({ mailId: m.id })),
    );
  });
}

/**
 * Delivers one message. A failure is counted on the message and its next attempt queued with
 * back-off in the same transaction; at the last attempt the message is marked failed instead (and its
 * consent request shows "email failed – resend"). The Message-ID is the one fixed at queue time, so a
 * delivery repeated after a crash between sending and recording is recognisable as the same email.
 */
export async function deliverMail(ctx: AppContext, mailId: string): Promise<void> {
  const mail = await ctx.store.mail.message(mailId);
  // Only a rendered message is delivered: queued is not ready, sent and failed are done.
  if (mail?.status !== 'rendered') return;
  try {
    await transmit(ctx, mail);
  } catch (error) {
    await recordFailure(ctx, mail, error);
    return;
  }
  await ctx.store.transaction(async (tx) => {
    if (await tx.mail.markSent(mailId, mail.attempts + 1, ctx.clock.now()))
      await markConsentEmail(tx, ctx, mail.params, 'sent');
  });
}

async function transmit(ctx: AppContext, mail: StoredMail): Promise<void> {
  // Without a transport (the embedded mailbox) the stored message itself is the delivery.
  await ctx.mail?.transport.deliver({
    from: mailSettings(ctx).from,
    to: mail.to,
    toName: mail.toName,
    subject: mail.subject ?? '',
    text: mail.text ?? '',
    html: mail.html ?? '',
    messageId: mail.messageId,
  });
}

/** Counts a failed attempt and queues the next one, or marks the message failed after the last. */
async function recordFailure(ctx: AppContext, mail: StoredMail, error: unknown): Promise<void> {
  const { maxAttempts, retryDelaySeconds } = mailSettings(ctx);
  const attempts = mail.attempts + 1;
  const final = attempts >= maxAttempts;
  // The transport's own message (never credentials: the SMTP URL is not part of it).
  const message = String((error as Error)?.message ?? error).slice(0, 500);
  await ctx.store.transaction(async (tx) => {
    await tx.mail.recordFailure(mail.id, attempts, message, final);
    if (final) await markConsentEmail(tx, ctx, mail.params, 'failed');
    else
      await tx.outbox.enqueue(
        'mail.deliver',
        { mailId: mail.id },
        // The queue's own time, never the test clock (R36): the wait is real.
        { startAfter: new Date(ctx.realClock.now().getTime() + retryDelayMs(retryDelaySeconds, attempts)) },
      );
  });
}

/** The wait before attempt `attempts + 1`: the configured delay, doubled per failure, at most an hour. */
export function retryDelayMs(retryDelaySeconds: number, attempts: number): number {
  return Math.min(retryDelaySeconds * 2 ** (attempts - 1), 3600) * 1000;
}

/** The delivery state of the latest consent email of a request (R29: "email failed – resend"). */
async function markConsentEmail(
  tx: Repositories,
  ctx: AppContext,
  params: Record<string, unknown>,
  status: 'sent' | 'failed',
) {
  const { consentRequestId, sendNo } = params as { consentRequestId?: string; sendNo?: number };
  if (!consentRequestId || typeof sendNo !== 'number') return;
  const record = await tx.mail.recordConsentEmail(consentRequestId, sendNo, status);
  if (!record) return;
  await refreshCustomerRows(
    tx,
    { partnerId: record.partnerId },
    { engagementIds: [record.engagementId], tenantIds: [record.tenantId] },
    ctx.clock.now(),
  );
}
