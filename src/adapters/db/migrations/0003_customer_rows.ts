import { type Kysely, sql } from 'kysely';

// The Customers page's read model (spec §3): one row per (partner, engagement, customer) that the page
// shows, derived from the base tables by one function (src/app/customers/read-model.ts) and refreshed in
// the same transaction as every change that affects it. Keyset paging reads it through the indexes
// below, never OFFSET. `valid_until` is the next deadline at which the row's state changes by time; a
// list hides rows past it (the sweep that materialises the end state then rewrites the row).
const statements = [
  `create table customer_rows (
    partner_id uuid not null references partners(id),
    engagement_id uuid not null references engagements(id),
    tenant_id uuid not null references tenants(id),
    nomination_id uuid references nominations(id),
    location_id uuid references locations(id),
    tab text not null check (tab in ('eligible', 'ineligible', 'complete')),
    status text not null,
    reason text check (reason in ('criteriaNotMet', 'consentedToOtherPartner', 'completedWithOtherPartner')),
    failed_criteria jsonb,
    countdown text check (countdown in ('consent', 'claim', 'dispute', 'review')),
    due_at timestamptz,
    -- due_at for sorting by days left: rows without a countdown sort last (keyset needs no NULLs).
    sort_due timestamptz not null,
    valid_until timestamptz,
    name text not null,
    sort_name text not null,
    tpid bigint,
    domain text,
    claim_id uuid,
    refreshed_at timestamptz not null,
    primary key (partner_id, engagement_id, tenant_id)
  )`,
  'create index customer_rows_by_name on customer_rows (partner_id, engagement_id, tab, sort_name, tenant_id)',
  'create index customer_rows_by_due on customer_rows (partner_id, engagement_id, tab, sort_due, tenant_id)',
  'create index customer_rows_by_status on customer_rows (partner_id, engagement_id, tab, status, sort_name, tenant_id)',
  'create index customer_rows_nomination on customer_rows (nomination_id) where nomination_id is not null',
  'create index customer_rows_engagement_tenant on customer_rows (engagement_id, tenant_id)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
