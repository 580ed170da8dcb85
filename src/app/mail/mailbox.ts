import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/policy.ts';
import type { AppContext } from '../ports.ts';

// R35, the embedded mailbox (ADR 0012): a demo aid that exists only without SMTP_URL, and shows a
// signed-in user only their own organisation's mail: a partner's users the messages about their
// partner's records and users, the program operator program mail. Never another partner's messages,
// whose links (consent, surveys) are capabilities.

const LINK = /https?:\/\/[^\s"'<>]+/g;

export async function listMailbox(
  ctx: AppContext,
  actor: Actor,
  query: { to?: string | undefined; maxpagesize: number },
) {
  if (ctx.mail?.transport.kind === 'smtp') throw new DomainError('NotFound');
  let q = ctx.db
    .selectFrom('mail_messages')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(query.maxpagesize);
  q =
    actor.kind === 'partnerUser'
      ? q.where('partner_id', '=', actor.partnerId)
      : q.where('partner_id', 'is', null);
  if (query.to) q = q.where('to_address', '=', query.to.toLowerCase());
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    messageId: r.message_id,
    template: r.template,
    locale: r.locale,
    to: r.to_address,
    toName: r.to_name,
    subject: r.subject,
    text: r.text,
    html: r.html,
    links: [...new Set((r.text ?? '').match(LINK) ?? [])],
    status: r.status,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at ? r.sent_at.toISOString() : null,
  }));
}
