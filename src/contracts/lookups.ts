import { z } from 'zod';
import { Email, Id } from './common.ts';
import { Reason } from './engagements.ts';

// Step 1 of the Add customer wizard (R11–R15): who is this customer, and which workshops can they take.
export const CustomerLookupRequest = z
  .strictObject({
    engagementId: Id,
    locationId: Id,
    email: Email,
    tenantId: Id.optional(),
    tpid: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .refine((v) => v.tenantId === undefined || v.tpid === undefined, {
    message: 'Give a tenant ID or a TPID, not both',
    path: ['tpid'],
  });

const WorkshopOption = z.object({
  engagementId: Id,
  name: z.string(),
  /** Both the location and the customer are eligible, and nothing blocks a new record (R15). */
  selectable: z.boolean(),
  reasons: z.array(Reason),
});

export const CustomerLookup = z
  .object({
    tenant: z.object({ id: Id, name: z.string(), tpid: z.number().int().nullable() }),
    /** How the tenant was found: from the email's domain (R12) or from the ID given (R14). */
    resolvedBy: z.enum(['domain', 'tenantId', 'tpid']),
    domainMatches: z.boolean(),
    mismatchReasonRequired: z.boolean(),
    workshops: z.array(WorkshopOption),
  })
  .meta({ id: 'CustomerLookup' });
export type CustomerLookup = z.infer<typeof CustomerLookup>;
