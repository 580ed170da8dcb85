import { z } from 'zod';
import { Id } from './common.ts';
import { RoleName } from './session.ts';

export const PartnerLocation = z
  .object({ id: Id, mpnId: z.string(), name: z.string(), country: z.string(), enrolled: z.boolean() })
  .meta({ id: 'PartnerLocation' });

export const PartnerUser = z
  .object({
    id: Id,
    email: z.string(),
    displayName: z.string(),
    isAccountAdmin: z.boolean(),
    roles: z.array(z.object({ locationId: Id, role: RoleName })),
  })
  .meta({ id: 'PartnerUser' });
export type PartnerUser = z.infer<typeof PartnerUser>;

export const PartnerLocationList = z.object({ value: z.array(PartnerLocation) });
export const PartnerUserList = z.object({ value: z.array(PartnerUser) });
export const UserRoleParams = z.object({ userId: Id, locationId: Id });
export const AssignRoleRequest = z.strictObject({ role: RoleName });
