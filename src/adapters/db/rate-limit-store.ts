import { sql } from 'kysely';
import type { Db } from './database.ts';

// The counters of every rate limit (quality §3.7) in the database, so that every instance counts
// together (issue 13: a limit must hold behind a load balancer) and the counts run on the database's
// real clock, never on the test clock (R36). Fixed windows: the first hit of a key opens a window of
// `timeWindow` ms; hits past `max` within it are refused until it ends. A store for
// @fastify/rate-limit: `incr(key, cb, timeWindow, max)` answers the hits so far and the ms left.

interface Hits {
  current: number;
  ttl: number;
}

export function databaseRateLimitStore(db: Db) {
  return class DatabaseRateLimitStore {
    incr(key: string, callback: (error: Error | null, hits?: Hits) => void, timeWindow: number): void {
      const window = sql`(${timeWindow}::int * interval '1 millisecond')`;
      sql<{ hits: number; ttl: number }>`
        insert into rate_limits as r (key, hits, window_ends_at)
        values (${key}, 1, now() + ${window})
        on conflict (key) do update
          set hits = case when r.window_ends_at <= now() then 1 else r.hits + 1 end,
              window_ends_at = case when r.window_ends_at <= now() then now() + ${window} else r.window_ends_at end
        returning hits, ceil(extract(epoch from (window_ends_at - now())) * 1000)::int as ttl`
        .execute(db)
        .then(
          (result) => {
            const row = result.rows[0]!;
            callback(null, { current: Number(row.hits), ttl: Math.max(0, Number(row.ttl)) });
          },
          (error: Error) => callback(error),
        );
    }

    child(): DatabaseRateLimitStore {
      // Keys carry their purpose (src/http/rate-limits.ts), so one table serves every route.
      return new DatabaseRateLimitStore();
    }
  };
}
