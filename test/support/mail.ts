import { deliverMail, renderMails } from '../../src/app/mail/mail-jobs.ts';
import type { TestApp } from './http.ts';

/** Runs the mail jobs' work directly (no worker in HTTP tests): render everything queued, deliver everything rendered. */
export async function drainMail({ ctx, db }: TestApp): Promise<void> {
  const queued = await db.selectFrom('mail_messages').select('id').where('status', '=', 'queued').execute();
  for (let i = 0; i < queued.length; i += 200)
    await renderMails(
      ctx,
      queued.slice(i, i + 200).map((r) => r.id),
    );
  const rendered = await db
    .selectFrom('mail_messages')
    .select('id')
    .where('status', '=', 'rendered')
    .execute();
  for (const r of rendered) await deliverMail(ctx, r.id).catch(() => {});
}

/** The consent-page token in the newest message to `to`. */
export async function latestConsentToken({ db }: TestApp, to: string): Promise<string> {
  const row = await db
    .selectFrom('mail_messages')
    .select(['text'])
    .where('to_address', '=', to.toLowerCase())
    .where('template', 'in', ['consentRequest', 'consentReminder'])
    .orderBy('created_at', 'desc')
    .orderBy('message_id', 'desc')
    .executeTakeFirstOrThrow();
  const match = /\/consent\/([A-Za-z0-9_-]+)/.exec(row.text ?? '');
  if (!match) throw new Error(`no consent link in: ${row.text}`);
  return match[1]!;
}
