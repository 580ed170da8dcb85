import type { Selectable } from 'kysely';
import type { MailRepository, StoredMail } from '../../../app/store/mail.ts';
import type { MailMessagesTable } from '../schema.ts';
import type { Q } from './db.ts';

// The mail outbox (ADR 0010): queued in the transaction of its cause, rendered and delivered by jobs.

const toStored = (r: Selectable<MailMessagesTable>): StoredMail => ({
  id: r.id,
  messageId: r.message_id,
  template: r.template,
  locale: r.locale,
  to: r.to_address,
  toName: r.to_name,
  subject: r.subject,
  text: r.text,
  html: r.html,
  params: r.params ?? {},
  status: r.status,
  attempts: r.attempts,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

export function mailRepository(db: Q): MailRepository {
  return {
    async queue(mails) {
      const ids: string[] = [];
      // Chunks keep the bind parameters of one statement well under PostgreSQL's limit.
      for (let i = 0; i < mails.length; i += 1000) {
        const rows = await db
          .insertInto('mail_messages')
          .values(
            mails.slice(i, i + 1000).map((m) => ({
              id: m.id,
              message_id: m.messageId,
              dedupe_key: m.dedupeKey,
              template: m.template,
              locale: m.locale,
              params: JSON.stringify(m.params),
              to_address: m.to,
              to_name: m.toName,
              nomination_id: m.nominationId,
              partner_id: m.partnerId,
              created_at: m.createdAt,
            })),
          )
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .returning('id')
          .execute();
        ids.push(...rows.map((r) => r.id));
      }
      return ids;
    },

    async lockQueued(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('mail_messages')
        .select(['id', 'template', 'locale', 'params'])
        .where('id', 'in', [...ids])
        .where('status', '=', 'queued')
        .forUpdate()
        .skipLocked()
        .execute();
      return rows.map((r) => ({ id: r.id, template: r.template, locale: r.locale, params: r.params ?? {} }));
    },

    async markRendered(id, rendered) {
      await db
        .updateTable('mail_messages')
        .set({ subject: rendered.subject, text: rendered.text, html: rendered.html, status: 'rendered' })
        .where('id', '=', id)
        .execute();
    },

    async message(id) {
      const row = await db.selectFrom('mail_messages').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toStored(row);
    },

    async recordFailure(id, attempts, error, final) {
      await db
        .updateTable('mail_messages')
        .set({ attempts, last_error: error, ...(final ? { status: 'failed' as const } : {}) })
        .where('id', '=', id)
        .execute();
    },

    async markSent(id, attempts, at) {
      const updated = await db
        .updateTable('mail_messages')
        .set({ status: 'sent', sent_at: at, attempts })
        .where('id', '=', id)
        .where('status', '=', 'rendered')
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    },

    async recordConsentEmail(requestId, sendNo, status) {
      // Only the request's latest send: an older email's outcome must not overwrite a newer one's.
      const row = await db
        .updateTable('consent_requests as cr')
        .from('nominations as n')
        .set({ email_status: status })
        .whereRef('n.id', '=', 'cr.nomination_id')
        .where('cr.id', '=', requestId)
        .where('cr.send_count', '=', sendNo)
        .returning(['n.partner_id', 'n.engagement_id', 'n.tenant_id'])
        .executeTakeFirst();
      return row && { partnerId: row.partner_id, engagementId: row.engagement_id, tenantId: row.tenant_id };
    },

    async mailbox(scope, query) {
      let q = db
        .selectFrom('mail_messages')
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .limit(query.limit);
      // R35: never another partner's messages, whose links (consent, surveys) are capabilities.
      q =
        scope.partnerId !== null
          ? q.where('partner_id', '=', scope.partnerId)
          : q.where('partner_id', 'is', null);
      if (query.to) q = q.where('to_address', '=', query.to.toLowerCase());
      return (await q.execute()).map(toStored);
    },
  };
}
