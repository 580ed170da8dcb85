import { api } from './client.ts';
import type {
  AssignRoleRequest,
  EnrolmentRequest,
  InviteUserRequest,
  PartnerLocation,
  PartnerLocationList,
  PartnerUser,
  PartnerUserList,
  PendingInvitation,
} from './types.ts';

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
  /** R39: enrols the location, accepting the program terms (one key per attempt: a retry is not a second enrolment). */
  enrol: (locationId: string, body: EnrolmentRequest, idempotencyKey: string) =>
    api.post<PartnerLocation>(`/partner/locations/${encodeURIComponent(locationId)}/enrolment`, body, {
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  /** Withdraws the location (409 naming the records still running there). */
  withdraw: (locationId: string) =>
    api.delete(`/partner/locations/${encodeURIComponent(locationId)}/enrolment`),
  /** Issue 15 item 2: invites a colleague by email (the account exists once they set a password). */
  invite: (body: InviteUserRequest) => api.post<PendingInvitation>('/partner/users', body),
  /** Deactivating ends every session and API token of the user at once. */
  setActive: (userId: string, active: boolean) =>
    api.patch<PartnerUser>(`/partner/users/${encodeURIComponent(userId)}`, { active }),
  resendInvitation: (invitationId: string) =>
    api.post<PendingInvitation>(`/partner/invitations/${encodeURIComponent(invitationId)}/resend`),
  revokeInvitation: (invitationId: string) =>
    api.delete(`/partner/invitations/${encodeURIComponent(invitationId)}`),
};
