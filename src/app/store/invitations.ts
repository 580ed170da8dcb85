import type { Role } from '../../domain/policy.ts';
import type { PartnerScope } from './scope.ts';

// Invitations of a partner's Account admin (issue 15 item 2): a colleague is invited by email with the
// roles they will have; the account exists from the moment the link is used. Only the SHA-256 of the
// link's token is stored.

interface InvitedRole {
  locationId: string;
  role: Role;
}

export interface Invitation {
  id: string;
  partnerId: string;
  email: string;
  displayName: string;
  roles: InvitedRole[];
  locale: string;
  invitedBy: string | null;
  createdAt: Date;
  sentAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

/** What the public invitation page shows, and what accepting needs. */
export interface InvitationByLink extends Invitation {
  partnerName: string;
  inviterName: string | null;
}

export interface InvitationRepository {
  /** False when the partner already has a pending invitation for this address (nothing is written). */
  insert(invitation: Invitation & { tokenHash: string }): Promise<boolean>;
  /** The partner's invitations neither accepted nor revoked (expired ones included), newest first. */
  pending(scope: PartnerScope): Promise<Invitation[]>;
  /** One pending invitation of the partner, locked for the rest of the transaction; undefined otherwise. */
  lockPending(scope: PartnerScope, id: string): Promise<Invitation | undefined>;
  /** A new link (the old one stops working) and a new expiry. */
  renew(scope: PartnerScope, id: string, tokenHash: string, sentAt: Date, expiresAt: Date): Promise<void>;
  revoke(scope: PartnerScope, id: string, at: Date): Promise<void>;
  /**
   * The customer-link kind of access: the token is the credential, before any scope is known. With
   * `lock`, the row is locked for the rest of the transaction (accepting).
   */
  byLink(tokenHash: string, options?: { lock?: boolean }): Promise<InvitationByLink | undefined>;
  markAccepted(id: string, userId: string, at: Date): Promise<void>;
}
