import type { PartnerUser } from '../../contracts/partner.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Actor, can, type Role } from '../../domain/policy.ts';
import { audit } from '../audit.ts';
import type { AppContext, Trx } from '../ports.ts';
import { partnerScope } from '../scope.ts';

// Role management by the partner's Account admin (spec §1: assigns incentive roles per location).

function requireRoleAdmin(actor: Actor): asserts actor is Extract<Actor, { kind: 'partnerUser' }> {
  if (actor.kind !== 'partnerUser' || !can(actor, 'roles.assign', { partnerId: actor.partnerId })) {
    throw new DomainError('Forbidden');
  }
}

export async function listPartnerLocations(ctx: AppContext, actor: Actor) {
  requireRoleAdmin(actor);
  const rows = await partnerScope(ctx.db, actor)
    .locations()
    .leftJoin('enrolments', 'enrolments.location_id', 'locations.id')
    .select(['locations.id', 'locations.mpn_id', 'locations.name', 'locations.country', 'enrolments.status'])
    .orderBy('locations.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    mpnId: r.mpn_id,
    name: r.name,
    country: r.country,
    enrolled: r.status === 'enrolled',
  }));
}

async function partnerUsers(trx: Trx, actor: Actor, onlyUserId?: string): Promise<PartnerUser[]> {
  const scope = partnerScope(trx, actor);
  let query = scope
    .users()
    .select(['users.id', 'users.email', 'users.display_name', 'users.is_account_admin']);
  if (onlyUserId) query = query.where('users.id', '=', onlyUserId);
  const users = await query.orderBy('users.display_name').execute();
  const roles = users.length
    ? await trx
        .selectFrom('user_location_roles as r')
        .innerJoin('locations as l', 'l.id', 'r.location_id')
        .select(['r.user_id', 'r.location_id', 'r.role'])
        .where('l.partner_id', '=', scope.partnerId)
        .where(
          'r.user_id',
          'in',
          users.map((u) => u.id),
        )
        .execute()
    : [];
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    displayName: u.display_name,
    isAccountAdmin: u.is_account_admin,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => ({ locationId: r.location_id, role: r.role })),
  }));
}

export async function listPartnerUsers(ctx: AppContext, actor: Actor): Promise<PartnerUser[]> {
  requireRoleAdmin(actor);
  return partnerUsers(ctx.db, actor);
}

export async function assignRole(
  ctx: AppContext,
  actor: Actor,
  input: { userId: string; locationId: string; role: Role },
): Promise<PartnerUser> {
  requireRoleAdmin(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const scope = partnerScope(trx, actor);
    await scope.verifyUser(input.userId);
    await scope.verifyLocation(input.locationId);
    const before = await trx
      .selectFrom('user_location_roles')
      .select('role')
      .where('user_id', '=', input.userId)
      .where('location_id', '=', input.locationId)
      .executeTakeFirst();
    await trx
      .insertInto('user_location_roles')
      .values({
        user_id: input.userId,
        location_id: input.locationId,
        role: input.role,
        granted_by: actor.userId,
        granted_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'location_id'])
          .doUpdateSet({ role: input.role, granted_by: actor.userId, granted_at: now }),
      )
      .execute();
    await audit(trx, {
      actor: { kind: 'partnerUser', id: actor.userId },
      action: 'role.assign',
      at: now,
      partnerId: actor.partnerId,
      data: {
        userId: input.userId,
        locationId: input.locationId,
        from: before?.role ?? null,
        to: input.role,
      },
    });
    const [user] = await partnerUsers(trx, actor, input.userId);
    return user!;
  });
}

export async function revokeRole(
  ctx: AppContext,
  actor: Actor,
  input: { userId: string; locationId: string },
): Promise<void> {
  requireRoleAdmin(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const scope = partnerScope(trx, actor);
    await scope.verifyUser(input.userId);
    await scope.verifyLocation(input.locationId);
    const removed = await trx
      .deleteFrom('user_location_roles')
      .where('user_id', '=', input.userId)
      .where('location_id', '=', input.locationId)
      .returning('role')
      .executeTakeFirst();
    if (removed) {
      await audit(trx, {
        actor: { kind: 'partnerUser', id: actor.userId },
        action: 'role.revoke',
        at: now,
        partnerId: actor.partnerId,
        data: { userId: input.userId, locationId: input.locationId, from: removed.role, to: null },
      });
    }
  });
}
