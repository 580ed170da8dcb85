import { sql } from 'kysely';
import type { Db } from '../../src/adapters/db/database.ts';

// "Nothing changed" (quality §3.1): a fingerprint of every table of the product (row count and a hash
// of all rows), and of the job queue's jobs. Compared before and after a matrix of refused requests.

/** Columns that change by design on any signed-in request, left out of the hash (never the row count). */
const VOLATILE: Record<string, string> = {
  // The sliding expiry is written at most once a minute by any request of the session.
  sessions: 'id_hash, user_id, csrf_token, created_at',
  // An API token's last use is written at most once a minute by any request made with it.
  api_tokens:
    'id, partner_id, user_id, name, token_hash, created_at, revoked_at, scopes, location_ids, prefix, expires_at',
};
/** Tables that count requests rather than hold data: every rate-limited try adds or bumps a row by design. */
const COUNTERS = new Set(['rate_limits']);

export async function fingerprint(db: Db): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE'
     order by table_name`.execute(db);
  const result: Record<string, string> = {};
  for (const { name } of tables.rows) {
    if (COUNTERS.has(name)) continue;
    const columns = VOLATILE[name];
    const row = columns ? sql.raw(`(${columns})`) : sql.raw('t');
    const r = await sql<{ n: number; h: string | null }>`
      select count(*)::int as n, md5(string_agg(${row}::text, '|' order by ${row}::text)) as h
        from ${sql.table(name)} as t`.execute(db);
    result[name] = `${r.rows[0]!.n}:${r.rows[0]!.h ?? ''}`;
  }
  // Jobs enqueued by a request (their state moves with the queue's own maintenance, so not hashed).
  const jobs = await sql<{ n: number; h: string | null }>`
    select count(*)::int as n, md5(string_agg(id::text || name || data::text, '|' order by id)) as h
      from pgboss.job`.execute(db);
  result['pgboss.job'] = `${jobs.rows[0]!.n}:${jobs.rows[0]!.h ?? ''}`;
  return result;
}
