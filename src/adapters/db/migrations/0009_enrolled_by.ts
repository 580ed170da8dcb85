import { type Kysely, sql } from 'kysely';

// Issue 15 item 3, enrolment by the partner's Account admin: who enrolled the location (null for
// enrolments that predate this, e.g. the demo's) and which version of the program terms they accepted.
// A withdrawal keeps the row with status 'withdrawn' (updated_at says when); the audit log says by whom.
const statements = [
  `alter table enrolments
     add column enrolled_by uuid references users(id) on delete set null,
     add column terms_version text`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
