import type { Selectable } from 'kysely';
import type { ConsentRepository } from '../../../app/store/consent.ts';
import { isLocale } from '../../../i18n/locales.ts';
import type { ConsentRequestsTable } from '../schema.ts';
import type { Q } from './db.ts';

const toRecord = (r: Selectable<ConsentRequestsTable>) => ({
  id: r.id,
  nominationId: r.nomination_id,
  customer: {
    name: r.customer_name,
    email: r.customer_email,
    phone: r.customer_phone,
    locale: isLocale(r.customer_locale) ? r.customer_locale : ('en' as const),
  },
  partnerContact: {
    name: r.partner_contact_name,
    email: r.partner_contact_email,
    phone: r.partner_contact_phone,
  },
  lastSentAt: r.last_sent_at,
  sendCount: r.send_count,
  remindersSent: r.reminders_sent,
  emailStatus: r.email_status,
  decision: r.decision,
  decidedAt: r.decided_at,
});

export function consentRepository(db: Q): ConsentRepository {
  return {
    async current(nominationId) {
      const row = await db
        .selectFrom('consent_requests')
        .selectAll()
        .where('nomination_id', '=', nominationId)
        .where('voided_at', 'is', null)
        .executeTakeFirst();
      return row ? toRecord(row) : undefined;
    },

    async latest(nominationId) {
      const row = await db
        .selectFrom('consent_requests as cr')
        .innerJoin('nominations as n', 'n.id', 'cr.nomination_id')
        .selectAll('cr')
        .select(['n.status', 'n.consent_due_at'])
        .where('cr.nomination_id', '=', nominationId)
        .orderBy('cr.created_at', 'desc')
        .orderBy('cr.send_count', 'desc')
        .executeTakeFirst();
      return row ? { ...toRecord(row), status: row.status, consentDueAt: row.consent_due_at } : undefined;
    },

    async open(request) {
      await db
        .insertInto('consent_requests')
        .values({
          id: request.id,
          nomination_id: request.nominationId,
          partner_id: request.partnerId,
          token_hash: request.firstLinkHash,
          customer_name: request.customer.name,
          customer_email: request.customer.email.toLowerCase(),
          customer_phone: request.customer.phone,
          customer_locale: request.customer.locale,
          partner_contact_name: request.partnerContact.name,
          partner_contact_email: request.partnerContact.email.toLowerCase(),
          partner_contact_phone: request.partnerContact.phone,
          expires_at: request.expiresAt,
          created_at: request.createdAt,
          last_sent_at: request.createdAt,
          send_count: request.sendCount,
          reminders_sent: request.remindersSent,
        })
        .execute();
    },

    async addLink(requestId, tokenHash, at) {
      await db
        .insertInto('consent_links')
        .values({ token_hash: tokenHash, consent_request_id: requestId, created_at: at })
        .execute();
    },

    async markSent(requestId, at) {
      await db
        .updateTable('consent_requests')
        .set((eb) => ({ last_sent_at: at, send_count: eb('send_count', '+', 1), email_status: 'queued' }))
        .where('id', '=', requestId)
        .execute();
    },

    async emailFacts(requestId) {
      const f = await db
        .selectFrom('consent_requests as cr')
        .innerJoin('nominations as n', 'n.id', 'cr.nomination_id')
        .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
        .innerJoin('tenants as t', 't.id', 'n.tenant_id')
        .innerJoin('partners as p', 'p.id', 'n.partner_id')
        .selectAll('cr')
        .select([
          'n.partner_id as record_partner_id',
          'n.consent_due_at',
          'e.name as workshop_name',
          'e.description as workshop_description',
          't.name as tenant_name',
          'p.name as partner_name',
        ])
        .where('cr.id', '=', requestId)
        .executeTakeFirstOrThrow();
      const record = toRecord(f);
      return {
        nominationId: f.nomination_id,
        partnerId: f.record_partner_id,
        customer: record.customer,
        partnerContact: record.partnerContact,
        sendCount: f.send_count,
        consentDueAt: f.consent_due_at,
        workshop: { name: f.workshop_name, description: f.workshop_description },
        customerName: f.tenant_name,
        partnerName: f.partner_name,
      };
    },

    async voidCurrent(nominationId, now) {
      await db
        .updateTable('consent_requests')
        .set({ voided_at: now })
        .where('nomination_id', '=', nominationId)
        .where('voided_at', 'is', null)
        .execute();
    },

    async byLink(tokenHash) {
      const r = await db
        .selectFrom('consent_links as l')
        .innerJoin('consent_requests as cr', 'cr.id', 'l.consent_request_id')
        .innerJoin('nominations as n', 'n.id', 'cr.nomination_id')
        .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
        .innerJoin('tenants as t', 't.id', 'n.tenant_id')
        .innerJoin('partners as p', 'p.id', 'n.partner_id')
        .select([
          'cr.id',
          'cr.nomination_id',
          'cr.voided_at',
          'cr.decision',
          'cr.customer_name',
          'cr.customer_locale',
          'cr.partner_contact_name',
          'cr.partner_contact_email',
          'n.status',
          'n.consent_due_at',
          'n.claim_due_at',
          'e.name as workshop_name',
          'e.description as workshop_description',
          't.name as tenant_name',
          'p.name as partner_name',
        ])
        .where('l.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!r) return undefined;
      return {
        requestId: r.id,
        nominationId: r.nomination_id,
        voided: r.voided_at !== null,
        decision: r.decision,
        customer: { name: r.customer_name, locale: r.customer_locale },
        partnerContact: { name: r.partner_contact_name, email: r.partner_contact_email },
        status: r.status,
        consentDueAt: r.consent_due_at,
        claimDueAt: r.claim_due_at,
        workshop: { name: r.workshop_name, description: r.workshop_description },
        customerName: r.tenant_name,
        partnerName: r.partner_name,
      };
    },

    async decide(requestId, decision, at) {
      await db
        .updateTable('consent_requests')
        .set({ decision, decided_at: at })
        .where('id', '=', requestId)
        .execute();
    },
  };
}
