import { type Kysely, sql } from 'kysely';

// Issue 14 item 2, signed webhooks (Standard Webhooks 1.0).
// - webhook_endpoints: a partner's receiver, the events it subscribes to, and its signing secret. The
//   secret is kept as it is (the server must sign with it; ADR 0019), a rotated one for 24 hours more.
//   failing_since: the first failed attempt since the last success (5 days of it disable the endpoint).
// - webhook_deliveries: one row per message and endpoint (a redelivery is a new row with the same
//   message id); seq orders the delivery log's keyset pages.
const statements = [
  `create table webhook_endpoints (
     id uuid primary key,
     partner_id uuid not null references partners(id),
     url text not null,
     description text,
     events text[] not null check (cardinality(events) >= 1),
     enabled boolean not null default true,
     secret text not null,
     previous_secret text,
     previous_secret_until timestamptz,
     failing_since timestamptz,
     disabled_reason text check (disabled_reason in ('failing')),
     created_by uuid references users(id) on delete set null,
     created_at timestamptz not null,
     updated_at timestamptz not null
   )`,
  'create index webhook_endpoints_partner on webhook_endpoints (partner_id, created_at, id)',
  `create table webhook_deliveries (
     id uuid primary key,
     seq bigint generated always as identity,
     partner_id uuid not null references partners(id),
     endpoint_id uuid not null references webhook_endpoints(id) on delete cascade,
     message_id text not null,
     event_type text not null,
     payload jsonb not null,
     status text not null default 'pending' check (status in ('pending', 'succeeded', 'failed')),
     attempts integer not null default 0,
     response_status integer,
     duration_ms integer,
     error text,
     created_at timestamptz not null,
     last_attempt_at timestamptz
   )`,
  'create index webhook_deliveries_endpoint on webhook_deliveries (endpoint_id, seq desc)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
