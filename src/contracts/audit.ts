import { z } from 'zod';
import { Id, page } from './common.ts';

// The audit log (issue 14): who did what, when, to which record, partner-scoped; the operator sees every
// partner's, optionally one.

export const AuditEvent = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    actor: z.object({
      kind: z.enum(['partnerUser', 'operator', 'customer', 'system', 'apiToken']),
      id: Id.nullable(),
      /** Partner users only (operators and customers are shown by their role). */
      name: z.string().nullable(),
      /** The API token the change was made with. */
      tokenName: z.string().optional(),
    }),
    action: z.string(),
    target: z.object({ nominationId: Id.nullable(), claimId: Id.nullable() }),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditEventList = page(AuditEvent);
export type AuditEventList = z.infer<typeof AuditEventList>;

const Filters = {
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  action: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.-]+$/)
    .optional(),
  actorId: Id.optional(),
  nominationId: Id.optional(),
  /** Operator only: one partner's events. */
  partnerId: Id.optional(),
};

export const AuditEventQuery = z.strictObject({
  ...Filters,
  cursor: z.string().max(200).optional(),
  maxpagesize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditEventQuery = z.infer<typeof AuditEventQuery>;

export const AuditExportQuery = z.strictObject(Filters);
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;
