import { z } from 'zod';
import { Email, Id } from './common.ts';

// Adding or claiming a customer for one or more workshops (R9–R22). One record per workshop.
const engagementIds = z
  .array(Id)
  .min(1)
  .max(20)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'Each workshop once' });

/** R14: why the email's domain and the tenant differ, 10–500 characters; the Add customer wizard checks it with this. */
export const MismatchReason = z.string().trim().min(10).max(500);

const AddNominationRequest = z.strictObject({
  origin: z.literal('add'),
  locationId: Id,
  engagementIds,
  email: Email,
  tenantId: Id.optional(),
  tpid: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  /** R14: required when the email's domain does not belong to the tenant. */
  mismatchReason: MismatchReason.optional(),
});

const ClaimNominationRequest = z.strictObject({
  origin: z.literal('claim'),
  locationId: Id,
  engagementIds,
  /** The tenant ID of a customer this partner already knows (R18). */
  customerId: Id,
});

export const CreateNominationsRequest = z.discriminatedUnion('origin', [
  AddNominationRequest,
  ClaimNominationRequest,
]);
export type CreateNominationsRequest = z.infer<typeof CreateNominationsRequest>;

export const Nomination = z
  .object({
    id: Id,
    engagement: z.object({ id: Id, name: z.string() }),
    location: z.object({ id: Id, mpnId: z.string(), name: z.string() }),
    customer: z.object({
      tenantId: Id,
      name: z.string(),
      tpid: z.number().int().nullable(),
      /** The customer's domains known to the directory: consent comes from an address at one of them (R34). */
      domains: z.array(z.string()),
    }),
    origin: z.enum(['add', 'claim']),
    status: z.string(),
    type: z.enum(['active', 'notStarted']).nullable(),
    customerEmail: z.string().nullable(),
    mismatchReason: z.string().nullable(),
    claimedAt: z.iso.datetime(),
    consentDueAt: z.iso.datetime(),
    claimDueAt: z.iso.datetime().nullable(),
    daysLeft: z.number().int().nullable(),
  })
  .meta({ id: 'Nomination' });
export type Nomination = z.infer<typeof Nomination>;

export const NominationList = z.object({ value: z.array(Nomination) });
export const NominationParams = z.object({ nominationId: Id });

const HistoryEvent = z.object({
  at: z.iso.datetime(),
  action: z.string(),
  actor: z.object({
    kind: z.string(),
    name: z.string().nullable(),
    /** The API token the change was made with (issue 14). */
    tokenName: z.string().optional(),
  }),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
});
export const NominationHistory = z.object({ value: z.array(HistoryEvent) });
