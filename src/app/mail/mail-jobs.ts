import { isLocale } from '../../i18n/locales.ts';
import { MAIL_TEMPLATES, type MailTemplate, renderMail } from '../../i18n/mail-render.ts';
import { refreshCustomerRows } from '../customers/read-model.ts';
import type { AppContext, Trx } from '../ports.ts';
import { mailSettings } from './queue-mail.ts';

// The two mail jobs (issue 5): render (subject, text, HTML in the recipient's locale), then deliver
// (SMTP or the embedded mailbox). Both are idempotent: a job that runs twice finds the row already
// rendered or sent and does nothing.

const isTemplate = (value: string): value is MailTemplate =>
  (MAIL_TEMPLATES as readonly string[]).includes(value);

export async function renderMails(ctx: AppContext, mailIds: readonly string[]): Promise<void> {
  const { maxAttempts, retryDelaySeconds } = mailSettings(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('mail_messages')
      .select(['id', 'template', 'locale', 'params'])
      .where('id', 'in', [...mailIds])
      .where('status', '=', 'queued')
      .forUpdate()
      .skipLocked()
      .execute();
    for (const row of rows) {
      if (!isTemplate(row.template)) throw new Error(`unknown mail template ${row.template}`);
      const locale = isLocale(row.locale) ? row.locale : 'en';
      const rendered = renderMail(row.template, locale, (row.params ?? {}) as Record<string, unknown>);
      await trx
        .updateTable('mail_messages')
        .set({ subject: rendered.subject, text: rendered.text, html: rendered.html, status: 'rendered' })
        .where('id', '=', row.id)
        .execute();
    }
    // One delivery job per message, so that each is retried on its own.
    await ctx.jobs.enqueueMany(
      trx,
      'mail.deliver',
      rows.map((r) => ({ mailId: r.id })),
      { retryLimit: maxAttempts + 1, retryDelay: retryDelaySeconds, retryBackoff: true },
    );
  });
}

/**
 * Delivers one message. A failure is counted and rethrown so that pg-boss retries it with back-off;
 * at the last attempt the message is marked failed instead (and its consent request shows
 * "email failed – resend"). The Message-ID is the one fixed at queue time.
 */
export async function deliverMail(ctx: AppContext, mailId: string): Promise<void> {
  const settings = mailSettings(ctx);
  const mail = await ctx.db
    .selectFrom('mail_messages')
    .selectAll()
    .where('id', '=', mailId)
    .executeTakeFirst();
  if (!mail || mail.status === 'sent' || mail.status === 'failed' || mail.status === 'queued') return;
  const transport = ctx.mail?.transport;
  try {
    if (transport)
      await transport.deliver({
        from: settings.from,
        to: mail.to_address,
        toName: mail.to_name,
        subject: mail.subject ?? '',
        text: mail.text ?? '',
        html: mail.html ?? '',
        messageId: mail.message_id,
      });
  } catch (error) {
    const attempts = mail.attempts + 1;
    const final = attempts >= settings.maxAttempts;
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('mail_messages')
        .set({
          attempts,
          // The transport's own message (never credentials: the SMTP URL is not part of it).
          last_error: String((error as Error)?.message ?? error).slice(0, 500),
          ...(final ? { status: 'failed' as const } : {}),
        })
        .where('id', '=', mailId)
        .execute();
      if (final) await markConsentEmail(trx, ctx, mail.params, 'failed');
    });
    if (!final) throw error;
    return;
  }
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('mail_messages')
      .set({ status: 'sent', sent_at: ctx.clock.now(), attempts: mail.attempts + 1 })
      .where('id', '=', mailId)
      .where('status', '=', 'rendered')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 1) await markConsentEmail(trx, ctx, mail.params, 'sent');
  });
}

/** The delivery state of the latest consent email of a request (R29: "email failed – resend"). */
async function markConsentEmail(trx: Trx, ctx: AppContext, params: unknown, status: 'sent' | 'failed') {
  const p = (params ?? {}) as { consentRequestId?: string; sendNo?: number };
  if (!p.consentRequestId || typeof p.sendNo !== 'number') return;
  const row = await trx
    .updateTable('consent_requests')
    .set({ email_status: status })
    .where('id', '=', p.consentRequestId)
    .where('send_count', '=', p.sendNo)
    .returning(['nomination_id'])
    .executeTakeFirst();
  if (!row) return;
  const n = await trx
    .selectFrom('nominations')
    .select(['partner_id', 'engagement_id', 'tenant_id'])
    .where('id', '=', row.nomination_id)
    .executeTakeFirstOrThrow();
  await refreshCustomerRows(
    ctx.store.within(trx),
    { partnerId: n.partner_id },
    { engagementIds: [n.engagement_id], tenantIds: [n.tenant_id] },
    ctx.clock.now(),
  );
}
