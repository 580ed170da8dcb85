import type { CreateNominationsRequest, Nomination } from '../../contracts/nominations.ts';
import {
  customerEligibility,
  ineligibleReason,
  type PartnerIneligibility,
  partnerEligibility,
} from '../../domain/eligibility.ts';
import { DomainError, type ErrorDetail } from '../../domain/errors.ts';
import { emailDomain } from '../../domain/identifiers.ts';
import { open, type Windows } from '../../domain/lifecycle.ts';
import { COMPLETED_STATUS, holdsConsent, isLive, makesCustomerKnown } from '../../domain/lifecycle-sets.ts';
import { type Actor, can, type Permission } from '../../domain/policy.ts';
import { idempotent } from '../idempotency.ts';
import { newId } from '../ids.ts';
import { partnerActor } from '../lifecycle/own-record.ts';
import type { AppContext } from '../ports.ts';
import type { CustomerFacts, PartnerRecord } from '../store/customer-rows.ts';
import type { Repositories } from '../store/index.ts';
import type { NewNomination } from '../store/nominations.ts';
import type { PartnerScope } from '../store/scope.ts';
import type { Location } from '../store/users.ts';
import { emitWebhookEvents } from '../webhooks/emit.ts';
import { currentRecords, deriveCustomerRows } from './derive-rows.ts';
import { toNomination } from './nomination-view.ts';

// Add a customer and claim a customer (spec §4.1, §4.2): who may act for which location, which tenant
// the input names, what stands in the way on each workshop, and the records themselves. The lookup of
// the Add wizard's step 1 (lookup-customer.ts) asks the same questions without writing.

/**
 * R9–R22: one record per selected workshop, in one transaction, each `claimed` with its consent
 * deadline from the workshop's own window (R24). Every check is made again inside the transaction on
 * the base tables; the partial unique index is the last word on duplicates (R9).
 */
export async function createNominations(
  ctx: AppContext,
  actor: Actor,
  input: CreateNominationsRequest,
  idempotencyKey: string | undefined,
  options: { keyKeptForMs?: number } = {},
) {
  const partner = partnerActor(actor);
  const scope = { partnerId: partner.partnerId };
  const permission = input.origin === 'add' ? 'customers.add' : 'customers.claim';
  const now = ctx.clock.now();
  // Access first, from the principal's roles (no statement; issue 12): a location the user holds no
  // role on, another partner's included, is a 404 before anything about the customer is said. The facts
  // inside the transaction confirm that the location is this partner's, which is what counts.
  if (!can(actor, permission, { partnerId: partner.partnerId, locationId: input.locationId }))
    throw new DomainError('NotFound', { target: 'locationId' });
  // The directory may be a network call: resolve before the transaction (nothing is written yet).
  const lookup = input.origin === 'add' ? await resolveTenant(ctx, input) : null;
  if (input.origin === 'add' && lookup && !lookup.domainMatches && !input.mismatchReason)
    throw new DomainError('MismatchReasonRequired', { target: 'mismatchReason' });

  return idempotent<{ value: Nomination[] }>(
    ctx.store,
    {
      scope: `partner:${scope.partnerId}`,
      key: idempotencyKey,
      fingerprintOf: input,
      now,
      keepForMs: options.keyKeptForMs,
    },
    async (tx) => {
      const tenantId = lookup ? lookup.tenantId : input.origin === 'claim' ? input.customerId : '';
      // Before the facts: a concurrent change to this customer's rows commits first or waits (R9 itself
      // is the unique index's; this keeps the rows derived from facts no other change is altering).
      await tx.customerRows.lockCustomers(scope, [tenantId]);
      // Issue 12: one statement reads everything the decision and the refresh need, on the base tables.
      const facts = await tx.customerRows.customerFacts(scope, input.locationId, tenantId);
      const location = mayActFor(actor, facts.location, permission);
      const tenant = facts.tenant;
      if (!tenant)
        throw new DomainError(lookup ? 'TenantNotFound' : 'NotFound', {
          target: lookup?.target ?? 'customerId',
        });
      // R18/R19: only a customer this partner already knows can be claimed; anything else is a 404.
      if (
        input.origin === 'claim' &&
        !facts.records.some((r) => r.partnerId === scope.partnerId && makesCustomerKnown(r))
      )
        throw new DomainError('NotFound', { target: 'customerId' });
      const verdicts = verdictsFrom(facts, { scope, location, engagementIds: input.engagementIds });
      const rows: NewNomination[] = input.engagementIds.map((engagementId, index) => {
        const verdict = verdicts.find((v) => v.engagementId === engagementId);
        refuseUnlessOpen(verdict, input.origin, `engagementIds[${index}]`);
        const opened = open(input.origin, now, verdict!.windows);
        return {
          id: newId(),
          partnerId: scope.partnerId,
          locationId: location.id,
          engagementId,
          tenantId,
          origin: input.origin,
          status: opened.status,
          customerEmail: input.origin === 'add' ? input.email.toLowerCase() : null,
          mismatchReason: input.origin === 'add' ? (input.mismatchReason ?? null) : null,
          createdBy: partner.userId,
          claimedAt: opened.claimedAt,
          consentDueAt: opened.consentDueAt,
        };
      });
      await tx.nominations.insert(
        rows,
        rows.map((row) => ({
          actor: { kind: 'partnerUser' as const, id: partner.userId },
          action: input.origin === 'add' ? 'addCustomer' : 'claimCustomer',
          at: now,
          partnerId: scope.partnerId,
          nominationId: row.id,
          toStatus: row.status,
          data: lookup ? { resolvedBy: lookup.resolvedBy, domainMatches: lookup.domainMatches } : {},
        })),
      );
      // The customer is now known to this partner on every workshop (R4/R18): its rows, from the facts.
      const created = rows.map((row) => ({
        ...row,
        claimDueAt: null,
        reviewDueAt: null,
        disputeDueAt: null,
        claimId: null,
        consentEmail: null,
      }));
      await refreshRowsFromFacts(tx, scope, { ...facts, tenant }, created, now);
      await emitWebhookEvents(
        tx,
        scope.partnerId,
        rows.map((row) => ({
          type: 'nomination.created' as const,
          nominationId: row.id,
          previousStatus: null,
        })),
        now,
      );
      const names = new Map(facts.workshops.map((w) => [w.id, w.name]));
      return {
        status: 201,
        body: {
          value: created.map((row) =>
            toNomination(
              {
                ...row,
                engagement: { id: row.engagementId, name: names.get(row.engagementId)! },
                location: { id: location.id, mpnId: location.mpnId, name: location.name },
                customer: { tenantId, name: tenant.name, tpid: tenant.tpid, domains: tenant.domains },
              },
              now,
            ),
          ),
        },
      };
    },
  );
}

/** R9, R15, §6: why a record cannot be opened on this workshop, as the error the API answers. */
function refuseUnlessOpen(verdict: WorkshopVerdict | undefined, origin: 'add' | 'claim', target: string) {
  if (!verdict) throw new DomainError('NotFound', { target });
  if (verdict.availability !== 'active') throw new DomainError('EngagementNotActive', { target });
  if (verdict.hasLiveRecord) throw new DomainError('AlreadyNominated', { target });
  if (origin === 'add' && verdict.known) throw new DomainError('UseClaimCustomer', { target });
  const details: ErrorDetail[] = [
    ...verdict.locationReasons.map(({ code, ...facts }) => ({
      code: `partnerReason.${code}`,
      target,
      // The reason's own facts (e.g. availability, countries) fill its sentence.
      params: Object.fromEntries(
        Object.entries(facts).map(([k, value]) => [k, Array.isArray(value) ? value.join(', ') : value]),
      ),
    })),
    ...(verdict.customerReason ? [{ code: `ineligible.${verdict.customerReason.code}`, target }] : []),
  ];
  if (details.length) throw new DomainError('CustomerNotEligible', { target, details });
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
function mayActFor(actor: Actor, location: Location | undefined, permission: Permission): Location {
  if (!location || !can(actor, permission, { partnerId: location.partnerId, locationId: location.id }))
    throw new DomainError('NotFound', { target: 'locationId' });
  return location;
}

/** How the customer is named: an email, and optionally a tenant ID or a TPID (R12–R14). */
export interface CustomerInput {
  email: string;
  tenantId?: string | undefined;
  tpid?: number | undefined;
}

/**
 * Which tenant the input names and whether the email's domain belongs to it (R12–R14), with as few
 * reads as the path needs: the add checks the tenant's existence in its facts statement (`target`
 * names the field a missing tenant is reported on); `tenant` is given when the path has read it anyway.
 */
export async function resolveTenant(ctx: AppContext, input: CustomerInput) {
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

/** What decides whether a location may add or claim the customer on one workshop (R9, R15, §6). */
export interface WorkshopVerdict {
  engagementId: string;
  name: string;
  availability: string;
  locationReasons: PartnerIneligibility[];
  customerReason: ReturnType<typeof ineligibleReason>;
  /** R9: a live record of this partner exists for this customer and workshop. */
  hasLiveRecord: boolean;
  /** R9/R18: the partner already knows the customer (add is refused: use Claim customer). */
  known: boolean;
  /** The windows a new record's deadlines are granted from: the engagement's own (§5). */
  windows: Windows;
}

/**
 * R9, R15, §6 for every workshop (or these), from facts read on the base tables (never a derived
 * view, so the check at write time trusts nothing stale): no database here.
 */
export function verdictsFrom(
  facts: CustomerFacts,
  input: { scope: PartnerScope; location: Location; engagementIds?: readonly string[] },
): WorkshopVerdict[] {
  const wanted = input.engagementIds ? new Set(input.engagementIds) : null;
  const workshops = wanted ? facts.workshops.filter((w) => wanted.has(w.id)) : facts.workshops;
  const records = facts.records;
  const tenant = facts.tenant;
  const own = records.filter((r) => r.partnerId === input.scope.partnerId);
  const known = own.some(makesCustomerKnown);
  return workshops.map((w) => {
    const others = records.filter((r) => r.partnerId !== input.scope.partnerId && r.engagementId === w.id);
    return {
      engagementId: w.id,
      name: w.name,
      availability: w.availability,
      locationReasons: partnerEligibility(input.location, w).reasons,
      customerReason: ineligibleReason({
        completedWithOtherPartner: others.some((r) => r.status === COMPLETED_STATUS),
        consentedToOtherPartner: others.some((r) => holdsConsent(r.status)),
        customer: tenant ? customerEligibility(tenant, w.customerCriteria) : { eligible: false, failed: [] },
      }),
      hasLiveRecord: own.some((r) => r.engagementId === w.id && isLive(r.status)),
      known,
      windows: w.windows,
    };
  });
}

/** R15: a workshop can be chosen for an add when nothing on either side stands in the way. */
export function selectableForAdd(v: WorkshopVerdict): boolean {
  return (
    v.availability === 'active' &&
    v.locationReasons.length === 0 &&
    v.customerReason === null &&
    !v.hasLiveRecord &&
    !v.known
  );
}

/**
 * The customer's rows on the Customers page (ADR 0008) for this partner on every workshop, from the
 * facts the transaction has already read and the records it has just created (issue 12: no second
 * load). Equal to `refreshCustomerRows(tx, scope, { tenantIds: [tenant] }, now)` after the inserts.
 */
async function refreshRowsFromFacts(
  tx: Repositories,
  scope: PartnerScope,
  facts: CustomerFacts & { tenant: NonNullable<CustomerFacts['tenant']> },
  created: readonly PartnerRecord[],
  now: Date,
): Promise<void> {
  const own = facts.records.filter((r) => r.partnerId === scope.partnerId);
  const records = currentRecords([...own, ...created]);
  const holds = facts.records
    .filter((r) => r.partnerId !== scope.partnerId && holdsConsent(r.status))
    .map((r) => ({ engagementId: r.engagementId, tenantId: r.tenantId, status: r.status }));
  const rows = deriveCustomerRows({
    partnerId: scope.partnerId,
    workshops: facts.workshops,
    records,
    tenants: records.tenantIds.length ? [facts.tenant] : [],
    holds,
    now,
  });
  await tx.customerRows.replace(
    scope,
    facts.workshops.map((w) => w.id),
    [facts.tenant.id],
    rows,
  );
}
