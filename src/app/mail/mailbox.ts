import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/policy.ts';
import type { AppContext } from '../ports.ts';
import { OPERATOR_SCOPE } from '../store/scope.ts';

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
  const scope = actor.kind === 'partnerUser' ? { partnerId: actor.partnerId } : OPERATOR_SCOPE;
  const mails = await ctx.store.mail.mailbox(scope, { to: query.to, limit: query.maxpagesize });
  return mails.map((m) => ({
    id: m.id,
    messageId: m.messageId,
    template: m.template,
    locale: m.locale,
    to: m.to,
    toName: m.toName,
    subject: m.subject,
    text: m.text,
    html: m.html,
    links: [...new Set((m.text ?? '').match(LINK) ?? [])],
    status: m.status,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt ? m.sentAt.toISOString() : null,
  }));
}
