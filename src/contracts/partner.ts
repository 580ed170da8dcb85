import { z } from 'zod';
import { Id } from './common.ts';
import { RoleName } from './session.ts';
import { PendingInvitation } from './users.ts';

export const PartnerLocation = z
  .object({
    id: Id,
    mpnId: z.string(),
    name: z.string(),
    country: z.string(),
    /** Enrolled in the MCI program (§2): only enrolled locations can earn. */
    enrolled: z.boolean(),
    /** When the current enrolment began; null when not enrolled. */
    enrolledAt: z.iso.datetime().nullable(),
    /** Who enrolled it; null when not enrolled, or enrolled before the Account admin could (issue 15). */
    enrolledBy: z.object({ id: Id, displayName: z.string() }).nullable(),
  })
  .meta({ id: 'PartnerLocation' });
export type PartnerLocation = z.infer<typeof PartnerLocation>;

export const PartnerUser = z
  .object({
    id: Id,
    email: z.string(),
    displayName: z.string(),
    isAccountAdmin: z.boolean(),
    /** False once deactivated by the Account admin (issue 15 item 2). */
    active: z.boolean(),
    roles: z.array(z.object({ locationId: Id, role: RoleName })),
  })
  .meta({ id: 'PartnerUser' });
export type PartnerUser = z.infer<typeof PartnerUser>;

export const PartnerLocationList = z.object({ value: z.array(PartnerLocation) });
export const PartnerUserList = z.object({
  value: z.array(PartnerUser),
  /** Invitations neither accepted nor revoked (issue 15 item 2). */
  invitations: z.array(PendingInvitation),
});
export const UserRoleParams = z.object({ userId: Id, locationId: Id });
export const AssignRoleRequest = z.strictObject({ role: RoleName });
export const LocationParams = z.object({ locationId: Id });
/** R39: enrolling accepts the program terms; `acceptTerms` must be true (false: 422 TermsNotAccepted). */
export const EnrolmentRequest = z
  .strictObject({
    acceptTerms: z.boolean().meta({ description: 'Must be true: the program terms are accepted.' }),
  })
  .meta({ id: 'EnrolmentRequest' });
