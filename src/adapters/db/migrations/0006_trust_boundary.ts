import { type Kysely, sql } from 'kysely';

// Issue 10, the trust boundary.
// - mail_messages.partner_id: whose organisation a message belongs to (R35). The embedded mailbox shows
//   a partner's users only their partner's messages, the operator only program mail (null). Every
//   message so far was about a record, so the record says whose it is.
// - rate_limits: the counters of every rate limit, shared by all instances (fixed windows keyed by
//   purpose and client), on real time.
const statements = [
  'alter table mail_messages add column partner_id uuid references partners(id)',
  `update mail_messages m set partner_id = n.partner_id
     from nominations n
    where n.id = m.nomination_id`,
  'create index mail_messages_partner on mail_messages (partner_id, created_at desc)',
  `create table rate_limits (
    key text primary key,
    hits int not null,
    window_ends_at timestamptz not null
  )`,
  'create index rate_limits_window on rate_limits (window_ends_at)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
