import { api } from './client.ts';
import type { IncentiveRole, ListResponse, PartnerLocation, PartnerUser } from './types.ts';

/** Account admin role management (spec §1: roles are granted per partner location, R33). */
export const partnerApi = {
  locations: (signal?: AbortSignal) =>
    api.get<ListResponse<PartnerLocation>>('/partner/locations', { signal }),
  users: (signal?: AbortSignal) => api.get<ListResponse<PartnerUser>>('/partner/users', { signal }),
  setRole: (userId: string, locationId: string, role: IncentiveRole) =>
    api.put<PartnerUser>(
      `/partner/users/${encodeURIComponent(userId)}/roles/${encodeURIComponent(locationId)}`,
      { role },
    ),
  removeRole: (userId: string, locationId: string) =>
    api.delete(`/partner/users/${encodeURIComponent(userId)}/roles/${encodeURIComponent(locationId)}`),
};
