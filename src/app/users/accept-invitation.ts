import type { AcceptInvitationRequest, PublicInvitation } from '../../contracts/users.ts';
import { DomainError } from '../../domain/errors.ts';
import { isOpen } from '../../domain/time.ts';
import { type OpenSession, openSession } from '../auth/sessions.ts';
import { hashSecret, newId } from '../ids.ts';
import type { AppContext, OidcClaims } from '../ports.ts';
import type { InvitationByLink } from '../store/invitations.ts';
import { checkNewPassword } from './password-rules.ts';

// The invitee's side (issue 15 item 2): the public page behind the invitation link. The token is the
// only credential. Unknown, used, revoked and expired links are one answer (404 InvitationNotValid):
// the page never says which.

const notValid = () =>
  new DomainError('InvitationNotValid', {
    target: 'token',
    details: [{ code: 'UserInvitationNotValid', target: 'token' }],
  });

function usable(found: InvitationByLink | undefined, now: Date): InvitationByLink {
  if (!found || found.acceptedAt || found.revokedAt || !isOpen(found.expiresAt, now)) throw notValid();
  return found;
}

export async function viewInvitation(ctx: AppContext, token: string): Promise<PublicInvitation> {
  const i = usable(await ctx.store.invitations.byLink(hashSecret(token)), ctx.clock.now());
  return {
    email: i.email,
    displayName: i.displayName,
    partnerName: i.partnerName,
    inviterName: i.inviterName,
    expiresAt: i.expiresAt.toISOString(),
  };
}

/** The HTTP status the invitation page itself is served with (404 / 200), for the SPA's HTML. */
export async function invitationPageStatus(ctx: AppContext, token: string): Promise<200 | 404> {
  try {
    await viewInvitation(ctx, token);
    return 200;
  } catch (error) {
    if (error instanceof DomainError) return 404;
    throw error;
  }
}

/**
 * Sets the password, creates the account with the invited roles, uses up the invitation and signs the
 * new user in, like a sign-in (a session cookie on real time, R36).
 */
export async function acceptInvitation(
  ctx: AppContext,
  token: string,
  body: AcceptInvitationRequest,
): Promise<OpenSession> {
  const tokenHash = hashSecret(token);
  // A link that does not work is said before anything about the password.
  usable(await ctx.store.invitations.byLink(tokenHash), ctx.clock.now());
  checkNewPassword(ctx, body.password);
  // argon2id takes a while: outside the transaction, before the invitation is locked.
  const passwordHash = await ctx.passwords.hash(body.password);
  const user = await createInvitedUser(ctx, tokenHash, { passwordHash, oidc: null });
  return openSession(ctx, user, 'session.signInInvitation');
}

/**
 * The same, with an OpenID Connect account instead of a password (issue 15 item 2): the provider must
 * vouch for the invited address itself (a verified email equal to the invitation's), so a forwarded
 * link cannot attach somebody else's organisation account; the account is created without a password
 * and linked to the provider's subject, which signs it in from then on.
 */
export async function acceptInvitationWithOidc(
  ctx: AppContext,
  token: string,
  claims: OidcClaims,
): Promise<OpenSession> {
  const tokenHash = hashSecret(token);
  const invitation = usable(await ctx.store.invitations.byLink(tokenHash), ctx.clock.now());
  if (!claims.emailVerified || claims.email?.toLowerCase() !== invitation.email.toLowerCase())
    throw new DomainError('OidcEmailMismatch', { target: 'email' });
  // An organisation account already linked to a user here signs in as that user, not as a new one.
  if (await ctx.store.users.byOidcIdentity(claims.issuer, claims.subject))
    throw new DomainError('Conflict', {
      target: 'oidc',
      details: [{ code: 'OidcIdentityTaken', target: 'oidc' }],
    });
  const user = await createInvitedUser(ctx, tokenHash, { passwordHash: null, oidc: claims });
  return openSession(ctx, user, 'session.signInInvitation');
}

/** One use of the link: the account with the invited roles, the invitation used up, the audit event. */
async function createInvitedUser(
  ctx: AppContext,
  tokenHash: string,
  credential: { passwordHash: string | null; oidc: OidcClaims | null },
) {
  return ctx.store.transaction(async (tx) => {
    const now = ctx.clock.now();
    // Locked: two uses of one link at once make one account; the second finds it used.
    const i = usable(await tx.invitations.byLink(tokenHash, { lock: true }), now);
    const scope = { partnerId: i.partnerId };
    const userId = newId();
    const inserted = await tx.users.insertPartnerUser(scope, {
      id: userId,
      partnerId: i.partnerId,
      email: i.email,
      displayName: i.displayName,
      passwordHash: credential.passwordHash,
      locale: null,
      createdAt: now,
    });
    // The address got an account since the invitation was sent (another partner's invitation).
    if (!inserted)
      throw new DomainError('Conflict', {
        target: 'email',
        details: [{ code: 'UserEmailTaken', target: 'email' }],
      });
    if (credential.oidc)
      await tx.users.linkOidcIdentity(i.email, credential.oidc.issuer, credential.oidc.subject);
    for (const r of i.roles)
      await tx.users.grantRole(scope, {
        userId,
        locationId: r.locationId,
        role: r.role,
        grantedBy: i.invitedBy ?? userId,
        at: now,
      });
    await tx.invitations.markAccepted(i.id, userId, now);
    await tx.audit.record({
      actor: { kind: 'partnerUser', id: userId },
      action: 'invitation.accept',
      at: now,
      partnerId: i.partnerId,
      data: { invitationId: i.id, roles: i.roles, ...(credential.oidc ? { with: 'oidc' } : {}) },
    });
    return { id: userId, kind: 'partnerUser' as const };
  });
}
