import { DomainError } from '../../domain/errors.ts';
import { emailDomain } from '../../domain/identifiers.ts';
import { type Actor, can, type Permission } from '../../domain/policy.ts';
import type { AppContext, Trx } from '../ports.ts';
import { partnerScope } from '../scope.ts';
import { type WorkshopVerdict, workshopVerdicts } from './customer-facts.ts';
import { requireCustomersPage } from './engagement-access.ts';

export interface LookupInput {
  engagementId: string;
  locationId: string;
  email: string;
  tenantId?: string | undefined;
  tpid?: number | undefined;
}

/** The location the user acts for: theirs (scope), with an incentive role on it (R11, R33). */
export async function actingLocation(
  trx: Trx,
  actor: Actor,
  locationId: string,
  permission: Permission = 'customers.add',
) {
  const location = await partnerScope(trx, actor).verifyLocation(locationId);
  if (!can(actor, permission, { partnerId: location.partner_id, locationId }))
    throw new DomainError('NotFound', { target: 'locationId' });
  const enrolment = await trx
    .selectFrom('enrolments')
    .select('status')
    .where('location_id', '=', locationId)
    .executeTakeFirst();
  return { ...location, enrolled: enrolment?.status === 'enrolled' };
}

/**
 * R12–R14: which tenant the customer is, whether the email's domain belongs to it, and for every
 * workshop whether location and customer are both eligible (R15). Nothing is written.
 */
export async function lookupCustomer(ctx: AppContext, actor: Actor, input: LookupInput) {
  await requireCustomersPage(ctx.db, actor, input.engagementId);
  const location = await actingLocation(ctx.db, actor, input.locationId);
  const resolved = await resolveCustomer(ctx, input);
  const verdicts = await workshopVerdicts(ctx.db, {
    partnerId: location.partner_id,
    location,
    tenantId: resolved.tenant.id,
  });
  return { ...resolved, verdicts, location };
}

/** R12–R14 only: the tenant and whether the email's domain belongs to it (no eligibility). */
export async function resolveCustomer(
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

  let tenant: { id: string; name: string; tpid: number | null } | undefined;
  let resolvedBy: 'domain' | 'tenantId' | 'tpid';
  let domainMatches: boolean;
  if (input.tenantId) {
    resolvedBy = 'tenantId';
    tenant = await ctx.db
      .selectFrom('tenants')
      .select(['id', 'name', 'tpid'])
      .where('id', '=', input.tenantId)
      .executeTakeFirst();
    if (!tenant) throw new DomainError('TenantNotFound', { target: 'tenantId' });
    domainMatches = resolved.kind === 'found' && resolved.tenantId === tenant.id;
  } else if (input.tpid !== undefined) {
    resolvedBy = 'tpid';
    const underTpid = await ctx.db
      .selectFrom('tenants')
      .select(['id', 'name', 'tpid'])
      .where('tpid', '=', input.tpid)
      .orderBy('name')
      .orderBy('id')
      .execute();
    if (underTpid.length === 0) throw new DomainError('TenantNotFound', { target: 'tpid' });
    // The domain's tenant when it is under this TPID; otherwise the TPID's first tenant, with a mismatch.
    const match = resolved.kind === 'found' ? underTpid.find((t) => t.id === resolved.tenantId) : undefined;
    tenant = match ?? underTpid[0]!;
    domainMatches = match !== undefined;
  } else {
    resolvedBy = 'domain';
    if (resolved.kind !== 'found') throw new DomainError('TenantNotFound', { target: 'email' });
    tenant = await ctx.db
      .selectFrom('tenants')
      .select(['id', 'name', 'tpid'])
      .where('id', '=', resolved.tenantId)
      .executeTakeFirst();
    // Entra discovery may know tenants our directory does not hold attributes for.
    if (!tenant) throw new DomainError('TenantNotFound', { target: 'email' });
    domainMatches = true;
  }
  return { tenant, resolvedBy, domainMatches, mismatchReasonRequired: !domainMatches };
}

/** R15: a workshop can be chosen for an add when nothing on either side stands in the way. */
export function selectableForAdd(v: WorkshopVerdict): boolean {
  return v.locationReasons.length === 0 && v.customerReason === null && !v.hasLiveRecord && !v.known;
}

export function selectableForClaim(v: WorkshopVerdict): boolean {
  return v.locationReasons.length === 0 && v.customerReason === null && !v.hasLiveRecord;
}
