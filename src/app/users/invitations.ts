import type { InviteUserRequest, PendingInvitation } from '../../contracts/users.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/policy.ts';
import type { Locale } from '../../i18n/locales.ts';
import { hashSecret, newId, newSecret } from '../ids.ts';
import type { PartnerActor } from '../lifecycle/own-record.ts';
import { appLink, queueMail } from '../mail/queue-mail.ts';
import type { AppContext } from '../ports.ts';
import type { Repositories } from '../store/index.ts';
import type { Invitation } from '../store/invitations.ts';
import { auditActor, requireUsersAdmin, scopeOf } from './users-admin.ts';

// The Account admin invites a colleague by email (issue 15 item 2, ADR 0022). The email carries a
// single-use link `/invitations/{token}` (256 bits from the CSPRNG; only its SHA-256 is stored) valid
// for 7 days on the program's clock, like the customer's consent link: the demo's test clock moves it.
// A resend makes a new link (the old one stops working) valid 7 days from then; a revoke ends it.

const INVITATION_DAYS = 7;
const DAY = 86_400_000;

const toPendingInvitation = (i: Invitation, now: Date): PendingInvitation => ({
  id: i.id,
  email: i.email,
  displayName: i.displayName,
  roles: i.roles,
  createdAt: i.createdAt.toISOString(),
  sentAt: i.sentAt.toISOString(),
  expiresAt: i.expiresAt.toISOString(),
  expired: i.expiresAt.getTime() <= now.getTime(),
});

/** Queues the invitation email with a fresh link, in the caller's transaction; returns the token's hash. */
async function sendLink(
  tx: Repositories,
  ctx: AppContext,
  invitation: Pick<Invitation, 'partnerId' | 'email' | 'displayName' | 'locale'>,
  inviter: { name: string; partnerName: string },
  now: Date,
  expiresAt: Date,
): Promise<string> {
  const token = newSecret();
  await queueMail(
    tx,
    ctx,
    {
      template: 'userInvitation',
      locale: invitation.locale as Locale,
      to: invitation.email,
      toName: invitation.displayName,
      partnerId: invitation.partnerId,
      params: {
        inviteeName: invitation.displayName,
        inviterName: inviter.name,
        partnerName: inviter.partnerName,
        expiresAt: expiresAt.toISOString(),
        link: appLink(ctx, `/invitations/${token}`),
      },
    },
    now,
  );
  return hashSecret(token);
}

async function inviterOf(tx: Repositories, actor: PartnerActor) {
  const profile = await tx.users.profile(actor.userId);
  return { name: profile?.displayName ?? '', partnerName: profile?.partner?.name ?? '' };
}

export async function inviteUser(
  ctx: AppContext,
  actor: Actor,
  input: InviteUserRequest,
  locale: Locale,
): Promise<PendingInvitation> {
  requireUsersAdmin(actor);
  const scope = scopeOf(actor);
  const now = ctx.clock.now();
  const locationIds = input.roles.map((r) => r.locationId);
  if (new Set(locationIds).size !== locationIds.length)
    throw new DomainError('ValidationFailed', {
      target: 'roles',
      details: [{ code: 'invalid', target: 'roles' }],
    });
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY);
  const invitation = await ctx.store.transaction(async (tx) => {
    // Another partner's location is the same as one that does not exist.
    if ((await tx.users.locations(scope, locationIds)).length !== locationIds.length)
      throw new DomainError('NotFound', { target: 'roles' });
    if (await tx.users.credentials(input.email))
      throw new DomainError('Conflict', {
        target: 'email',
        details: [{ code: 'UserEmailTaken', target: 'email' }],
      });
    const draft = {
      id: newId(),
      partnerId: actor.partnerId,
      email: input.email,
      displayName: input.name,
      roles: input.roles,
      locale,
      invitedBy: actor.userId,
      createdAt: now,
      sentAt: now,
      expiresAt,
      acceptedAt: null,
      revokedAt: null,
    } satisfies Invitation;
    const tokenHash = await sendLink(tx, ctx, draft, await inviterOf(tx, actor), now, expiresAt);
    if (!(await tx.invitations.insert({ ...draft, tokenHash })))
      throw new DomainError('Conflict', {
        target: 'email',
        details: [{ code: 'InvitationPending', target: 'email' }],
      });
    await tx.audit.record({
      actor: auditActor(actor),
      action: 'invitation.create',
      at: now,
      partnerId: actor.partnerId,
      data: { invitationId: draft.id, email: draft.email, roles: draft.roles },
    });
    return draft;
  });
  return toPendingInvitation(invitation, now);
}

export async function listInvitations(ctx: AppContext, actor: Actor): Promise<PendingInvitation[]> {
  requireUsersAdmin(actor);
  const now = ctx.clock.now();
  return (await ctx.store.invitations.pending(scopeOf(actor))).map((i) => toPendingInvitation(i, now));
}

export async function resendInvitation(
  ctx: AppContext,
  actor: Actor,
  invitationId: string,
): Promise<PendingInvitation> {
  requireUsersAdmin(actor);
  const scope = scopeOf(actor);
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY);
  return ctx.store.transaction(async (tx) => {
    const found = await tx.invitations.lockPending(scope, invitationId);
    if (!found) throw new DomainError('NotFound', { target: 'invitationId' });
    const tokenHash = await sendLink(tx, ctx, found, await inviterOf(tx, actor), now, expiresAt);
    await tx.invitations.renew(scope, found.id, tokenHash, now, expiresAt);
    await tx.audit.record({
      actor: auditActor(actor),
      action: 'invitation.resend',
      at: now,
      partnerId: actor.partnerId,
      data: { invitationId: found.id, email: found.email },
    });
    return toPendingInvitation({ ...found, sentAt: now, expiresAt }, now);
  });
}

export async function revokeInvitation(ctx: AppContext, actor: Actor, invitationId: string): Promise<void> {
  requireUsersAdmin(actor);
  const scope = scopeOf(actor);
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const found = await tx.invitations.lockPending(scope, invitationId);
    if (!found) throw new DomainError('NotFound', { target: 'invitationId' });
    await tx.invitations.revoke(scope, found.id, now);
    await tx.audit.record({
      actor: auditActor(actor),
      action: 'invitation.revoke',
      at: now,
      partnerId: actor.partnerId,
      data: { invitationId: found.id, email: found.email },
    });
  });
}
