import type { IneligibleReasonCode, PartnerIneligibility } from '../../domain/eligibility.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/policy.ts';
import type { AppContext } from '../ports.ts';
import {
  actingLocation,
  type CustomerInput,
  resolveTenant,
  selectableForAdd,
  verdictsFrom,
} from './add-or-claim.ts';
import { requireCustomersPage } from './engagement-access.ts';

export interface LookupInput extends CustomerInput {
  engagementId: string;
  locationId: string;
}

/** Why a workshop cannot be chosen: the location's reasons, the customer's, or a record already there. */
export type WorkshopObstacle =
  | PartnerIneligibility
  | { code: IneligibleReasonCode }
  | { code: 'alreadyNominated' }
  | { code: 'useClaimCustomer' };

/**
 * Step 1 of Add customer (R12–R15): which tenant the customer is, whether the email's domain belongs
 * to it, and for every workshop whether it can be chosen and why not. Nothing is written.
 */
export async function lookupCustomer(ctx: AppContext, actor: Actor, input: LookupInput) {
  await requireCustomersPage(ctx.store, actor, input.engagementId);
  const location = await actingLocation(ctx.store, actor, input.locationId);
  const resolved = await resolveCustomer(ctx, input);
  const scope = { partnerId: location.partnerId };
  const facts = await ctx.store.customerRows.customerFacts(scope, location.id, resolved.tenant.id);
  const verdicts = verdictsFrom(facts, { scope, location });
  return {
    ...resolved,
    workshops: verdicts.map((v) => ({
      engagementId: v.engagementId,
      name: v.name,
      selectable: selectableForAdd(v),
      obstacles: [
        ...v.locationReasons,
        ...(v.customerReason ? [{ code: v.customerReason.code }] : []),
        ...(v.hasLiveRecord ? [{ code: 'alreadyNominated' as const }] : []),
        ...(!v.hasLiveRecord && v.known ? [{ code: 'useClaimCustomer' as const }] : []),
      ] satisfies WorkshopObstacle[],
    })),
  };
}

/** R12–R14 only: the tenant and whether the email's domain belongs to it (no eligibility). */
async function resolveCustomer(ctx: AppContext, input: CustomerInput) {
  const { tenantId, tenant, ...resolved } = await resolveTenant(ctx, input);
  const found = tenant ?? (await ctx.store.directory.tenant(tenantId));
  if (!found) throw new DomainError('TenantNotFound', { target: resolved.target });
  return {
    tenant: found,
    resolvedBy: resolved.resolvedBy,
    domainMatches: resolved.domainMatches,
    mismatchReasonRequired: !resolved.domainMatches,
  };
}
