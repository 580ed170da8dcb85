import { sql } from 'kysely';
import type { Clock, Db, TestClockControl } from '../../app/ports.ts';
import { MAX_TEST_CLOCK_OFFSET_MS } from '../../domain/test-clock.ts';

const KEY = 'testClock';

/**
 * The test clock (issue 5, like Stripe's): the system clock plus an offset that only moves forward.
 * The offset lives in app_settings so that every instance and the worker agree; each request and
 * each job re-reads it (`sync`), so an advance is seen everywhere at the next request.
 */
export class OffsetClock implements Clock, TestClockControl {
  #offset = 0;
  constructor(private readonly db: Db) {}

  now(): Date {
    return new Date(Date.now() + this.#offset);
  }

  offsetMs(): number {
    return this.#offset;
  }

  async sync(): Promise<void> {
    const row = await this.db
      .selectFrom('app_settings')
      .select('value')
      .where('key', '=', KEY)
      .executeTakeFirst();
    const offset = Number((row?.value as { offsetMs?: number } | undefined)?.offsetMs ?? 0);
    // A stored value outside the bounds (written by hand, or by a version without them) is ignored.
    if (Number.isSafeInteger(offset) && offset >= 0 && offset <= MAX_TEST_CLOCK_OFFSET_MS)
      this.#offset = offset;
  }

  /** Moves every instance's clock by `ms`; null (and nothing stored) when the total would pass the bound. */
  async advance(ms: number): Promise<Date | null> {
    // Atomic on the shared row: two instances advancing at once both count, and the bound holds for
    // the sum (R36).
    const result = await sql<{ value: { offsetMs: number } }>`
      insert into app_settings (key, value, updated_at)
      select ${KEY}, jsonb_build_object('offsetMs', ${ms}::bigint), now()
       where ${ms}::bigint <= ${MAX_TEST_CLOCK_OFFSET_MS}::bigint
      on conflict (key) do update
        set value = jsonb_build_object('offsetMs', (app_settings.value->>'offsetMs')::bigint + ${ms}::bigint),
            updated_at = now()
        where (app_settings.value->>'offsetMs')::bigint + ${ms}::bigint <= ${MAX_TEST_CLOCK_OFFSET_MS}::bigint
      returning value`.execute(this.db);
    const row = result.rows[0];
    if (!row) return null;
    this.#offset = Number((row.value as { offsetMs: number }).offsetMs);
    return this.now();
  }
}
