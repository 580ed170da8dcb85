import { type Kysely, sql } from 'kysely';

// The whole model of the spec in one first migration. Statements are run one by one so that the same
// migration works on PostgreSQL 15 and on PGlite (whose extended protocol takes one statement at a time).
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

// Frozen copies of the domain's status sets at the time of this migration (a migration never changes
// once shipped); test/unit/migration-status-sets.test.ts checks they still equal src/domain/status.ts.
export const LIVE_STATUSES_0001 = [
  'claimed',
  'consent_pending',
  'active',
  'claim_submitted',
  'under_review',
  'action_required',
  'disputed',
  'approved',
  'rejected',
  'rejected_final',
  'not_submitted_expired',
  'post_submission_expired',
  'dispute_expired',
  'cancelled',
] as const;
export const CONSENTED_STATUSES_0001 = [
  'active',
  'claim_submitted',
  'under_review',
  'action_required',
  'disputed',
  'rejected',
  'approved',
] as const;

const statements = [
  // ── Partners, locations, enrolment ──────────────────────────────────────────
  `create table partners (
    id uuid primary key,
    name text not null,
    created_at timestamptz not null default now()
  )`,
  `create table locations (
    id uuid primary key,
    partner_id uuid not null references partners(id),
    mpn_id text not null unique check (mpn_id ~ '^[0-9]{6,10}$'),
    name text not null,
    country char(2) not null,
    designations text[] not null default '{}',
    created_at timestamptz not null default now()
  )`,
  'create index locations_partner on locations (partner_id)',
  // Enrolment in the MCI program, per location; only enrolled locations can earn.
  `create table enrolments (
    location_id uuid primary key references locations(id),
    status text not null check (status in ('enrolled', 'suspended', 'withdrawn')),
    enrolled_at timestamptz not null,
    updated_at timestamptz not null default now()
  )`,

  // ── Users, roles per location, sessions, API tokens ─────────────────────────
  `create table users (
    id uuid primary key,
    email text not null,
    display_name text not null,
    kind text not null check (kind in ('partnerUser', 'operator')),
    partner_id uuid references partners(id),
    is_account_admin boolean not null default false,
    password_hash text,
    oidc_issuer text,
    oidc_subject text,
    locale text,
    theme text check (theme in ('light', 'dark')),
    is_demo boolean not null default false,
    created_at timestamptz not null default now(),
    check ((kind = 'operator') = (partner_id is null))
  )`,
  'create unique index users_email on users (lower(email))',
  'create unique index users_oidc on users (oidc_issuer, oidc_subject) where oidc_subject is not null',
  `create table user_location_roles (
    user_id uuid not null references users(id) on delete cascade,
    location_id uuid not null references locations(id),
    role text not null check (role in ('incentivesAdmin', 'incentivesUser')),
    granted_by uuid references users(id),
    granted_at timestamptz not null default now(),
    primary key (user_id, location_id)
  )`,
  'create index user_location_roles_location on user_location_roles (location_id)',
  // Session ids and CSRF tokens are random; only the SHA-256 of the session id is stored.
  `create table sessions (
    id_hash text primary key,
    user_id uuid not null references users(id) on delete cascade,
    csrf_token text not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    last_seen_at timestamptz not null
  )`,
  'create index sessions_user on sessions (user_id)',
  'create index sessions_expiry on sessions (expires_at)',
  `create table api_tokens (
    id uuid primary key,
    partner_id uuid not null references partners(id),
    user_id uuid not null references users(id),
    name text not null,
    token_hash text not null unique,
    created_at timestamptz not null default now(),
    last_used_at timestamptz,
    revoked_at timestamptz
  )`,

  // ── Engagement catalogue ────────────────────────────────────────────────────
  `create table engagements (
    id uuid primary key,
    code text not null unique,
    name text not null,
    kind text not null check (kind in ('workshop', 'deployment', 'consumption')),
    solution_area text not null,
    availability text not null check (availability in ('upcoming', 'active', 'expired')),
    description text not null default '',
    consent_window_days int not null default 30 check (consent_window_days between 1 and 365),
    claim_window_days int not null default 90 check (claim_window_days between 1 and 730),
    review_window_days int not null default 120 check (review_window_days between 1 and 730),
    dispute_window_days int not null default 30 check (dispute_window_days between 1 and 365),
    reminder_days int[] not null default '{7,2}',
    partner_criteria jsonb not null default '{}',
    customer_criteria jsonb not null default '[]',
    poe_requirements jsonb not null default '{"findingsReport": true, "invoice": true, "partnerSurvey": true, "customerSurvey": true}',
    currency char(3) not null default 'USD',
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  // Payout per market (A/B/C), in minor units; the rate in force at the consent date is copied to the record.
  `create table engagement_rates (
    engagement_id uuid not null references engagements(id) on delete cascade,
    market char(1) not null check (market in ('A', 'B', 'C')),
    amount_minor bigint not null check (amount_minor >= 0),
    primary key (engagement_id, market)
  )`,
  `create table markets (
    country char(2) primary key,
    market char(1) not null check (market in ('A', 'B', 'C'))
  )`,

  // ── Customer directory: TPIDs, tenants, domains, attributes ─────────────────
  `create table tpids (
    tpid bigint primary key check (tpid > 0),
    name text not null
  )`,
  `create table tenants (
    id uuid primary key,
    name text not null,
    tpid bigint references tpids(tpid),
    country char(2),
    segment text,
    seats int check (seats >= 0),
    products text[] not null default '{}',
    attributes jsonb not null default '{}',
    updated_at timestamptz not null default now()
  )`,
  'create index tenants_tpid on tenants (tpid) where tpid is not null',
  'create index tenants_name on tenants (lower(name) text_pattern_ops)',
  `create table tenant_domains (
    domain text primary key check (domain = lower(domain)),
    tenant_id uuid not null references tenants(id) on delete cascade
  )`,
  'create index tenant_domains_tenant on tenant_domains (tenant_id)',

  // ── Engagement customers (nominations) and their lifecycle ──────────────────
  `create table nominations (
    id uuid primary key,
    partner_id uuid not null references partners(id),
    location_id uuid not null references locations(id),
    engagement_id uuid not null references engagements(id),
    tenant_id uuid not null references tenants(id),
    origin text not null check (origin in ('add', 'claim')),
    status text not null,
    customer_email text,
    mismatch_reason text check (mismatch_reason is null or char_length(mismatch_reason) between 10 and 500),
    created_by uuid references users(id),
    claimed_at timestamptz not null,
    consent_due_at timestamptz not null,
    consent_requested_at timestamptz,
    consented_at timestamptz,
    claim_due_at timestamptz,
    review_due_at timestamptz,
    first_submitted_at timestamptz,
    submitted_at timestamptz,
    rejected_at timestamptz,
    dispute_due_at timestamptz,
    disputed_at timestamptz,
    ended_at timestamptz,
    payout_market char(1),
    payout_amount_minor bigint,
    payout_currency char(3),
    version int not null default 1,
    updated_at timestamptz not null default now()
  )`,
  // R9: at most one live record per (partner, engagement, customer), enforced by the database.
  `create unique index nominations_one_live on nominations (partner_id, engagement_id, tenant_id)
    where status in (${list(LIVE_STATUSES_0001)})`,
  // First consent wins (§4.3): at most one partner holds the customer's consent for an engagement.
  `create unique index nominations_first_consent_wins on nominations (engagement_id, tenant_id)
    where status in (${list(CONSENTED_STATUSES_0001)})`,
  'create index nominations_partner_engagement on nominations (partner_id, engagement_id, status)',
  'create index nominations_engagement_tenant on nominations (engagement_id, tenant_id)',
  'create index nominations_partner_tenant on nominations (partner_id, tenant_id)',
  // Deadline columns are indexed so that each sweep is one indexed range scan.
  `create index nominations_consent_due on nominations (consent_due_at) where status in ('claimed', 'consent_pending')`,
  `create index nominations_claim_due on nominations (claim_due_at) where status = 'active'`,
  `create index nominations_review_due on nominations (review_due_at)
    where status in ('claim_submitted', 'under_review', 'action_required', 'disputed')`,
  `create index nominations_dispute_due on nominations (dispute_due_at) where status = 'rejected'`,

  // ── Consent requests (one per nomination and sending; the link token is stored hashed) ──
  `create table consent_requests (
    id uuid primary key,
    nomination_id uuid not null references nominations(id),
    partner_id uuid not null references partners(id),
    token_hash text not null unique,
    customer_name text not null,
    customer_email text not null,
    customer_phone text,
    customer_locale text not null,
    partner_contact_name text not null,
    partner_contact_email text not null,
    partner_contact_phone text,
    expires_at timestamptz not null,
    created_at timestamptz not null,
    last_sent_at timestamptz not null,
    send_count int not null default 1,
    reminders_sent int[] not null default '{}',
    email_status text not null default 'queued' check (email_status in ('queued', 'sent', 'failed')),
    voided_at timestamptz,
    decided_at timestamptz,
    decision text check (decision in ('accept', 'decline'))
  )`,
  // One valid link per nomination at a time: a contact change voids the old one.
  'create unique index consent_requests_current on consent_requests (nomination_id) where voided_at is null',

  // ── Workshop claims, POE items, surveys, files, reviews ─────────────────────
  `create table files (
    sha256 text primary key,
    size_bytes bigint not null,
    content_type text not null,
    created_at timestamptz not null default now()
  )`,
  `create table workshop_claims (
    id uuid primary key,
    nomination_id uuid not null unique references nominations(id),
    partner_id uuid not null references partners(id),
    comments text not null default '',
    partner_contact jsonb,
    customer_contact jsonb,
    customer_contacts_locked_at timestamptz,
    version int not null default 1,
    created_at timestamptz not null,
    updated_at timestamptz not null
  )`,
  `create table poe_items (
    claim_id uuid not null references workshop_claims(id),
    kind text not null check (kind in ('findingsReport', 'invoice', 'partnerSurvey', 'customerSurvey')),
    file_sha256 text references files(sha256),
    file_name text,
    completed_at timestamptz,
    completed_by uuid references users(id),
    primary key (claim_id, kind)
  )`,
  `create table surveys (
    id uuid primary key,
    claim_id uuid not null references workshop_claims(id),
    audience text not null check (audience in ('partner', 'customer')),
    token_hash text unique,
    contact_name text,
    contact_email text,
    locale text not null default 'en',
    answers jsonb,
    sent_at timestamptz,
    completed_at timestamptz,
    voided_at timestamptz,
    created_at timestamptz not null
  )`,
  'create unique index surveys_current on surveys (claim_id, audience) where voided_at is null',
  `create table review_decisions (
    id uuid primary key,
    claim_id uuid not null references workshop_claims(id),
    operator_id uuid not null references users(id),
    decision text not null check (decision in ('approve', 'reject', 'requestInfo')),
    comment text not null,
    created_at timestamptz not null
  )`,
  'create index review_decisions_claim on review_decisions (claim_id, created_at)',

  // ── Audit, idempotency, notifications, mail outbox, settings ────────────────
  `create table audit_events (
    id bigint generated always as identity primary key,
    partner_id uuid references partners(id),
    nomination_id uuid references nominations(id),
    claim_id uuid references workshop_claims(id),
    actor_kind text not null check (actor_kind in ('partnerUser', 'operator', 'customer', 'system', 'apiToken')),
    actor_id uuid,
    action text not null,
    from_status text,
    to_status text,
    data jsonb not null default '{}',
    created_at timestamptz not null
  )`,
  'create index audit_events_nomination on audit_events (nomination_id, id) where nomination_id is not null',
  'create index audit_events_partner on audit_events (partner_id, id)',
  // Stripe semantics: scoped per partner (or per operator / anonymous scope), replayed for 24 h at least.
  `create table idempotency_keys (
    scope text not null,
    key text not null check (char_length(key) between 1 and 255),
    request_hash text not null,
    status_code int,
    response_body jsonb,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    primary key (scope, key)
  )`,
  'create index idempotency_keys_expiry on idempotency_keys (expires_at)',
  `create table notifications (
    id uuid primary key,
    user_id uuid not null references users(id) on delete cascade,
    partner_id uuid references partners(id),
    nomination_id uuid references nominations(id),
    kind text not null,
    params jsonb not null default '{}',
    dedupe_key text,
    created_at timestamptz not null,
    read_at timestamptz
  )`,
  'create index notifications_user on notifications (user_id, created_at desc)',
  'create unique index notifications_dedupe on notifications (user_id, dedupe_key) where dedupe_key is not null',
  // The mail outbox; in embedded mail mode it is also the dev mailbox. message_id is stable per queued
  // message so that a retried delivery is recognisable downstream.
  `create table mail_messages (
    id uuid primary key,
    message_id text not null unique,
    dedupe_key text unique,
    template text not null,
    locale text not null,
    params jsonb not null default '{}',
    to_address text not null,
    to_name text,
    subject text,
    html text,
    text text,
    status text not null default 'queued' check (status in ('queued', 'rendered', 'sent', 'failed')),
    attempts int not null default 0,
    last_error text,
    nomination_id uuid references nominations(id),
    created_at timestamptz not null,
    sent_at timestamptz
  )`,
  'create index mail_messages_created on mail_messages (created_at desc)',
  // Instance-wide settings shared by every process (e.g. the test clock's offset).
  `create table app_settings (
    key text primary key,
    value jsonb not null,
    updated_at timestamptz not null default now()
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
