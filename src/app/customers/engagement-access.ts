import { WORKSHOP_KIND } from '../../domain/eligibility.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Actor, hasAnyIncentiveRole } from '../../domain/policy.ts';
import type { Trx } from '../ports.ts';

/**
 * R1 + R2: the Customers page needs an incentive role on some location, and exists only for workshop
 * engagements; any other kind is a clear 404-style NotAvailableForEngagement.
 */
export async function requireCustomersPage(db: Trx, actor: Actor, engagementId: string) {
  requireIncentiveRole(actor);
  const engagement = await engagementFacts(db, engagementId);
  if (!engagement) throw new DomainError('NotFound', { target: 'engagementId' });
  if (engagement.kind !== WORKSHOP_KIND)
    throw new DomainError('NotAvailableForEngagement', { target: 'engagementId' });
  return engagement;
}

export function requireIncentiveRole(actor: Actor): void {
  if (actor.kind !== 'partnerUser') throw new DomainError('Forbidden');
  if (!hasAnyIncentiveRole(actor)) throw new DomainError('NoIncentiveRole');
}

export function engagementFacts(db: Trx, engagementId: string) {
  return db
    .selectFrom('engagements')
    .select(['id', 'kind', 'availability', 'name'])
    .where('id', '=', engagementId)
    .executeTakeFirst();
}
