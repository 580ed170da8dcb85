import type { Clock, TestClockControl } from '../../app/ports.ts';
import type { SettingsRepository } from '../../app/store/settings.ts';
import { MAX_TEST_CLOCK_OFFSET_MS } from '../../domain/test-clock.ts';
import type { Db } from '../db/database.ts';
import { settingsRepository } from '../db/repositories/settings.ts';

/**
 * The test clock (issue 5, like Stripe's): the system clock plus an offset that only moves forward.
 * The offset lives in app_settings so that every instance and the worker agree; each request and
 * each job re-reads it (`sync`), so an advance is seen everywhere at the next request.
 */
export class OffsetClock implements Clock, TestClockControl {
  #offset = 0;
  readonly #settings: SettingsRepository;
  constructor(db: Db) {
    this.#settings = settingsRepository(db);
  }

  now(): Date {
    return new Date(Date.now() + this.#offset);
  }

  offsetMs(): number {
    return this.#offset;
  }

  async sync(): Promise<void> {
    const offset = await this.#settings.testClockOffset();
    // A stored value outside the bounds (written by hand, or by a version without them) is ignored.
    if (offset !== null && Number.isSafeInteger(offset) && offset >= 0 && offset <= MAX_TEST_CLOCK_OFFSET_MS)
      this.#offset = offset;
  }

  /** Moves every instance's clock by `ms`; null (and nothing stored) when the total would pass the bound. */
  async advance(ms: number): Promise<Date | null> {
    const offset = await this.#settings.advanceTestClock(ms, MAX_TEST_CLOCK_OFFSET_MS);
    if (offset === null) return null;
    this.#offset = offset;
    return this.now();
  }
}
