import { type QueryCreator, sql } from 'kysely';
import type {
  LockedNomination,
  NewNomination,
  NominationRepository,
} from '../../../app/store/nominations.ts';
import type { Scope } from '../../../app/store/scope.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { NominationRecord, Windows } from '../../../domain/lifecycle.ts';
import { BEFORE_CONSENT, ENDINGS_THAT_RETURN_THE_CUSTOMER } from '../../../domain/lifecycle-sets.ts';
import type { StampColumn } from '../../../domain/transitions.ts';
import type { Database } from '../schema.ts';
import { auditValues } from './audit.ts';
import type { Q } from './db.ts';

// The lifecycle's SQL: one lock, one conditional update, and the record as decide() reads it.

/** A record's own columns as decide() reads them (the sweeps lock the same, without the windows). */
export const RECORD_COLUMNS = [
  'n.id',
  'n.partner_id',
  'n.location_id',
  'n.engagement_id',
  'n.tenant_id',
  'n.origin',
  'n.status',
  'n.claimed_at',
  'n.consent_due_at',
  'n.consented_at',
  'n.claim_due_at',
  'n.review_due_at',
  'n.first_submitted_at',
  'n.rejected_at',
  'n.dispute_due_at',
  'n.disputed_at',
] as const;

const LIFECYCLE_COLUMNS = [
  ...RECORD_COLUMNS,
  'e.consent_window_days',
  'e.claim_window_days',
  'e.review_window_days',
  'e.dispute_window_days',
] as const;

const STAMP_COLUMN: Record<StampColumn, string> = {
  consentedAt: 'consented_at',
  claimDueAt: 'claim_due_at',
  reviewDueAt: 'review_due_at',
  firstSubmittedAt: 'first_submitted_at',
  submittedAt: 'submitted_at',
  rejectedAt: 'rejected_at',
  disputeDueAt: 'dispute_due_at',
  disputedAt: 'disputed_at',
  endedAt: 'ended_at',
};

/** The one query that loads a record for a change (checked in: sql/nominations.lock.sql). */
/**
 * The record, locked for its transition. FOR NO KEY UPDATE, not FOR UPDATE: a transition never changes
 * the record's id, so another transaction may still insert rows that reference it (the Customers
 * page's rows, audit events) instead of waiting for this one, which would deadlock with the
 * customer's lock of the read model (repositories/customer-rows.ts, lockCustomers).
 */
export const lockQuery = (db: Q, scope: Scope, id: string) => {
  let query = db
    .selectFrom('nominations as n')
    .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
    .select(LIFECYCLE_COLUMNS)
    .where('n.id', '=', id);
  if (scope.partnerId !== null) query = query.where('n.partner_id', '=', scope.partnerId);
  return query.forNoKeyUpdate('n');
};

type LifecycleRow = Awaited<ReturnType<ReturnType<typeof lockQuery>['executeTakeFirstOrThrow']>>;

/** The one mapping from a row to the record decide() reads. */
export function toLocked(r: LifecycleRow): LockedNomination {
  const windows: Windows = {
    consentDays: r.consent_window_days,
    claimDays: r.claim_window_days,
    reviewDays: r.review_window_days,
    disputeDays: r.dispute_window_days,
  };
  const record: NominationRecord = {
    status: r.status,
    origin: r.origin,
    claimedAt: r.claimed_at,
    consentDueAt: r.consent_due_at,
    consentedAt: r.consented_at,
    claimDueAt: r.claim_due_at,
    reviewDueAt: r.review_due_at,
    firstSubmittedAt: r.first_submitted_at,
    rejectedAt: r.rejected_at,
    disputeDueAt: r.dispute_due_at,
    disputedAt: r.disputed_at,
    windows,
  };
  return {
    ...record,
    id: r.id,
    partnerId: r.partner_id,
    locationId: r.location_id,
    engagementId: r.engagement_id,
    tenantId: r.tenant_id,
  };
}

/** The conditional update of a transition (checked in: sql/nominations.transition.sql). */
export const transitionQuery = (
  db: QueryCreator<Database>,
  id: string,
  write: Parameters<NominationRepository['transition']>[1],
) => {
  const stamps = Object.fromEntries(
    Object.entries(write.stamps).map(([column, value]) => [STAMP_COLUMN[column as StampColumn], value]),
  );
  return db
    .updateTable('nominations')
    .set((eb) => ({ ...stamps, status: write.to, updated_at: write.at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', write.from);
};

/** Inserts new records (checked in: sql/nominations.insert.sql). */
export const insertQuery = (db: QueryCreator<Database>, rows: readonly NewNomination[]) =>
  db.insertInto('nominations').values(
    rows.map((n) => ({
      id: n.id,
      partner_id: n.partnerId,
      location_id: n.locationId,
      engagement_id: n.engagementId,
      tenant_id: n.tenantId,
      origin: n.origin,
      status: n.status,
      customer_email: n.customerEmail,
      mismatch_reason: n.mismatchReason,
      created_by: n.createdBy,
      claimed_at: n.claimedAt,
      consent_due_at: n.consentDueAt,
      updated_at: n.claimedAt,
    })),
  );

export function nominationRepository(db: Q): NominationRepository {
  return {
    async lock(scope, id) {
      const row = await lockQuery(db, scope, id).executeTakeFirst();
      return row ? toLocked(row) : undefined;
    },

    async lockRivals(winner) {
      const rows = await db
        .selectFrom('nominations as n')
        .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
        .select(LIFECYCLE_COLUMNS)
        .where('n.engagement_id', '=', winner.engagementId)
        .where('n.tenant_id', '=', winner.tenantId)
        .where('n.id', '!=', winner.id)
        .where('n.status', 'in', [...BEFORE_CONSENT])
        .orderBy('n.id')
        .forNoKeyUpdate('n')
        .execute();
      return rows.map(toLocked);
    },

    async transition(id, write, audit) {
      if (!audit) {
        const result = await transitionQuery(db, id, write).executeTakeFirst();
        return Number(result.numUpdatedRows) === 1;
      }
      // Issue 12 item 3: the change and its audit event in one statement; the event is written only
      // when the conditional update moved the record (the row typed by the table's own record type).
      const values = auditValues(audit);
      const columns = Object.keys(values) as (keyof typeof values)[];
      const row = JSON.stringify({ ...values, data: audit.data ?? {} });
      const result = await db
        .with('moved', (qc) => transitionQuery(qc, id, write).returning('id'))
        .insertInto('audit_events')
        .columns(columns)
        .expression(
          sql`select ${sql.join(columns.map((c) => sql.ref(`a.${c}`)))}
                from moved, jsonb_populate_record(null::audit_events, ${row}::jsonb) a`,
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows) === 1;
    },

    async insert(rows, audit = []) {
      if (rows.length === 0) return;
      // Issue 12 item 3: the records and their audit events in one statement (the audit rows' foreign
      // key is checked at its end, when the records exist).
      const query = audit.length
        ? db
            .with('inserted', (qc) => insertQuery(qc, rows))
            .insertInto('audit_events')
            .values(audit.map(auditValues))
        : insertQuery(db, rows);
      await query.execute().catch((error: unknown) => {
        // Two requests racing for the same customer: the one-live-record index decides (R9).
        if ((error as { code?: string }).code === '23505') throw new DomainError('AlreadyNominated');
        throw error;
      });
    },

    async lockCustomerAndEngagement(nominationId) {
      // One statement: the record's customer and engagement, and every record of theirs locked in id order.
      await db
        .selectFrom('nominations as n')
        .innerJoin('nominations as o', (join) =>
          join.onRef('o.engagement_id', '=', 'n.engagement_id').onRef('o.tenant_id', '=', 'n.tenant_id'),
        )
        .select('n.id')
        .where('o.id', '=', nominationId)
        .orderBy('n.id')
        .modifyEnd(sql`for no key update of n`)
        .execute();
    },

    async fixPayoutAtConsent(id) {
      await sql`
        update nominations n
           set payout_market = m.market, payout_amount_minor = r.amount_minor, payout_currency = e.currency
          from tenants t, markets m, engagement_rates r, engagements e
         where n.id = ${id} and t.id = n.tenant_id and m.country = t.country
           and e.id = n.engagement_id and r.engagement_id = e.id and r.market = m.market`.execute(db);
    },

    async markConsentRequested(id, at) {
      await db.updateTable('nominations').set({ consent_requested_at: at }).where('id', '=', id).execute();
    },

    async recordsOfCustomer(tenantId) {
      const rows = await db
        .selectFrom('nominations')
        .select(['partner_id', 'engagement_id', 'origin', 'status'])
        .where('tenant_id', '=', tenantId)
        .execute();
      return rows.map((r) => ({
        partnerId: r.partner_id,
        engagementId: r.engagement_id,
        origin: r.origin,
        status: r.status,
      }));
    },

    async knowsCustomer(scope, tenantId) {
      const known = await db
        .selectFrom('nominations')
        .select('id')
        .where('partner_id', '=', scope.partnerId)
        .where('tenant_id', '=', tenantId)
        // R30: an added customer whose consent ended without consent is not known through that record.
        .where((eb) =>
          eb.not(
            eb.and([eb('origin', '=', 'add'), eb('status', 'in', [...ENDINGS_THAT_RETURN_THE_CUSTOMER])]),
          ),
        )
        .limit(1)
        .executeTakeFirst();
      return known !== undefined;
    },

    async partnersKnowing(tenantIds) {
      if (tenantIds.length === 0) return [];
      const rows = await db
        .selectFrom('nominations')
        .select('partner_id')
        .distinct()
        .where('tenant_id', 'in', [...tenantIds])
        .execute();
      return rows.map((r) => r.partner_id);
    },

    async details(scope, ids) {
      if (ids.length === 0) return [];
      let query = db
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
        ])
        .where('n.id', 'in', [...ids]);
      if (scope.partnerId !== null) query = query.where('n.partner_id', '=', scope.partnerId);
      const rows = await query.execute();
      return rows.map((r) => ({
        id: r.id,
        partnerId: r.partner_id,
        locationId: r.location_id,
        origin: r.origin,
        status: r.status,
        customerEmail: r.customer_email,
        mismatchReason: r.mismatch_reason,
        claimedAt: r.claimed_at,
        consentDueAt: r.consent_due_at,
        claimDueAt: r.claim_due_at,
        reviewDueAt: r.review_due_at,
        disputeDueAt: r.dispute_due_at,
        engagement: { id: r.engagement_id, name: r.engagement_name },
        location: { id: r.location_id, mpnId: r.mpn_id, name: r.location_name },
        customer: { tenantId: r.tenant_id, name: r.tenant_name, tpid: r.tpid, domains: r.tenant_domains },
      }));
    },
  };
}
