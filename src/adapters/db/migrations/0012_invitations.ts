import { type Kysely, sql } from 'kysely';

// Issue 15 item 2, users and invitations (ADR 0022).
// - users.deactivated_at: null while the user may sign in. Deactivating is an update of users, so
//   migration 0008's trigger already notifies `mci_principals` ('user:<id>') and every instance drops
//   the user's cached sessions; the sessions themselves are deleted and the API tokens revoked in the
//   same transaction.
// - user_invitations: the Account admin's invitation of a colleague. The account is created when the
//   invitation is accepted; until then only the invitation exists (email, name, the roles to grant).
//   Only the SHA-256 of the link's token is kept; a resend replaces it (the old link stops working).
//   One pending invitation per address and partner.
const statements = [
  'alter table users add column deactivated_at timestamptz',
  `create table user_invitations (
    id uuid primary key,
    partner_id uuid not null references partners(id),
    email text not null,
    display_name text not null,
    roles jsonb not null default '[]',
    locale text not null,
    token_hash text not null unique,
    invited_by uuid references users(id) on delete set null,
    created_at timestamptz not null,
    sent_at timestamptz not null,
    expires_at timestamptz not null,
    accepted_at timestamptz,
    accepted_user_id uuid references users(id) on delete set null,
    revoked_at timestamptz
  )`,
  `create unique index user_invitations_pending on user_invitations (partner_id, lower(email))
     where accepted_at is null and revoked_at is null`,
  'create index user_invitations_partner on user_invitations (partner_id, created_at desc, id)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
