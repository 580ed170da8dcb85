import type { PartnerLocation } from '../../contracts/partner.ts';
import { DomainError } from '../../domain/errors.ts';
import { RUNNING_STATUSES } from '../../domain/lifecycle-sets.ts';
import { type Actor, can } from '../../domain/policy.ts';
import { idempotent, type Stored } from '../idempotency.ts';
import type { PartnerActor } from '../lifecycle/own-record.ts';
import type { AppContext } from '../ports.ts';
import type { LocationEnrolment } from '../store/enrolments.ts';
import type { Repositories } from '../store/index.ts';
import type { PartnerScope } from '../store/scope.ts';

// Enrolment of the partner's locations in the MCI program by its Account admin (R39, issue 15 item 3).
// - Enrol: the program terms must be accepted (acceptTerms true, else 422 TermsNotAccepted). Enrolling a
//   location that is already enrolled changes nothing and answers 200 with it (idempotent, no second
//   audit event, enrolledAt unchanged); a suspended location is refused (409 LocationSuspended: only
//   the program lifts a suspension).
// - Withdraw: only when no record is still running at the location (RUNNING_STATUSES), else 409 naming
//   them (details, one per record, target = the nomination id); withdrawing a location that is not
//   enrolled changes nothing (204).
// Eligibility, the Add wizard's location picker and the engagement summary read the enrolments table on
// every request; the Customers read model (customer_rows) holds nothing derived from enrolment, so
// nothing is refreshed and both take effect at once.

/** The version of the program terms (the text in the web catalogues, `enrolment.terms.*`) accepted. */
const PROGRAM_TERMS_VERSION = '2026-12';

/** At most this many running records are named in a refused withdrawal (the count says how many in all). */
const NAMED_RECORDS = 50;

function requireEnrolmentAdmin(actor: Actor): asserts actor is PartnerActor {
  if (actor.kind !== 'partnerUser' || !can(actor, 'locations.enrol', { partnerId: actor.partnerId })) {
    throw new DomainError('Forbidden', { params: { permission: 'locations.enrol' } });
  }
}

const scopeOf = (actor: PartnerActor): PartnerScope => ({ partnerId: actor.partnerId });

export function toPartnerLocation(l: LocationEnrolment): PartnerLocation {
  return {
    id: l.id,
    mpnId: l.mpnId,
    name: l.name,
    country: l.country,
    enrolled: l.enrolled,
    enrolledAt: l.enrolled && l.enrolledAt ? l.enrolledAt.toISOString() : null,
    enrolledBy: l.enrolled ? l.enrolledBy : null,
  };
}

async function lockOwnLocation(tx: Repositories, scope: PartnerScope, locationId: string) {
  const location = await tx.enrolments.lock(scope, locationId);
  if (!location) throw new DomainError('NotFound', { target: 'locationId' });
  return location;
}

export async function enrolLocation(
  ctx: AppContext,
  actor: Actor,
  input: { locationId: string; acceptTerms: boolean; idempotencyKey: string | undefined },
): Promise<Stored<PartnerLocation>> {
  requireEnrolmentAdmin(actor);
  const scope = scopeOf(actor);
  const now = ctx.clock.now();
  return idempotent<PartnerLocation>(
    ctx.store,
    {
      scope: `partner:${actor.partnerId}`,
      key: input.idempotencyKey,
      fingerprintOf: { op: 'enrolLocation', locationId: input.locationId, acceptTerms: input.acceptTerms },
      now,
    },
    async (tx) => {
      const location = await lockOwnLocation(tx, scope, input.locationId);
      if (input.acceptTerms !== true)
        throw new DomainError('UnprocessableEntity', {
          target: 'acceptTerms',
          details: [{ code: 'TermsNotAccepted', target: 'acceptTerms' }],
        });
      if (location.enrolled) return { status: 200, body: toPartnerLocation(location) };
      if (location.status === 'suspended')
        throw new DomainError('Conflict', {
          target: 'locationId',
          details: [{ code: 'LocationSuspended', target: 'locationId', params: { location: location.name } }],
        });
      await tx.enrolments.enrol(scope, {
        locationId: location.id,
        by: actor.userId,
        at: now,
        termsVersion: PROGRAM_TERMS_VERSION,
      });
      await tx.audit.record({
        actor: { kind: 'partnerUser', id: actor.userId },
        action: 'location.enrol',
        at: now,
        partnerId: actor.partnerId,
        data: {
          locationId: location.id,
          mpnId: location.mpnId,
          from: location.status,
          to: 'enrolled',
          termsAccepted: true,
          termsVersion: PROGRAM_TERMS_VERSION,
        },
      });
      const enrolled = await tx.enrolments.lock(scope, location.id);
      return { status: 200, body: toPartnerLocation(enrolled!) };
    },
  );
}

export async function withdrawLocation(
  ctx: AppContext,
  actor: Actor,
  input: { locationId: string },
): Promise<void> {
  requireEnrolmentAdmin(actor);
  const scope = scopeOf(actor);
  const now = ctx.clock.now();
  await ctx.store.transaction(async (tx) => {
    const location = await lockOwnLocation(tx, scope, input.locationId);
    if (!location.enrolled) return;
    const running = await tx.enrolments.recordsAt(scope, location.id, RUNNING_STATUSES, NAMED_RECORDS + 1);
    if (running.length > 0) {
      const named = running.slice(0, NAMED_RECORDS);
      throw new DomainError('Conflict', {
        target: 'locationId',
        details: [
          {
            code: 'LocationHasRunningRecords',
            target: 'locationId',
            params: {
              location: location.name,
              count: running.length,
              more: running.length > NAMED_RECORDS ? 1 : 0,
            },
          },
          ...named.map((r) => ({
            code: 'RunningRecord',
            target: r.nominationId,
            params: { customer: r.customerName, engagement: r.engagementName, status: r.status },
          })),
        ],
      });
    }
    await tx.enrolments.withdraw(scope, location.id, now);
    await tx.audit.record({
      actor: { kind: 'partnerUser', id: actor.userId },
      action: 'location.withdraw',
      at: now,
      partnerId: actor.partnerId,
      data: { locationId: location.id, mpnId: location.mpnId, from: 'enrolled', to: 'withdrawn' },
    });
  });
}
