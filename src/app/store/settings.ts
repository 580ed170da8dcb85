// Instance-wide settings shared by every process (app_settings): the demo flag and the test clock.

export interface SettingsRepository {
  /** Whether the demo data is loaded (spec §8: demo users may sign in only then). */
  demoLoaded(): Promise<boolean>;
  /** The test clock's stored offset in ms (R36): 0 when none is stored, null when it is not a number. */
  testClockOffset(): Promise<number | null>;
  /**
   * Adds `ms` to the test clock's offset, atomically on the shared row, unless the total would pass
   * `maxMs` (two instances advancing at once both count, and the bound holds for the sum). Returns
   * the new offset, or null when nothing was stored.
   */
  advanceTestClock(ms: number, maxMs: number): Promise<number | null>;
}
