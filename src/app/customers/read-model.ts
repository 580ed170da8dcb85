import { sql } from 'kysely';
import { type CustomerCriterion, customerEligibility, ineligibleReason } from '../../domain/eligibility.ts';
import { CONSENTED_STATUSES, countdownOf, LIVE_STATUSES } from '../../domain/lifecycle-sets.ts';
import { type NominationStatus, TAB_OF_STATUS } from '../../domain/status.ts';
import type { Trx } from '../ports.ts';

// The one function that derives the Customers page's rows (table customer_rows) from the base tables.
// Every use case that changes a nomination, a partner's known customers, an engagement's criteria or a
// tenant's attributes calls it for the affected scope, inside its own transaction.

export interface RefreshScope {
  partnerId: string;
  engagementIds?: readonly string[];
  tenantIds?: readonly string[];
}

const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');
const REVIEW_STATES = new Set(['claim_submitted', 'under_review', 'action_required', 'disputed']);
const CHUNK = 1000;

const reasonCode = {
  criteria_not_met: 'criteriaNotMet',
  consented_to_other_partner: 'consentedToOtherPartner',
  completed_with_other_partner: 'completedWithOtherPartner',
} as const;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function refreshCustomerRows(trx: Trx, scope: RefreshScope, now: Date): Promise<number> {
  let engagementQuery = trx
    .selectFrom('engagements')
    .select(['id', 'customer_criteria'])
    .where('kind', '=', 'workshop');
  if (scope.engagementIds) {
    if (scope.engagementIds.length === 0) return 0;
    engagementQuery = engagementQuery.where('id', 'in', [...scope.engagementIds]);
  }
  const engagements = await engagementQuery.execute();
  if (engagements.length === 0) return 0;
  const engagementIds = engagements.map((e) => e.id);
  const tenantFilter = scope.tenantIds ? [...scope.tenantIds] : null;
  if (tenantFilter && tenantFilter.length === 0) return 0;

  // The partner's records (all engagements: they also define who the partner knows, R4/R18).
  let nominationQuery = trx
    .selectFrom('nominations as n')
    .leftJoin('workshop_claims as c', 'c.nomination_id', 'n.id')
    // The current consent request (at most one per record: unique index consent_requests_current).
    .leftJoin('consent_requests as cr', (join) =>
      join.onRef('cr.nomination_id', '=', 'n.id').on('cr.voided_at', 'is', null),
    )
    .select([
      'n.id',
      'n.engagement_id',
      'n.tenant_id',
      'n.location_id',
      'n.origin',
      'n.status',
      'n.consent_due_at',
      'n.claim_due_at',
      'n.review_due_at',
      'n.dispute_due_at',
      'n.updated_at',
      'c.id as claim_id',
      'cr.email_status as consent_email',
    ])
    .where('n.partner_id', '=', scope.partnerId);
  if (tenantFilter) nominationQuery = nominationQuery.where('n.tenant_id', 'in', tenantFilter);
  const nominations = await nominationQuery.execute();

  const known = new Set<string>();
  const current = new Map<string, (typeof nominations)[number]>();
  for (const n of nominations) {
    // R30: an added customer whose consent was declined or expired is no longer known through that record.
    if (!(n.origin === 'add' && (n.status === 'consent_declined' || n.status === 'consent_expired')))
      known.add(n.tenant_id);
    const key = `${n.engagement_id}|${n.tenant_id}`;
    const live = (LIVE_STATUSES as readonly string[]).includes(n.status);
    const previous = current.get(key);
    if (live) current.set(key, n);
    else if (
      n.status === 'superseded' &&
      !(previous && (LIVE_STATUSES as readonly string[]).includes(previous.status))
    )
      current.set(key, n);
  }
  const tenantIds = [...new Set([...known, ...[...current.values()].map((n) => n.tenant_id)])];

  // Delete the scope first, then write what the base tables say now.
  let del = trx
    .deleteFrom('customer_rows')
    .where('partner_id', '=', scope.partnerId)
    .where('engagement_id', 'in', engagementIds);
  if (tenantFilter) del = del.where('tenant_id', 'in', tenantFilter);
  await del.execute();
  if (tenantIds.length === 0) return 0;

  const tenants = new Map<
    string,
    {
      name: string;
      tpid: number | null;
      country: string | null;
      segment: string | null;
      seats: number | null;
      products: string[];
      domain: string | null;
    }
  >();
  const others = new Map<string, { consented: boolean; completed: boolean }>();
  for (const ids of chunks(tenantIds)) {
    const rows = await trx
      .selectFrom('tenants as t')
      .select(['t.id', 't.name', 't.tpid', 't.country', 't.segment', 't.seats', 't.products'])
      .select((eb) =>
        eb
          .selectFrom('tenant_domains as d')
          .select((e) => e.fn.min('d.domain').as('d'))
          .whereRef('d.tenant_id', '=', 't.id')
          .as('domain'),
      )
      .where('t.id', 'in', ids)
      .execute();
    for (const t of rows) tenants.set(t.id, { ...t, domain: t.domain ?? null });
    // Other partners' consent and completions (never who: R7 tenant isolation).
    const taken = await trx
      .selectFrom('nominations')
      .select(['engagement_id', 'tenant_id', 'status'])
      .where('tenant_id', 'in', ids)
      .where('engagement_id', 'in', engagementIds)
      .where('partner_id', '!=', scope.partnerId)
      .where('status', 'in', [...CONSENTED_STATUSES])
      .execute();
    for (const o of taken) {
      const key = `${o.engagement_id}|${o.tenant_id}`;
      const entry = others.get(key) ?? { consented: false, completed: false };
      entry.consented = true;
      if (o.status === 'approved') entry.completed = true;
      others.set(key, entry);
    }
  }

  const rows: Record<string, unknown>[] = [];
  for (const engagement of engagements) {
    const criteria = (engagement.customer_criteria ?? []) as unknown as CustomerCriterion[];
    for (const tenantId of tenantIds) {
      const tenant = tenants.get(tenantId);
      if (!tenant) continue;
      const key = `${engagement.id}|${tenantId}`;
      const record = current.get(key);
      const base = {
        partner_id: scope.partnerId,
        engagement_id: engagement.id,
        tenant_id: tenantId,
        name: tenant.name,
        sort_name: tenant.name.toLowerCase(),
        tpid: tenant.tpid,
        domain: tenant.domain,
        refreshed_at: now,
      };
      if (record) {
        const status = record.status as NominationStatus;
        const deadlines = {
          consentDueAt: record.consent_due_at,
          claimDueAt: record.claim_due_at,
          reviewDueAt: record.review_due_at,
          disputeDueAt: record.dispute_due_at,
        };
        const tab = TAB_OF_STATUS[status];
        if (tab === 'hidden') continue;
        const countdown = countdownOf(status, now, deadlines);
        const validUntil =
          status === 'claimed' || status === 'consent_pending'
            ? record.consent_due_at
            : status === 'active'
              ? record.claim_due_at
              : status === 'rejected'
                ? record.dispute_due_at
                : REVIEW_STATES.has(status)
                  ? record.review_due_at
                  : null;
        rows.push({
          ...base,
          nomination_id: record.id,
          location_id: record.location_id,
          tab,
          status,
          reason: status === 'superseded' ? 'consentedToOtherPartner' : null,
          failed_criteria: null,
          countdown: countdown?.kind ?? (REVIEW_STATES.has(status) ? 'review' : null),
          due_at: countdown?.due ?? (REVIEW_STATES.has(status) ? record.review_due_at : null),
          sort_due: countdown?.due ?? (REVIEW_STATES.has(status) ? record.review_due_at : null) ?? FAR_FUTURE,
          valid_until: validUntil,
          claim_id: record.claim_id ?? null,
          consent_email: status === 'consent_pending' ? (record.consent_email ?? null) : null,
        });
        continue;
      }
      if (!known.has(tenantId)) continue;
      const other = others.get(key);
      const reason = ineligibleReason({
        completedWithOtherPartner: other?.completed ?? false,
        consentedToOtherPartner: other?.consented ?? false,
        customer: customerEligibility(tenant, criteria),
      });
      rows.push({
        ...base,
        nomination_id: null,
        location_id: null,
        tab: reason ? 'ineligible' : 'eligible',
        status: 'candidate',
        reason: reason ? reasonCode[reason.code] : null,
        failed_criteria: reason?.code === 'criteria_not_met' ? reason.failed : null,
        countdown: null,
        due_at: null,
        sort_due: FAR_FUTURE,
        valid_until: null,
        claim_id: null,
        consent_email: null,
      });
    }
  }
  // One JSON parameter per batch instead of ~20 bind parameters per row (the sweep writes thousands).
  for (const batch of chunks(rows, 2000))
    await sql`insert into customer_rows
      select * from jsonb_populate_recordset(null::customer_rows, ${JSON.stringify(batch)}::jsonb)`.execute(
      trx,
    );
  return rows.length;
}

/** Every partner that knows any of these tenants (their Ineligible reasons may change with another partner's consent). */
export async function partnersKnowing(trx: Trx, tenantIds: readonly string[]): Promise<string[]> {
  if (tenantIds.length === 0) return [];
  const rows = await trx
    .selectFrom('nominations')
    .select('partner_id')
    .distinct()
    .where('tenant_id', 'in', [...tenantIds])
    .execute();
  return rows.map((r) => r.partner_id);
}
