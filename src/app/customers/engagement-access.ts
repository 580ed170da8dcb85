import { WORKSHOP_KIND } from '../../domain/eligibility.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Actor, hasAnyIncentiveRole } from '../../domain/policy.ts';
import type { Repositories } from '../store/index.ts';

/**
 * R1 + R2: the Customers page needs an incentive role on some location, and exists only for workshop
 * engagements; any other kind is a clear 404-style NotAvailableForEngagement.
 */
export async function requireCustomersPage(tx: Repositories, actor: Actor, engagementId: string) {
  requireIncentiveRole(actor);
  const engagement = await tx.engagements.get(engagementId);
  if (!engagement) throw new DomainError('NotFound', { target: 'engagementId' });
  if (engagement.kind !== WORKSHOP_KIND)
    throw new DomainError('NotAvailableForEngagement', { target: 'engagementId' });
  return engagement;
}

export function requireIncentiveRole(actor: Actor): asserts actor is Extract<Actor, { kind: 'partnerUser' }> {
  if (actor.kind !== 'partnerUser') throw new DomainError('Forbidden');
  if (!hasAnyIncentiveRole(actor)) throw new DomainError('NoIncentiveRole');
}
