import { z } from 'zod';
import { Email, Id, Locale, Name } from './common.ts';

// Customer consent (spec §4.3, R23–R31): the partner's request, resend and contact change, and the
// public consent page that the customer opens from the email.

const Phone = z
  .string()
  .trim()
  .min(3)
  .max(40)
  .regex(/^[0-9+()./\- ]+$/);

export const CustomerContact = z.strictObject({
  name: Name(),
  email: Email,
  phone: Phone.optional(),
  /** The language of the consent email and page. */
  locale: Locale,
});
export type CustomerContact = z.infer<typeof CustomerContact>;

export const PartnerContact = z.strictObject({
  name: Name(),
  email: Email,
  phone: Phone.optional(),
});
export type PartnerContact = z.infer<typeof PartnerContact>;

export const ConsentRequestBody = z.strictObject({
  customerContact: CustomerContact,
  partnerContact: PartnerContact,
});
export type ConsentRequestBody = z.infer<typeof ConsentRequestBody>;

/** PATCH of the current request while consent is pending: voids the old link and sends a new email. */
export const ConsentContactPatch = z.strictObject({ customerContact: CustomerContact });
export type ConsentContactPatch = z.infer<typeof ConsentContactPatch>;

const EmailStatus = z.enum(['queued', 'sent', 'failed']);

export const ConsentRequest = z
  .object({
    nominationId: Id,
    /** The record's status after the call (`consent_pending` while waiting). */
    status: z.string(),
    customerContact: CustomerContact.extend({ phone: z.string().nullable() }),
    partnerContact: PartnerContact.extend({ phone: z.string().nullable() }),
    consentDueAt: z.iso.datetime(),
    daysLeft: z.number().int(),
    lastSentAt: z.iso.datetime(),
    sendCount: z.number().int(),
    /** Delivery of the latest email; `failed` after the last retry ("email failed – resend"). */
    emailStatus: EmailStatus,
    /** When the next resend is allowed (R29: one per hour). */
    resendAvailableAt: z.iso.datetime(),
    decision: z.enum(['accept', 'decline']).nullable(),
    decidedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ConsentRequest' });
export type ConsentRequest = z.infer<typeof ConsentRequest>;

// ── Public consent page (no sign-in; the token is the only credential) ─────────────────────────

export const ConsentTokenParams = z.object({
  token: z
    .string()
    .min(20)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
});

export const PublicConsent = z
  .object({
    /** `open`: the customer can decide; `accepted` / `declined`: already decided (page shows the outcome). */
    state: z.enum(['open', 'accepted', 'declined']),
    locale: Locale,
    partner: z.object({ name: z.string(), contactName: z.string(), contactEmail: z.string() }),
    customer: z.object({ name: z.string(), contactName: z.string() }),
    workshops: z.array(z.object({ name: z.string(), description: z.string() })),
    consentDueAt: z.iso.datetime(),
    /** After an acceptance: the partner must deliver the workshop and claim by then. */
    claimDueAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'PublicConsent' });
export type PublicConsent = z.infer<typeof PublicConsent>;

export const ConsentDecisionBody = z.strictObject({ decision: z.enum(['accept', 'decline']) });
export type ConsentDecisionBody = z.infer<typeof ConsentDecisionBody>;
