import { sql } from 'kysely';
import type { CustomerRow } from '../../../app/store/customer-rows.ts';
import type { PartnerScope } from '../../../app/store/scope.ts';
import type { Q } from './db.ts';

// The write of the Customers page's read model (ADR 0008): the rows derived for some workshops (and
// customers) replace what is stored for them. Issue 12 item 3, "only the rows that changed": a row equal
// to its new derivation is not written at all (no new tuple, no index entries), a changed row is
// updated in place, a new one inserted, and a row no longer derived deleted, all in one statement per
// batch of 2,000 rows (one JSON parameter instead of ~20 bind parameters per row; a sweep writes
// thousands). `refreshed_at` is therefore the moment the row last changed.

const BATCH = 2000;

/** The stored row of a derived one: the columns of customer_rows, in one place. */
function stored(r: CustomerRow) {
  return {
    partner_id: r.partnerId,
    engagement_id: r.engagementId,
    tenant_id: r.tenantId,
    name: r.name,
    sort_name: r.name.toLowerCase(),
    tpid: r.tpid,
    domain: r.domain,
    nomination_id: r.nominationId,
    location_id: r.locationId,
    tab: r.tab,
    status: r.status,
    reason: r.reason,
    failed_criteria: r.failedCriteria,
    countdown: r.countdown,
    due_at: r.dueAt,
    sort_due: r.sortDue,
    valid_until: r.validUntil,
    claim_id: r.claimId,
    consent_email: r.consentEmail,
    refreshed_at: r.refreshedAt,
  };
}

const KEY = ['partner_id', 'engagement_id', 'tenant_id'];
const list = (prefix: string, columns: string[]) => columns.map((c) => `${prefix}${c}`).join(', ');
let upsert: ReturnType<typeof sql.raw> | undefined;
/** Insert, or update a row whose content differs; `refreshed_at` only records when that last happened. */
function upsertOf(sample: ReturnType<typeof stored>) {
  const content = Object.keys(sample).filter((c) => !KEY.includes(c) && c !== 'refreshed_at');
  upsert ??= sql.raw(`on conflict (${KEY.join(', ')}) do update
    set (${list('', content)}, refreshed_at) = (${list('excluded.', content)}, excluded.refreshed_at)
    where (${list('customer_rows.', content)}) is distinct from (${list('excluded.', content)})`);
  return upsert;
}

/** Replaces the scope's rows (these workshops; these customers only when given) with `rows`. */
export async function replaceCustomerRows(
  db: Q,
  scope: PartnerScope,
  engagementIds: readonly string[],
  tenantIds: readonly string[] | null,
  rows: readonly CustomerRow[],
): Promise<void> {
  if (engagementIds.length === 0 || (tenantIds && tenantIds.length === 0)) return;
  // The rows of this replacement that are not derived any more, found by the keys of every batch.
  const gone = sql`delete from customer_rows r
    where r.partner_id = ${scope.partnerId}
      and r.engagement_id = any(${sql.val([...engagementIds])}::uuid[])
      ${tenantIds ? sql`and r.tenant_id = any(${sql.val([...tenantIds])}::uuid[])` : sql``}
      and not exists (select 1 from unnest(${sql.val(rows.map((x) => x.engagementId))}::uuid[],
                                           ${sql.val(rows.map((x) => x.tenantId))}::uuid[]) k(engagement_id, tenant_id)
                      where k.engagement_id = r.engagement_id and k.tenant_id = r.tenant_id)`;
  if (rows.length === 0) {
    await gone.execute(db);
    return;
  }
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map(stored);
    const json = JSON.stringify(batch);
    // The delete and the upsert touch disjoint keys, so one statement (one snapshot) does both.
    await sql`${i === 0 ? sql`with gone as (${gone}) ` : sql``}insert into customer_rows
      select * from jsonb_populate_recordset(null::customer_rows, ${json}::jsonb)
      ${upsertOf(batch[0]!)}`.execute(db);
  }
}
