import { type Kysely, sql } from 'kysely';

// Workshop claims (issue 6).
// - survey_links: every survey email carries its own single-purpose link token (stored hashed), like
//   consent_links: a re-send (S6) adds a link and the earlier links of the same survey stay valid; a
//   contact change (S7) voids the survey (surveys.voided_at) and with it every one of its links.
// - a claim's uploads are looked up by the file they point at (download, clean-up of orphans).
const statements = [
  `create table survey_links (
    token_hash text primary key,
    survey_id uuid not null references surveys(id),
    created_at timestamptz not null
  )`,
  'create index survey_links_survey on survey_links (survey_id)',
  'create index poe_items_file on poe_items (file_sha256) where file_sha256 is not null',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
