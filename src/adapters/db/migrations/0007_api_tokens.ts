import { type Kysely, sql } from 'kysely';

// Issue 14, API tokens and the audit log.
// - api_tokens (unused since 0001) gets what a token carries: its scopes (read, or read and write), the
//   locations it is narrowed to (null: every location its creator holds a role on), the first characters
//   shown in lists, an expiry, and the address it was last used from.
// - audit_events.api_token_id: the token a change was made with (the actor stays the token's creator).
// - audit_events (partner_id, created_at, id) serves the audit log's keyset pages with a time range.
const statements = [
  `alter table api_tokens
     add column scopes text[] not null default '{read}'
       check (cardinality(scopes) between 1 and 2 and scopes <@ array['read', 'write']::text[]),
     add column location_ids uuid[],
     add column prefix text not null default '',
     add column expires_at timestamptz not null default now(),
     add column last_used_ip text`,
  'alter table api_tokens alter column expires_at drop default',
  'create index api_tokens_partner on api_tokens (partner_id, created_at desc, id)',
  'alter table audit_events add column api_token_id uuid references api_tokens(id)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
