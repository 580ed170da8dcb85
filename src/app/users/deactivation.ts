import type { PartnerUser } from '../../contracts/partner.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/policy.ts';
import type { AppContext } from '../ports.ts';
import { auditActor, requireUsersAdmin, scopeOf } from './users-admin.ts';

// Deactivating a colleague who left (issue 15 item 2, ADR 0022): at once, every session of theirs ends
// and every API token is revoked, in one transaction; the update of the user notifies every instance's
// session cache (migration 0008's trigger), and a deactivated user has no principal at all (the session
// and token lookups skip them). Reactivating lets them sign in again; their old tokens stay revoked.
// An admin cannot deactivate themself (422), and the partner keeps at least one active Account admin
// (409: two admins deactivating each other at once).

export async function setUserActive(
  ctx: AppContext,
  actor: Actor,
  userId: string,
  active: boolean,
): Promise<PartnerUser> {
  requireUsersAdmin(actor);
  if (!active && userId === actor.userId)
    throw new DomainError('UnprocessableEntity', {
      target: 'userId',
      details: [{ code: 'CannotDeactivateSelf', target: 'userId' }],
    });
  const scope = scopeOf(actor);
  const now = ctx.clock.now();
  const member = await ctx.store.transaction(async (tx) => {
    // Locked first, in one order, by every change of an admin's state.
    const admins = await tx.users.lockAccountAdmins(scope);
    const [found] = await tx.users.members(scope, userId);
    if (!found) throw new DomainError('NotFound', { target: 'userId' });
    if (found.active === active) return found;
    if (!active && found.isAccountAdmin && !admins.some((a) => a.active && a.id !== userId))
      throw new DomainError('Conflict', {
        target: 'userId',
        details: [{ code: 'LastAccountAdmin', target: 'userId' }],
      });
    await tx.users.setActive(scope, userId, active, now);
    await tx.audit.record({
      actor: auditActor(actor),
      action: active ? 'user.reactivate' : 'user.deactivate',
      at: now,
      partnerId: actor.partnerId,
      data: { userId },
    });
    return { ...found, active };
  });
  // Other instances hear of it from the database; this one at once (ADR 0017).
  ctx.sessionCache?.forget(`user:${userId}`);
  return member;
}
