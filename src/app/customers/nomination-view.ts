import { sql } from 'kysely';
import type { Nomination } from '../../contracts/nominations.ts';
import { DomainError } from '../../domain/errors.ts';
import { countdownOf, typeOf } from '../../domain/lifecycle-sets.ts';
import { type Actor, can } from '../../domain/policy.ts';
import type { NominationStatus } from '../../domain/status.ts';
import type { Trx } from '../ports.ts';
import { partnerScope } from '../scope.ts';

function query(trx: Trx) {
  return trx
    .selectFrom('nominations as n')
    .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
    .innerJoin('locations as l', 'l.id', 'n.location_id')
    .innerJoin('tenants as t', 't.id', 'n.tenant_id')
    .select([
      'n.id',
      'n.partner_id',
      'n.location_id',
      'n.origin',
      'n.status',
      'n.customer_email',
      'n.mismatch_reason',
      'n.claimed_at',
      'n.consent_due_at',
      'n.claim_due_at',
      'n.review_due_at',
      'n.dispute_due_at',
      'e.id as engagement_id',
      'e.name as engagement_name',
      'l.mpn_id',
      'l.name as location_name',
      't.id as tenant_id',
      't.name as tenant_name',
      't.tpid',
      // R34: the consent wizard says which addresses can give consent before anything is sent.
      sql<
        string[]
      >`array(select d.domain from tenant_domains d where d.tenant_id = t.id order by d.domain)`.as(
        'tenant_domains',
      ),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;

function view(r: Row, now: Date): Nomination {
  const status = r.status as NominationStatus;
  const countdown = countdownOf(status, now, {
    consentDueAt: r.consent_due_at,
    claimDueAt: r.claim_due_at,
    reviewDueAt: r.review_due_at,
    disputeDueAt: r.dispute_due_at,
  });
  return {
    id: r.id,
    engagement: { id: r.engagement_id, name: r.engagement_name },
    location: { id: r.location_id, mpnId: r.mpn_id, name: r.location_name },
    customer: { tenantId: r.tenant_id, name: r.tenant_name, tpid: r.tpid, domains: r.tenant_domains },
    origin: r.origin,
    status,
    type: typeOf(status),
    customerEmail: r.customer_email,
    mismatchReason: r.mismatch_reason,
    claimedAt: r.claimed_at.toISOString(),
    consentDueAt: r.consent_due_at.toISOString(),
    claimDueAt: r.claim_due_at ? r.claim_due_at.toISOString() : null,
    daysLeft: countdown?.daysLeft ?? null,
  };
}

export async function loadNominations(trx: Trx, ids: string[], now: Date): Promise<Nomination[]> {
  if (ids.length === 0) return [];
  const rows = await query(trx).where('n.id', 'in', ids).execute();
  return ids.map((id) => view(rows.find((r) => r.id === id)!, now));
}

/** One record, only for users with a role on its location; anything else is the same 404 (quality §3.1). */
export async function getNomination(
  trx: Trx,
  actor: Actor,
  nominationId: string,
  now: Date,
): Promise<Nomination> {
  const scope = partnerScope(trx, actor);
  const row = await query(trx)
    .where('n.partner_id', '=', scope.partnerId)
    .where('n.id', '=', nominationId)
    .executeTakeFirst();
  if (!row || !can(actor, 'customers.view', { partnerId: row.partner_id, locationId: row.location_id }))
    throw new DomainError('NotFound', { target: 'nominationId' });
  return view(row, now);
}

export async function nominationHistory(trx: Trx, actor: Actor, nominationId: string, now: Date) {
  await getNomination(trx, actor, nominationId, now);
  const events = await trx
    .selectFrom('audit_events as a')
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'a.actor_id').on('a.actor_kind', '=', 'partnerUser'),
    )
    .select(['a.created_at', 'a.action', 'a.actor_kind', 'u.display_name', 'a.from_status', 'a.to_status'])
    .where('a.nomination_id', '=', nominationId)
    .orderBy('a.id')
    .execute();
  // Operators and customers are shown by their role only; partner users by name (their own colleagues).
  return events.map((e) => ({
    at: e.created_at.toISOString(),
    action: e.action,
    actor: { kind: e.actor_kind, name: e.display_name ?? null },
    fromStatus: e.from_status,
    toStatus: e.to_status,
  }));
}
