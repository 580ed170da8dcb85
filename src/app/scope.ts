import { DomainError } from '../domain/errors.ts';
import type { Actor } from '../domain/policy.ts';
import type { Trx } from './ports.ts';

export type PartnerActor = Extract<Actor, { kind: 'partnerUser' }>;

/**
 * Tenant scoping in one place (quality §3.1): every partner-facing query starts from one of these
 * builders, already restricted to the actor's partner. Ids that come from a request are unverified
 * until one of the `verify*` functions has found them inside the scope; anything outside the scope is
 * the same NotFound as an id that does not exist, so nothing leaks about other partners.
 */
export function partnerScope(trx: Trx, actor: Actor) {
  if (actor.kind !== 'partnerUser') throw new DomainError('Forbidden');
  const partnerId = actor.partnerId;
  return {
    partnerId,
    locations: () => trx.selectFrom('locations').where('locations.partner_id', '=', partnerId),
    users: () => trx.selectFrom('users').where('users.partner_id', '=', partnerId),
    nominations: () => trx.selectFrom('nominations').where('nominations.partner_id', '=', partnerId),

    async verifyLocation(unverifiedId: string, target = 'locationId') {
      const row = await trx
        .selectFrom('locations')
        .selectAll()
        .where('partner_id', '=', partnerId)
        .where('id', '=', unverifiedId)
        .executeTakeFirst();
      if (!row) throw new DomainError('NotFound', { target });
      return row;
    },

    async verifyUser(unverifiedId: string, target = 'userId') {
      const row = await trx
        .selectFrom('users')
        .selectAll()
        .where('partner_id', '=', partnerId)
        .where('id', '=', unverifiedId)
        .executeTakeFirst();
      if (!row) throw new DomainError('NotFound', { target });
      return row;
    },
  };
}
