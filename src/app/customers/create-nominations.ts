import type { CreateNominationsRequest, Nomination } from '../../contracts/nominations.ts';
import { DomainError, type ErrorDetail } from '../../domain/errors.ts';
import { open } from '../../domain/lifecycle.ts';
import type { Actor } from '../../domain/policy.ts';
import { audit } from '../audit.ts';
import { idempotent } from '../idempotency.ts';
import { newId } from '../ids.ts';
import type { AppContext, Trx } from '../ports.ts';
import { partnerScope } from '../scope.ts';
import { workshopVerdicts } from './customer-facts.ts';
import { actingLocation, resolveCustomer } from './lookup-customer.ts';
import { loadNominations } from './nomination-view.ts';
import { refreshCustomerRows } from './read-model.ts';

const isUniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/**
 * R9–R22: one record per selected workshop, in one transaction, each `claimed` with its consent
 * deadline from the workshop's window (R24). Every check is made again inside the transaction on the
 * base tables; the partial unique index is the last word on duplicates (R9).
 */
export async function createNominations(
  ctx: AppContext,
  actor: Actor,
  input: CreateNominationsRequest,
  idempotencyKey: string | undefined,
) {
  if (actor.kind !== 'partnerUser') throw new DomainError('Forbidden');
  const now = ctx.clock.now();
  // Access first (an unknown or foreign location is a 404 before anything about the customer is said);
  // checked again inside the transaction, which is what counts.
  const permission = input.origin === 'add' ? 'customers.add' : 'customers.claim';
  await actingLocation(ctx.db, actor, input.locationId, permission);
  // The directory may be a network call: resolve before the transaction (nothing is written yet).
  const lookup =
    input.origin === 'add'
      ? await resolveCustomer(ctx, {
          email: input.email,
          tenantId: input.tenantId,
          tpid: input.tpid,
        })
      : null;
  if (lookup && input.origin === 'add' && !lookup.domainMatches && !input.mismatchReason)
    throw new DomainError('MismatchReasonRequired', { target: 'mismatchReason' });

  try {
    return await idempotent<{ value: Nomination[] }>(
      ctx.db,
      { scope: `partner:${actor.partnerId}`, key: idempotencyKey, fingerprintOf: input, now },
      async (trx) => {
        const location = await actingLocation(
          trx,
          actor,
          input.locationId,
          input.origin === 'add' ? 'customers.add' : 'customers.claim',
        );
        const tenantId = lookup
          ? lookup.tenant.id
          : await verifyKnownCustomer(trx, actor, input.origin === 'claim' ? input.customerId : '');
        const verdicts = await workshopVerdicts(trx, {
          partnerId: actor.partnerId,
          location,
          tenantId,
          engagementIds: input.engagementIds,
        });
        const ids: string[] = [];
        for (const [index, engagementId] of input.engagementIds.entries()) {
          const target = `engagementIds[${index}]`;
          const v = verdicts.find((x) => x.engagementId === engagementId);
          if (!v) throw new DomainError('NotFound', { target });
          if (v.availability !== 'active') throw new DomainError('EngagementNotActive', { target });
          if (v.hasLiveRecord) throw new DomainError('AlreadyNominated', { target });
          if (input.origin === 'add' && v.known) throw new DomainError('UseClaimCustomer', { target });
          const details: ErrorDetail[] = [
            ...v.locationReasons.map((r) => ({
              code: `partnerReason.${r.code}`,
              target,
              // The reason's own facts (e.g. availability, countries) fill its sentence.
              params: Object.fromEntries(
                Object.entries(r)
                  .filter(([k]) => k !== 'code')
                  .map(([k, value]) => [k, Array.isArray(value) ? value.join(', ') : value]),
              ),
            })),
            ...(v.customerReason ? [{ code: `ineligible.${v.customerReason.code}`, target }] : []),
          ];
          if (details.length) throw new DomainError('CustomerNotEligible', { target, details });
          const opened = open(input.origin, now, {
            consentDays: v.windows.consentDays,
            claimDays: 90,
            reviewDays: 120,
            disputeDays: 30,
          });
          const id = newId();
          await trx
            .insertInto('nominations')
            .values({
              id,
              partner_id: actor.partnerId,
              location_id: location.id,
              engagement_id: engagementId,
              tenant_id: tenantId,
              origin: input.origin,
              status: opened.status,
              customer_email: input.origin === 'add' ? input.email.toLowerCase() : null,
              mismatch_reason: input.origin === 'add' ? (input.mismatchReason ?? null) : null,
              created_by: actor.userId,
              claimed_at: opened.claimedAt,
              consent_due_at: opened.consentDueAt,
              updated_at: now,
            })
            .execute();
          await audit(trx, {
            actor: { kind: 'partnerUser', id: actor.userId },
            action: input.origin === 'add' ? 'addCustomer' : 'claimCustomer',
            at: now,
            partnerId: actor.partnerId,
            nominationId: id,
            toStatus: opened.status,
            data:
              input.origin === 'add' && lookup
                ? { resolvedBy: lookup.resolvedBy, domainMatches: lookup.domainMatches }
                : {},
          });
          ids.push(id);
        }
        // The customer is now known to this partner on every workshop (R4/R18).
        await refreshCustomerRows(trx, { partnerId: actor.partnerId, tenantIds: [tenantId] }, now);
        return { status: 201, body: { value: await loadNominations(trx, ids, now) } };
      },
    );
  } catch (error) {
    // Two different requests racing for the same customer: the unique index decides (R9).
    if (isUniqueViolation(error)) throw new DomainError('AlreadyNominated');
    throw error;
  }
}

/** R18/R19: only a customer this partner already knows can be claimed; anything else is a 404. */
async function verifyKnownCustomer(
  trx: Trx,
  actor: Extract<Actor, { kind: 'partnerUser' }>,
  customerId: string,
): Promise<string> {
  const known = await partnerScope(trx, actor)
    .nominations()
    .select('tenant_id')
    .where('tenant_id', '=', customerId)
    .where((eb) =>
      eb.not(eb.and([eb('origin', '=', 'add'), eb('status', 'in', ['consent_declined', 'consent_expired'])])),
    )
    .limit(1)
    .executeTakeFirst();
  if (!known) throw new DomainError('NotFound', { target: 'customerId' });
  return known.tenant_id;
}
