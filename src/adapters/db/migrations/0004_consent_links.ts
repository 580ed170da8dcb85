import { type Kysely, sql } from 'kysely';

// Consent (issue 5).
// - consent_links: every email of a consent request carries its own single-purpose link token (stored
//   hashed); all links of the current request stay valid, so a customer may answer from the first email
//   or from a reminder. A contact change voids the request and with it every one of its links.
// - customer_rows.consent_email: delivery of the latest consent email, for "email failed – resend".
// - the deadline-notice scan looks notifications up by dedupe key alone.
const statements = [
  `create table consent_links (
    token_hash text primary key,
    consent_request_id uuid not null references consent_requests(id),
    created_at timestamptz not null
  )`,
  'create index consent_links_request on consent_links (consent_request_id)',
  `alter table customer_rows add column consent_email text
    check (consent_email is null or consent_email in ('queued', 'sent', 'failed'))`,
  'create index notifications_dedupe_key on notifications (dedupe_key) where dedupe_key is not null',
  'create index mail_messages_nomination on mail_messages (nomination_id) where nomination_id is not null',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
