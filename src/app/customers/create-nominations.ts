import type { CreateNominationsRequest, Nomination } from '../../contracts/nominations.ts';
import { DomainError, type ErrorDetail } from '../../domain/errors.ts';
import { open } from '../../domain/lifecycle.ts';
import { makesCustomerKnown } from '../../domain/lifecycle-sets.ts';
import type { Actor } from '../../domain/policy.ts';
import { idempotent } from '../idempotency.ts';
import { newId } from '../ids.ts';
import { partnerActor } from '../lifecycle/own-record.ts';
import type { AppContext } from '../ports.ts';
import type { NewNomination } from '../store/nominations.ts';
import { emitWebhookEvents } from '../webhooks/emit.ts';
import { verdictsFrom, type WorkshopVerdict } from './customer-facts.ts';
import { actingLocation, mayActFor, resolveTenant } from './lookup-customer.ts';
import { toNomination } from './nomination-view.ts';
import { refreshCustomerFromFacts } from './read-model.ts';

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
) {
  const partner = partnerActor(actor);
  const scope = { partnerId: partner.partnerId };
  const permission = input.origin === 'add' ? 'customers.add' : 'customers.claim';
  const now = ctx.clock.now();
  // Access first (an unknown or foreign location is a 404 before anything about the customer is said);
  // checked again inside the transaction, which is what counts.
  await actingLocation(ctx.store, actor, input.locationId, permission);
  // The directory may be a network call: resolve before the transaction (nothing is written yet).
  const lookup = input.origin === 'add' ? await resolveTenant(ctx, input) : null;
  if (input.origin === 'add' && lookup && !lookup.domainMatches && !input.mismatchReason)
    throw new DomainError('MismatchReasonRequired', { target: 'mismatchReason' });

  return idempotent<{ value: Nomination[] }>(
    ctx.store,
    { scope: `partner:${scope.partnerId}`, key: idempotencyKey, fingerprintOf: input, now },
    async (tx) => {
      const tenantId = lookup ? lookup.tenantId : input.origin === 'claim' ? input.customerId : '';
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
      await tx.nominations.insert(rows);
      await tx.audit.record(
        ...rows.map((row) => ({
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
      await refreshCustomerFromFacts(tx, scope, { ...facts, tenant }, created, now);
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
