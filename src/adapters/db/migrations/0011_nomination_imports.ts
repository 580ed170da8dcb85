import { type Kysely, sql } from 'kysely';

// Issue 14, bulk add from CSV.
// - nomination_imports: one upload, its owner and progress. `location_ids` are the locations the uploader
//   could add for when uploading (an API token narrows them); the job acts with the uploader's current
//   roles within them, so a role lost meanwhile narrows the import too.
// - nomination_import_rows: the rows of the file (the six input cells) and each row's outcome, written as
//   the job goes; a row without an outcome is still to do, which is what makes the job resumable.
const statements = [
  `create table nomination_imports (
     id uuid primary key,
     partner_id uuid not null references partners(id),
     created_by uuid not null references users(id),
     location_ids uuid[] not null,
     dry_run boolean not null,
     status text not null check (status in ('queued', 'running', 'completed', 'failed')),
     total int not null,
     processed int not null default 0,
     created int not null default 0,
     failed int not null default 0,
     created_at timestamptz not null,
     updated_at timestamptz not null
   )`,
  'create index nomination_imports_partner on nomination_imports (partner_id, created_at desc, id)',
  `create table nomination_import_rows (
     import_id uuid not null references nomination_imports(id) on delete cascade,
     line int not null,
     cells text[] not null,
     outcome text check (outcome in ('created', 'valid', 'failed')),
     nomination_ids uuid[] not null default '{}',
     error jsonb,
     primary key (import_id, line)
   )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
