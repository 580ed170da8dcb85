import { DomainError } from '../../domain/errors.ts';
import type { Actor, Permission } from '../../domain/policy.ts';
import { can } from '../../domain/policy.ts';
import type { Repositories } from '../store/index.ts';
import type { LockedNomination } from '../store/nominations.ts';

export type PartnerActor = Extract<Actor, { kind: 'partnerUser' }>;

/** Partner-side use cases only: an operator (or anyone else) is refused outright. */
export function partnerActor(actor: Actor): PartnerActor {
  if (actor.kind !== 'partnerUser') throw new DomainError('Forbidden');
  return actor;
}

/**
 * Locks a record of the actor's partner for a change. A record of another partner, or one the actor
 * may not `view`, is the same 404 as a missing id (quality §3.1); one it may see but not `act` on
 * is a 403.
 */
export async function lockOwnRecord(
  tx: Repositories,
  actor: PartnerActor,
  nominationId: string,
  permissions: { view: Permission; act: Permission },
): Promise<LockedNomination> {
  const record = await tx.nominations.lock({ partnerId: actor.partnerId }, nominationId);
  const target = record ? { partnerId: record.partnerId, locationId: record.locationId } : null;
  if (!record || !target || !can(actor, permissions.view, target))
    throw new DomainError('NotFound', { target: 'nominationId' });
  if (!can(actor, permissions.act, target))
    throw new DomainError('Forbidden', { params: { permission: permissions.act } });
  return record;
}
