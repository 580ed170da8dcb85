import type { PartnerLocation, PartnerUser } from '../../contracts/partner.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Actor, can, type Role } from '../../domain/policy.ts';
import type { PartnerActor } from '../lifecycle/own-record.ts';
import type { AppContext } from '../ports.ts';
import type { Repositories } from '../store/index.ts';
import type { PartnerScope } from '../store/scope.ts';
import { toPartnerLocation } from './enrolment.ts';

// Role management by the partner's Account admin (spec §1: assigns incentive roles per location).

function requireRoleAdmin(actor: Actor): asserts actor is PartnerActor {
  if (actor.kind !== 'partnerUser' || !can(actor, 'roles.assign', { partnerId: actor.partnerId })) {
    throw new DomainError('Forbidden');
  }
}

const scopeOf = (actor: PartnerActor): PartnerScope => ({ partnerId: actor.partnerId });

export async function listPartnerLocations(ctx: AppContext, actor: Actor): Promise<PartnerLocation[]> {
  requireRoleAdmin(actor);
  // With their enrolment: when, and by whom (issue 15 item 3).
  return (await ctx.store.enrolments.list(scopeOf(actor))).map(toPartnerLocation);
}

export async function listPartnerUsers(ctx: AppContext, actor: Actor): Promise<PartnerUser[]> {
  requireRoleAdmin(actor);
  return ctx.store.users.members(scopeOf(actor));
}

/** Ids from the request are found inside the partner, or are the same NotFound as a missing one. */
async function requireOwn(
  tx: Repositories,
  scope: PartnerScope,
  input: { userId: string; locationId: string },
) {
  if (!(await tx.users.isMember(scope, input.userId)))
    throw new DomainError('NotFound', { target: 'userId' });
  if (!(await tx.users.location(scope, input.locationId)))
    throw new DomainError('NotFound', { target: 'locationId' });
}

export async function assignRole(
  ctx: AppContext,
  actor: Actor,
  input: { userId: string; locationId: string; role: Role },
): Promise<PartnerUser> {
  requireRoleAdmin(actor);
  const now = ctx.clock.now();
  const scope = scopeOf(actor);
  const user = await ctx.store.transaction(async (tx) => {
    await requireOwn(tx, scope, input);
    const before = await tx.users.roleOn(scope, input.userId, input.locationId);
    await tx.users.grantRole(scope, { ...input, grantedBy: actor.userId, at: now });
    await tx.audit.record({
      actor: { kind: 'partnerUser', id: actor.userId },
      action: 'role.assign',
      at: now,
      partnerId: actor.partnerId,
      data: { userId: input.userId, locationId: input.locationId, from: before ?? null, to: input.role },
    });
    const [member] = await tx.users.members(scope, input.userId);
    return member!;
  });
  // Other instances hear of it from the database; this one at once (ADR 0017).
  ctx.sessionCache?.forget(`user:${input.userId}`);
  return user;
}

export async function revokeRole(
  ctx: AppContext,
  actor: Actor,
  input: { userId: string; locationId: string },
): Promise<void> {
  requireRoleAdmin(actor);
  const now = ctx.clock.now();
  const scope = scopeOf(actor);
  await ctx.store.transaction(async (tx) => {
    await requireOwn(tx, scope, input);
    const removed = await tx.users.revokeRole(scope, input.userId, input.locationId);
    if (!removed) return;
    await tx.audit.record({
      actor: { kind: 'partnerUser', id: actor.userId },
      action: 'role.revoke',
      at: now,
      partnerId: actor.partnerId,
      data: { userId: input.userId, locationId: input.locationId, from: removed, to: null },
    });
  });
  ctx.sessionCache?.forget(`user:${input.userId}`);
}
