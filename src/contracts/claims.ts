import { z } from 'zod';
import { Id } from './common.ts';
import { CustomerContact, PartnerContact } from './consent.ts';
import { freeText, SurveyAudience } from './surveys.ts';

// The workshop claim of an engagement customer (spec §4.4, S1–S9): the checklist of proof-of-execution
// (POE) items, comments, contacts, expected payout, allowed actions and history. The same view serves
// the partner (their own records) and the program operator (everything, incl. survey answers).

export const POE_KINDS = ['findingsReport', 'invoice', 'partnerSurvey', 'customerSurvey'] as const;
export const PoeKind = z.enum(POE_KINDS);
export type PoeKind = z.infer<typeof PoeKind>;

export const FILE_KINDS = ['findingsReport', 'invoice'] as const;
export const FileKind = z.enum(FILE_KINDS);
export type FileKind = z.infer<typeof FileKind>;

const CLAIM_ACTIONS = ['edit', 'submit', 'cancel', 'dispute'] as const;
export const ClaimAction = z.enum(CLAIM_ACTIONS);
export type ClaimAction = z.infer<typeof ClaimAction>;

const Person = z.object({
  kind: z.enum(['partnerUser', 'operator', 'customer', 'system', 'apiToken']),
  /** Partner users by name; operators as "Program operator" for partners; customers and the system: null. */
  name: z.string().nullable(),
});

const ClaimFile = z.object({
  name: z.string(),
  sizeBytes: z.number().int(),
  contentType: z.string(),
  uploadedAt: z.iso.datetime(),
  uploadedBy: z.string().nullable(),
});

const ClaimSurvey = z.object({
  audience: SurveyAudience,
  state: z.enum(['notSent', 'sent', 'completed']),
  contact: z.object({ name: z.string(), email: z.string() }).nullable(),
  sentAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  /** The partner's own survey answers; the customer's only for the program operator. */
  answers: z.record(z.string(), z.unknown()).nullable(),
});

const PoeItem = z.object({
  kind: PoeKind,
  /** From the engagement's POE requirements (S1–S4; all four by default). */
  required: z.boolean(),
  done: z.boolean(),
  completedAt: z.iso.datetime().nullable(),
  completedBy: z.string().nullable(),
  /** findingsReport and invoice: the uploaded file. */
  file: ClaimFile.nullable(),
  /** partnerSurvey and customerSurvey: the current survey. */
  survey: ClaimSurvey.nullable(),
});

const ClaimContactView = z.object({
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
});

const ClaimHistoryEvent = z.object({
  at: z.iso.datetime(),
  action: z.string(),
  actor: Person,
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  /** Small, known facts of the event (kind, fileName, justification, comment, audience). */
  data: z.record(z.string(), z.unknown()),
});

const Payout = z.object({
  market: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  /** true: the rate taken at the consent date (§4.4); false: today's rate, for display only. */
  atConsent: z.boolean(),
});

const OperatorComment = z.object({
  decision: z.enum(['approve', 'reject', 'requestInfo']),
  comment: z.string(),
  at: z.iso.datetime(),
});

export const WorkshopClaim = z
  .object({
    nominationId: Id,
    /** null until the first write (the claim is created lazily). */
    claimId: Id.nullable(),
    /** The record's status in effect now (an overdue record reads as its end state before any sweep). */
    status: z.string(),
    partner: z.object({ id: Id, name: z.string() }),
    location: z.object({ id: Id, name: z.string() }),
    customer: z.object({ tenantId: Id, name: z.string() }),
    engagement: z.object({ id: Id, code: z.string(), name: z.string() }),
    consentedAt: z.iso.datetime().nullable(),
    claimDueAt: z.iso.datetime().nullable(),
    /** Days left to submit (first submission), never below 0; null once submitted. */
    daysLeft: z.number().int().nullable(),
    reviewDueAt: z.iso.datetime().nullable(),
    firstSubmittedAt: z.iso.datetime().nullable(),
    submittedAt: z.iso.datetime().nullable(),
    disputeDueAt: z.iso.datetime().nullable(),
    disputeDaysLeft: z.number().int().nullable(),
    disputedAt: z.iso.datetime().nullable(),
    items: z.array(PoeItem),
    /** Required items not done yet (submit is refused with ClaimIncomplete while any is missing). */
    missingItems: z.array(PoeKind),
    comments: z.string(),
    partnerContact: ClaimContactView.nullable(),
    customerContact: ClaimContactView.extend({ locale: z.string() }).nullable(),
    /** S7: the customer survey is done, customer contacts can no longer change. */
    contactsLocked: z.boolean(),
    expectedPayout: Payout.nullable(),
    /** The latest operator decision's comment while action_required / rejected / rejected_final. */
    operatorComment: OperatorComment.nullable(),
    /** Operators only: every review decision. */
    reviews: z.array(OperatorComment).optional(),
    /** What the partner can do now (state and deadlines; `submit` also needs every required item). */
    actions: z.array(ClaimAction),
    history: z.array(ClaimHistoryEvent),
    /** The claim's version, also sent as the ETag (W/"<version>"; 0 before the claim exists). */
    version: z.number().int(),
  })
  .meta({ id: 'WorkshopClaim' });
export type WorkshopClaim = z.infer<typeof WorkshopClaim>;

/** PATCH of the editable fields (S7, S8). Server-owned fields (status, files, …) are refused (400). */
export const WorkshopClaimPatch = z
  .strictObject({
    comments: freeText(4000).optional(),
    partnerContact: PartnerContact.optional(),
    customerContact: CustomerContact.optional(),
  })
  .meta({ id: 'WorkshopClaimPatch' });
export type WorkshopClaimPatch = z.infer<typeof WorkshopClaimPatch>;

export const FileParams = z.object({ nominationId: Id, kind: FileKind });

export const DisputeBody = z.strictObject({ justification: z.string().trim().min(20).max(2000) });
export type DisputeBody = z.infer<typeof DisputeBody>;
