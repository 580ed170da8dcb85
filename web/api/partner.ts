import { api } from './client.ts';
import type { AssignRoleRequest, PartnerLocationList, PartnerUser, PartnerUserList } from './types.ts';

/** Account admin role management (spec §1: roles are granted per partner location, R33). */
export const partnerApi = {
  locations: (signal?: AbortSignal) => api.get<PartnerLocationList>('/partner/locations', { signal }),
  users: (signal?: AbortSignal) => api.get<PartnerUserList>('/partner/users', { signal }),
  setRole: (userId: string, locationId: string, body: AssignRoleRequest) =>
    api.put<PartnerUser>(
      `/partner/users/${encodeURIComponent(userId)}/roles/${encodeURIComponent(locationId)}`,
      body,
    ),
  removeRole: (userId: string, locationId: string) =>
    api.delete(`/partner/users/${encodeURIComponent(userId)}/roles/${encodeURIComponent(locationId)}`),
};
