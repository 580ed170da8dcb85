import { DomainError } from '../../domain/errors.ts';
import { type Actor, requireAccess } from '../../domain/policy.ts';
import type { PartnerActor } from '../lifecycle/own-record.ts';
import type { PartnerScope } from '../store/scope.ts';

// Issue 15 item 2: inviting, deactivating and reactivating colleagues is the Account admin's, within
// their own partner (the permission is `users.manage` in src/domain/policy.ts).
export function requireUsersAdmin(actor: Actor): asserts actor is PartnerActor {
  if (actor.kind !== 'partnerUser') throw new DomainError('Forbidden');
  requireAccess(actor, 'users.manage', { partnerId: actor.partnerId });
}

export const scopeOf = (actor: PartnerActor): PartnerScope => ({ partnerId: actor.partnerId });

export const auditActor = (actor: PartnerActor) => ({ kind: 'partnerUser' as const, id: actor.userId });
