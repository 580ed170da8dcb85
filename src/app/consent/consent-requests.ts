import type { ConsentContactPatch, ConsentRequest, ConsentRequestBody } from '../../contracts/consent.ts';
import { resendRetryAfterSeconds } from '../../domain/consent.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Actor, can, type Permission } from '../../domain/policy.ts';
import { daysLeft } from '../../domain/time.ts';
import { refreshCustomerRows } from '../customers/read-model.ts';
import { idempotent } from '../idempotency.ts';
import { hashSecret, newId, newSecret } from '../ids.ts';
import { applyEvent } from '../lifecycle/apply-event.ts';
import { lockOwnRecord, type PartnerActor, partnerActor } from '../lifecycle/own-record.ts';
import { appLink, queueMail } from '../mail/queue-mail.ts';
import type { AppContext } from '../ports.ts';
import type { ConsentRequestRecord, ConsentRequestState } from '../store/consent.ts';
import type { Repositories } from '../store/index.ts';
import type { LockedNomination } from '../store/nominations.ts';
import { requireCustomerContact, resolveContactDomain } from './customer-contact.ts';

// The partner's side of consent (spec §4.3, R26–R29): send for consent, resend, change the customer
// contact. The status side is the lifecycle table; this file owns the consent request (contacts, link
// tokens, sends) and the consent email.

/** Locks a record for a consent action (view: the Customers page; act: the consent permission). */
const lockOwn = (tx: Repositories, actor: PartnerActor, nominationId: string, act: Permission) =>
  lockOwnRecord(tx, actor, nominationId, { view: 'customers.view', act });

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
    ctx.store,
    {
      scope: `partner:${partner.partnerId}`,
      key: idempotencyKey,
      fingerprintOf: { nominationId, body },
      now,
    },
    async (tx) => {
      const record = await lockOwn(tx, partner, nominationId, 'consent.request');
      await requireCustomerContact(tx, record, body.customerContact.email, contactDomain);
      await applyEvent(tx, ctx, record, 'requestConsent', { kind: 'partnerUser', id: partner.userId }, now, {
        auditData: { customerEmail: body.customerContact.email, locale: body.customerContact.locale },
      });
      await tx.nominations.markConsentRequested(record.id, now);
      await openRequest(tx, ctx, record, body, now);
      return { status: 202, body: await consentView(tx, record.id, now) };
    },
  );
}

/** R29: a reminder while pending and open; at most one per hour (429 with Retry-After). */
export async function resendConsent(ctx: AppContext, actor: Actor, nominationId: string) {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const record = await lockOwn(tx, partner, nominationId, 'consent.resend');
    const current = await tx.consent.current(record.id);
    if (current) {
      const wait = resendRetryAfterSeconds(current.lastSentAt, now);
      if (wait > 0 && record.status === 'consent_pending')
        throw new DomainError('RateLimited', { params: { seconds: wait }, target: 'nominationId' });
    }
    await applyEvent(tx, ctx, record, 'resendConsent', { kind: 'partnerUser', id: partner.userId }, now);
    if (!current) throw new DomainError('InvalidTransition', { target: 'nominationId' });
    await tx.consent.markSent(current.id, now);
    await sendConsentEmail(tx, ctx, current.id, newSecret(), 'consentReminder', now);
    await refreshRow(tx, record, now);
    return consentView(tx, record.id, now);
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
  return ctx.store.transaction(async (tx) => {
    const record = await lockOwn(tx, partner, nominationId, 'consent.request');
    const current = await tx.consent.current(record.id);
    if (!current) throw new DomainError('NotFound', { target: 'nominationId' });
    if (ifMatch !== undefined && ifMatch !== etagOf(current)) throw new DomainError('PreconditionFailed');
    await requireCustomerContact(tx, record, patch.customerContact.email, contactDomain);
    await applyEvent(
      tx,
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
    const { partnerContact } = current;
    await openRequest(
      tx,
      ctx,
      record,
      {
        customerContact: patch.customerContact,
        partnerContact: {
          name: partnerContact.name,
          email: partnerContact.email,
          ...(partnerContact.phone ? { phone: partnerContact.phone } : {}),
        },
      },
      now,
      { sendCount: current.sendCount + 1, remindersSent: current.remindersSent },
    );
    await refreshRow(tx, record, now);
    return consentView(tx, record.id, now);
  });
}

/**
 * The current consent request of a record, with its first link, and the consent email carrying it.
 * A contact change opens a new one that continues the count of sends and the reminders already sent.
 */
async function openRequest(
  tx: Repositories,
  ctx: AppContext,
  record: LockedNomination,
  contacts: ConsentRequestBody,
  now: Date,
  carried: { sendCount: number; remindersSent: number[] } = { sendCount: 1, remindersSent: [] },
) {
  const requestId = newId();
  const token = newSecret();
  await tx.consent.open({
    id: requestId,
    nominationId: record.id,
    partnerId: record.partnerId,
    customer: { ...contacts.customerContact, phone: contacts.customerContact.phone ?? null },
    partnerContact: { ...contacts.partnerContact, phone: contacts.partnerContact.phone ?? null },
    expiresAt: record.consentDueAt,
    createdAt: now,
    sendCount: carried.sendCount,
    remindersSent: carried.remindersSent,
    firstLinkHash: hashSecret(token),
  });
  await sendConsentEmail(tx, ctx, requestId, token, 'consentRequest', now);
}

export async function getConsentRequest(ctx: AppContext, actor: Actor, nominationId: string) {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  const [n] = await ctx.store.nominations.details({ partnerId: partner.partnerId }, [nominationId]);
  if (!n || !can(partner, 'customers.view', { partnerId: n.partnerId, locationId: n.locationId }))
    throw new DomainError('NotFound', { target: 'nominationId' });
  const current = await ctx.store.consent.current(n.id);
  if (!current) throw new DomainError('NotFound', { target: 'nominationId' });
  return { view: await consentView(ctx.store, n.id, now), etag: etagOf(current) };
}

/** A weak ETag of the editable part of the request (the contact) and its sends. */
function etagOf(r: Pick<ConsentRequestRecord, 'id' | 'sendCount'>): string {
  return `W/"${r.id}.${r.sendCount}"`;
}

export async function consentEtag(tx: Repositories, nominationId: string): Promise<string | null> {
  const current = await tx.consent.current(nominationId);
  return current ? etagOf(current) : null;
}

async function refreshRow(tx: Repositories, record: LockedNomination, now: Date) {
  await refreshCustomerRows(
    tx,
    { partnerId: record.partnerId },
    { engagementIds: [record.engagementId], tenantIds: [record.tenantId] },
    now,
  );
}

/**
 * Queues one consent email with a fresh single-purpose link (256 bits, stored hashed). All links of
 * the current request stay valid, so the customer may answer from any of its emails.
 */
export async function sendConsentEmail(
  tx: Repositories,
  ctx: AppContext,
  requestId: string,
  token: string,
  template: 'consentRequest' | 'consentReminder',
  now: Date,
  dedupeKey?: string,
): Promise<void> {
  await tx.consent.addLink(requestId, hashSecret(token), now);
  const f = await tx.consent.emailFacts(requestId);
  await queueMail(
    tx,
    ctx,
    {
      template,
      locale: f.customer.locale,
      to: f.customer.email,
      toName: f.customer.name,
      nominationId: f.nominationId,
      partnerId: f.partnerId,
      dedupeKey: dedupeKey ?? null,
      params: {
        contactName: f.customer.name,
        customerName: f.customerName,
        partnerName: f.partnerName,
        partnerContactName: f.partnerContact.name,
        partnerContactEmail: f.partnerContact.email,
        partnerContactPhone: f.partnerContact.phone,
        workshopName: f.workshop.name,
        workshopDescription: f.workshop.description,
        consentDueAt: f.consentDueAt.toISOString(),
        daysLeft: daysLeft(f.consentDueAt, now),
        link: appLink(ctx, `/consent/${token}`),
        consentRequestId: requestId,
        sendNo: f.sendCount,
      },
    },
    now,
  );
}

async function consentView(tx: Repositories, nominationId: string, now: Date): Promise<ConsentRequest> {
  const r = await tx.consent.latest(nominationId);
  if (!r) throw new DomainError('NotFound', { target: 'nominationId' });
  return toConsentRequest(r, now);
}

function toConsentRequest(r: ConsentRequestState, now: Date): ConsentRequest {
  const wait = resendRetryAfterSeconds(r.lastSentAt, now);
  return {
    nominationId: r.nominationId,
    status: r.status,
    customerContact: r.customer,
    partnerContact: r.partnerContact,
    consentDueAt: r.consentDueAt.toISOString(),
    daysLeft: daysLeft(r.consentDueAt, now),
    lastSentAt: r.lastSentAt.toISOString(),
    sendCount: r.sendCount,
    emailStatus: r.emailStatus,
    resendAvailableAt: new Date(now.getTime() + wait * 1000).toISOString(),
    decision: r.decision,
    decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
  };
}
