import type { ConsentContactPatch, ConsentRequest, ConsentRequestBody } from '../../contracts/consent.ts';
import { resendRetryAfterSeconds } from '../../domain/consent.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Actor, can, type Permission } from '../../domain/policy.ts';
import { daysLeft } from '../../domain/time.ts';
import type { Locale } from '../../i18n/locales.ts';
import { refreshCustomerRows } from '../customers/read-model.ts';
import { idempotent } from '../idempotency.ts';
import { hashSecret, newId, newSecret } from '../ids.ts';
import { applyEvent, type LockedNomination } from '../lifecycle/apply-event.ts';
import { lockOwnRecord, partnerActor } from '../lifecycle/own-record.ts';
import { appLink, queueMail } from '../mail/queue-mail.ts';
import type { AppContext, Trx } from '../ports.ts';
import { type PartnerActor, partnerScope } from '../scope.ts';
import { requireCustomerContact, resolveContactDomain } from './customer-contact.ts';

// The partner's side of consent (spec §4.3, R26–R29): send for consent, resend, change the customer
// contact. The status side is the lifecycle table; this file owns the consent request (contacts, link
// tokens, sends) and the consent email.

/** Locks a record for a consent action (view: the Customers page; act: the consent permission). */
const lockOwn = (trx: Trx, actor: PartnerActor, nominationId: string, act: Permission) =>
  lockOwnRecord(trx, actor, nominationId, { view: 'customers.view', act });

export async function requestConsent(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  body: ConsentRequestBody,
  idempotencyKey: string | undefined,
) {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  const contactDomain = await resolveContactDomain(ctx, body.customerContact.email);
  return idempotent<ConsentRequest>(
    ctx.db,
    {
      scope: `partner:${partner.partnerId}`,
      key: idempotencyKey,
      fingerprintOf: { nominationId, body },
      now,
    },
    async (trx) => {
      const record = await lockOwn(trx, partner, nominationId, 'consent.request');
      await requireCustomerContact(trx, record, body.customerContact.email, contactDomain);
      await applyEvent(trx, ctx, record, 'requestConsent', { kind: 'partnerUser', id: partner.userId }, now, {
        auditData: { customerEmail: body.customerContact.email, locale: body.customerContact.locale },
      });
      await trx
        .updateTable('nominations')
        .set({ consent_requested_at: now })
        .where('id', '=', record.id)
        .execute();
      await openRequest(trx, ctx, record, body, now);
      return { status: 202, body: await consentView(trx, record.id, now) };
    },
  );
}

/** R29: a reminder while pending and open; at most one per hour (429 with Retry-After). */
export async function resendConsent(ctx: AppContext, actor: Actor, nominationId: string) {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const record = await lockOwn(trx, partner, nominationId, 'consent.resend');
    const current = await currentRequest(trx, record.id);
    if (current) {
      const wait = resendRetryAfterSeconds(current.last_sent_at, now);
      if (wait > 0 && record.status === 'consent_pending')
        throw new DomainError('RateLimited', { params: { seconds: wait }, target: 'nominationId' });
    }
    await applyEvent(trx, ctx, record, 'resendConsent', { kind: 'partnerUser', id: partner.userId }, now);
    if (!current) throw new DomainError('InvalidTransition', { target: 'nominationId' });
    const token = newSecret();
    await trx
      .updateTable('consent_requests')
      .set((eb) => ({ last_sent_at: now, send_count: eb('send_count', '+', 1), email_status: 'queued' }))
      .where('id', '=', current.id)
      .execute();
    await sendConsentEmail(trx, ctx, current.id, token, 'consentReminder', now);
    await refreshRow(trx, record, now);
    return consentView(trx, record.id, now);
  });
}

/** §4.3: a new customer contact while pending voids every old link; the new contact gets a new email. */
export async function updateConsentContact(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  patch: ConsentContactPatch,
  ifMatch: string | undefined,
) {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  const contactDomain = await resolveContactDomain(ctx, patch.customerContact.email);
  return ctx.db.transaction().execute(async (trx) => {
    const record = await lockOwn(trx, partner, nominationId, 'consent.request');
    const current = await currentRequest(trx, record.id);
    if (!current) throw new DomainError('NotFound', { target: 'nominationId' });
    if (ifMatch !== undefined && ifMatch !== etagOf(current)) throw new DomainError('PreconditionFailed');
    await requireCustomerContact(trx, record, patch.customerContact.email, contactDomain);
    await applyEvent(
      trx,
      ctx,
      record,
      'updateConsentContact',
      { kind: 'partnerUser', id: partner.userId },
      now,
      {
        auditData: { customerEmail: patch.customerContact.email },
      },
    );
    // The lifecycle effect voided the old request (and its links); the new one keeps the partner contact.
    await openRequest(
      trx,
      ctx,
      record,
      {
        customerContact: patch.customerContact,
        partnerContact: {
          name: current.partner_contact_name,
          email: current.partner_contact_email,
          ...(current.partner_contact_phone ? { phone: current.partner_contact_phone } : {}),
        },
      },
      now,
      { sendCount: current.send_count + 1, remindersSent: current.reminders_sent },
    );
    await refreshRow(trx, record, now);
    return consentView(trx, record.id, now);
  });
}

/**
 * The current consent request of a record, with its first link, and the consent email carrying it.
 * A contact change opens a new one that continues the count of sends and the reminders already sent.
 */
async function openRequest(
  trx: Trx,
  ctx: AppContext,
  record: LockedNomination,
  contacts: ConsentRequestBody,
  now: Date,
  carried: { sendCount: number; remindersSent: number[] } = { sendCount: 1, remindersSent: [] },
) {
  const requestId = newId();
  const token = newSecret();
  await trx
    .insertInto('consent_requests')
    .values({
      id: requestId,
      nomination_id: record.id,
      partner_id: record.partnerId,
      token_hash: hashSecret(token),
      customer_name: contacts.customerContact.name,
      customer_email: contacts.customerContact.email.toLowerCase(),
      customer_phone: contacts.customerContact.phone ?? null,
      customer_locale: contacts.customerContact.locale,
      partner_contact_name: contacts.partnerContact.name,
      partner_contact_email: contacts.partnerContact.email.toLowerCase(),
      partner_contact_phone: contacts.partnerContact.phone ?? null,
      expires_at: record.consentDueAt,
      created_at: now,
      last_sent_at: now,
      send_count: carried.sendCount,
      reminders_sent: carried.remindersSent,
    })
    .execute();
  await sendConsentEmail(trx, ctx, requestId, token, 'consentRequest', now);
}

export async function getConsentRequest(ctx: AppContext, actor: Actor, nominationId: string) {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  const scope = partnerScope(ctx.db, partner);
  const n = await scope
    .nominations()
    .select(['id', 'location_id'])
    .where('id', '=', nominationId)
    .executeTakeFirst();
  if (!n || !can(partner, 'customers.view', { partnerId: scope.partnerId, locationId: n.location_id }))
    throw new DomainError('NotFound', { target: 'nominationId' });
  const current = await currentRequest(ctx.db, n.id);
  if (!current) throw new DomainError('NotFound', { target: 'nominationId' });
  return { view: await consentView(ctx.db, n.id, now), etag: etagOf(current) };
}

function currentRequest(trx: Trx, nominationId: string) {
  return trx
    .selectFrom('consent_requests')
    .selectAll()
    .where('nomination_id', '=', nominationId)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
}

/** A weak ETag of the editable part of the request (the contact) and its sends. */
function etagOf(r: { id: string; send_count: number }): string {
  return `W/"${r.id}.${r.send_count}"`;
}

export async function consentEtag(trx: Trx, nominationId: string): Promise<string | null> {
  const current = await currentRequest(trx, nominationId);
  return current ? etagOf(current) : null;
}

async function refreshRow(trx: Trx, record: LockedNomination, now: Date) {
  await refreshCustomerRows(
    trx,
    { partnerId: record.partnerId, engagementIds: [record.engagementId], tenantIds: [record.tenantId] },
    now,
  );
}

/**
 * Queues one consent email with a fresh single-purpose link (256 bits, stored hashed). All links of
 * the current request stay valid, so the customer may answer from any of its emails.
 */
export async function sendConsentEmail(
  trx: Trx,
  ctx: AppContext,
  requestId: string,
  token: string,
  template: 'consentRequest' | 'consentReminder',
  now: Date,
  dedupeKey?: string,
): Promise<void> {
  await trx
    .insertInto('consent_links')
    .values({ token_hash: hashSecret(token), consent_request_id: requestId, created_at: now })
    .execute();
  const f = await trx
    .selectFrom('consent_requests as cr')
    .innerJoin('nominations as n', 'n.id', 'cr.nomination_id')
    .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
    .innerJoin('tenants as t', 't.id', 'n.tenant_id')
    .innerJoin('partners as p', 'p.id', 'n.partner_id')
    .select([
      'cr.customer_name',
      'cr.customer_email',
      'cr.customer_locale',
      'cr.partner_contact_name',
      'cr.partner_contact_email',
      'cr.partner_contact_phone',
      'cr.send_count',
      'n.id as nomination_id',
      'n.partner_id',
      'n.consent_due_at',
      'e.name as workshop_name',
      'e.description as workshop_description',
      't.name as tenant_name',
      'p.name as partner_name',
    ])
    .where('cr.id', '=', requestId)
    .executeTakeFirstOrThrow();
  await queueMail(
    trx,
    ctx,
    {
      template,
      locale: f.customer_locale as Locale,
      to: f.customer_email,
      toName: f.customer_name,
      nominationId: f.nomination_id,
      partnerId: f.partner_id,
      dedupeKey: dedupeKey ?? null,
      params: {
        contactName: f.customer_name,
        customerName: f.tenant_name,
        partnerName: f.partner_name,
        partnerContactName: f.partner_contact_name,
        partnerContactEmail: f.partner_contact_email,
        partnerContactPhone: f.partner_contact_phone,
        workshopName: f.workshop_name,
        workshopDescription: f.workshop_description,
        consentDueAt: f.consent_due_at.toISOString(),
        daysLeft: daysLeft(f.consent_due_at, now),
        link: appLink(ctx, `/consent/${token}`),
        consentRequestId: requestId,
        sendNo: f.send_count,
      },
    },
    now,
  );
}

export async function consentView(trx: Trx, nominationId: string, now: Date): Promise<ConsentRequest> {
  const r = await trx
    .selectFrom('consent_requests as cr')
    .innerJoin('nominations as n', 'n.id', 'cr.nomination_id')
    .selectAll('cr')
    .select(['n.status', 'n.consent_due_at'])
    .where('cr.nomination_id', '=', nominationId)
    .orderBy('cr.created_at', 'desc')
    .orderBy('cr.send_count', 'desc')
    .executeTakeFirstOrThrow();
  const wait = resendRetryAfterSeconds(r.last_sent_at, now);
  return {
    nominationId,
    status: r.status,
    customerContact: {
      name: r.customer_name,
      email: r.customer_email,
      phone: r.customer_phone,
      locale: r.customer_locale as Locale,
    },
    partnerContact: {
      name: r.partner_contact_name,
      email: r.partner_contact_email,
      phone: r.partner_contact_phone,
    },
    consentDueAt: r.consent_due_at.toISOString(),
    daysLeft: daysLeft(r.consent_due_at, now),
    lastSentAt: r.last_sent_at.toISOString(),
    sendCount: r.send_count,
    emailStatus: r.email_status,
    resendAvailableAt: new Date(now.getTime() + wait * 1000).toISOString(),
    decision: r.decision,
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
  };
}
