import type { IneligibleReasonCode, PartnerIneligibility } from '../../domain/eligibility.ts';
import { DomainError } from '../../domain/errors.ts';
import { emailDomain } from '../../domain/identifiers.ts';
import { type Actor, can, type Permission } from '../../domain/policy.ts';
import { partnerActor } from '../lifecycle/own-record.ts';
import type { AppContext } from '../ports.ts';
import type { Repositories } from '../store/index.ts';
import type { Location } from '../store/users.ts';
import { selectableForAdd, workshopVerdicts } from './customer-facts.ts';
import { requireCustomersPage } from './engagement-access.ts';

export interface LookupInput {
  engagementId: string;
  locationId: string;
  email: string;
  tenantId?: string | undefined;
  tpid?: number | undefined;
}

/** The location the user acts for: their partner's, with an incentive role on it (R11, R33); else 404. */
export async function actingLocation(
  tx: Repositories,
  actor: Actor,
  locationId: string,
  permission: Permission = 'customers.add',
): Promise<Location> {
  const partner = partnerActor(actor);
  return mayActFor(actor, await tx.users.location({ partnerId: partner.partnerId }, locationId), permission);
}

/** The same rule on a location already loaded (undefined: not this partner's, or none). */
export function mayActFor(actor: Actor, location: Location | undefined, permission: Permission): Location {
  if (!location || !can(actor, permission, { partnerId: location.partnerId, locationId: location.id }))
    throw new DomainError('NotFound', { target: 'locationId' });
  return location;
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
  const verdicts = await workshopVerdicts(ctx.store, {
    scope: { partnerId: location.partnerId },
    location,
    tenantId: resolved.tenant.id,
  });
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
async function resolveCustomer(ctx: AppContext, input: Omit<LookupInput, 'engagementId' | 'locationId'>) {
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

/**
 * Which tenant the input names and whether the email's domain belongs to it, with as few reads as the
 * path needs: the add checks the tenant's existence in its facts statement (`target` names the field a
 * missing tenant is reported on); `tenant` is given when the path has read it anyway.
 */
export async function resolveTenant(
  ctx: AppContext,
  input: Omit<LookupInput, 'engagementId' | 'locationId'>,
) {
  if (!ctx.directory) throw new DomainError('DirectoryUnavailable');
  const domain = emailDomain(input.email);
  if (!domain)
    throw new DomainError('ValidationFailed', {
      target: 'email',
      details: [{ code: 'email', target: 'email' }],
    });

  const resolved = await ctx.directory.resolveDomain(domain);
  if (resolved.kind === 'unavailable') throw new DomainError('DirectoryUnavailable');
  const domainTenant = resolved.kind === 'found' ? resolved.tenantId : undefined;

  if (input.tenantId) {
    const domainMatches = domainTenant === input.tenantId;
    return {
      tenantId: input.tenantId,
      tenant: undefined,
      resolvedBy: 'tenantId' as const,
      domainMatches,
      target: 'tenantId',
    };
  }
  if (input.tpid !== undefined) {
    const underTpid = await ctx.store.directory.tenantsUnderTpid(input.tpid);
    if (underTpid.length === 0) throw new DomainError('TenantNotFound', { target: 'tpid' });
    // The domain's tenant when it is under this TPID; otherwise the TPID's first tenant, with a mismatch.
    const match = underTpid.find((t) => t.id === domainTenant);
    const tenant = match ?? underTpid[0]!;
    return {
      tenantId: tenant.id,
      tenant,
      resolvedBy: 'tpid' as const,
      domainMatches: match !== undefined,
      target: 'tpid',
    };
  }
  if (!domainTenant) throw new DomainError('TenantNotFound', { target: 'email' });
  // Entra discovery may know tenants our directory does not hold attributes for: checked by the caller.
  return {
    tenantId: domainTenant,
    tenant: undefined,
    resolvedBy: 'domain' as const,
    domainMatches: true,
    target: 'email',
  };
}
