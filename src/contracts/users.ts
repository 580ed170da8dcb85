import { z } from 'zod';
import { Email, Id, Name } from './common.ts';
import { RoleName } from './session.ts';

// Users and invitations of the partner's Account admin (issue 15 item 2), and the public invitation
// page (no sign-in: the link's token is the only credential).

const InvitedRole = z.object({ locationId: Id, role: RoleName });

export const InviteUserRequest = z
  .strictObject({
    email: Email,
    name: Name(200),
    /** The incentive roles the user will have once they accept (at most one per location). */
    roles: z.array(InvitedRole).max(100).default([]),
  })
  .meta({ id: 'InviteUserRequest' });
export type InviteUserRequest = z.infer<typeof InviteUserRequest>;

export const PendingInvitation = z
  .object({
    id: Id,
    email: z.string(),
    displayName: z.string(),
    roles: z.array(InvitedRole),
    createdAt: z.iso.datetime(),
    /** When the current link was sent (a resend sends a new one). */
    sentAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    /** The link has expired: resend it, or revoke the invitation. */
    expired: z.boolean(),
  })
  .meta({ id: 'PendingInvitation' });
export type PendingInvitation = z.infer<typeof PendingInvitation>;

export const InvitationParams = z.object({ invitationId: Id });

export const SetUserActiveRequest = z
  .strictObject({
    active: z.boolean().meta({
      description:
        'false ends every session and API token of the user at once; true lets them sign in again.',
    }),
  })
  .meta({ id: 'SetUserActiveRequest' });

export const UserParams = z.object({ userId: Id });

// ── Public invitation page ──────────────────────────────────────────────────────────────────────

export const InvitationTokenParams = z.object({
  token: z
    .string()
    .min(20)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
});

export const PublicInvitation = z
  .object({
    email: z.string(),
    displayName: z.string(),
    partnerName: z.string(),
    /** Who sent the invitation; null when that user no longer exists. */
    inviterName: z.string().nullable(),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'PublicInvitation' });
export type PublicInvitation = z.infer<typeof PublicInvitation>;

export const AcceptInvitationRequest = z
  .strictObject({
    /** At least 12 characters and not a common password (checked by the server: 422 PasswordTooWeak). */
    password: z.string().min(1).max(1024),
  })
  .meta({ id: 'AcceptInvitationRequest' });
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;
