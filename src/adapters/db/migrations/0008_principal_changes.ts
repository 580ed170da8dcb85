import { type Kysely, sql } from 'kysely';

// Issue 12, ADR 0017: each instance keeps signed-in principals in memory; the database says when one
// stops being true. Every change to what a principal is made of (the user, their roles, their partner's
// or locations' names, the session itself) notifies channel `mci_principals` from the writing
// transaction, delivered on commit to every instance's LISTEN. Triggers, so that no use case (present
// or future) can change a principal and forget to say so.
/** The channel of the principal change notices (ADR 0017). */
export const PRINCIPAL_CHANNEL = 'mci_principals';

const statements = [
  `create function mci_principal_changed() returns trigger language plpgsql as $$
   begin
     if tg_table_name = 'users' then
       perform pg_notify('mci_principals', 'user:' || coalesce(new.id, old.id));
     elsif tg_table_name = 'user_location_roles' then
       perform pg_notify('mci_principals', 'user:' || coalesce(new.user_id, old.user_id));
     elsif tg_table_name = 'sessions' then
       perform pg_notify('mci_principals', 'session:' || old.id_hash);
     else
       perform pg_notify('mci_principals', '*');
     end if;
     return null;
   end $$`,
  `create trigger users_principal after update or delete on users
     for each row execute function mci_principal_changed()`,
  `create trigger user_location_roles_principal after insert or update or delete on user_location_roles
     for each row execute function mci_principal_changed()`,
  // A session ends (sign-out, purge) or is cut short; the sliding expiry (later) needs no notice.
  `create trigger sessions_deleted_principal after delete on sessions
     for each row execute function mci_principal_changed()`,
  `create trigger sessions_shortened_principal after update on sessions
     for each row when (new.expires_at < old.expires_at) execute function mci_principal_changed()`,
  `create trigger partners_principal after update or delete on partners
     for each statement execute function mci_principal_changed()`,
  `create trigger locations_principal after update or delete on locations
     for each statement execute function mci_principal_changed()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
