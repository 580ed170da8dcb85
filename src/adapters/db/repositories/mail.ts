import type { MailRepository } from '../../../app/store/mail.ts';
import type { Q } from './db.ts';

export function mailRepository(db: Q): MailRepository {
  return {
    async queue(mails) {
      const ids: string[] = [];
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
  };
}
