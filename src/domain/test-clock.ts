// R36: the test clock moves application time only, forward, in bounded steps. Pure rules; the offset
// itself lives in the database (src/adapters/clock/test-clock.ts) so that every instance agrees.

const DAY_MS = 86_400_000;

/** At most this far per call (the longest window of the lifecycle plus slack). */
const MAX_ADVANCE_MS = 400 * DAY_MS;
/** At most this far in total: ten years. Beyond that dates stop being plausible for anyone. */
export const MAX_TEST_CLOCK_OFFSET_MS = 3650 * DAY_MS;

// ISO 8601 duration with days, hours, minutes and seconds (P31D, PT1H, P1DT12H), no fractions. The
// digit counts are bounded so that no value can overflow before the range check.
const DURATION = /^P(?:(\d{1,6})D)?(?:T(?:(\d{1,8})H)?(?:(\d{1,10})M)?(?:(\d{1,12})S)?)?$/;

/**
 * The advance in milliseconds for an ISO 8601 duration, or null when it is malformed, not positive,
 * or longer than `MAX_ADVANCE_MS`.
 */
export function parseAdvance(iso: string): number | null {
  const m = DURATION.exec(iso);
  if (!m || iso === 'P' || iso.endsWith('T')) return null;
  const [d, h, min, s] = [m[1], m[2], m[3], m[4]].map((v) => Number(v ?? 0)) as [
    number,
    number,
    number,
    number,
  ];
  const ms = (((d * 24 + h) * 60 + min) * 60 + s) * 1000;
  return ms > 0 && ms <= MAX_ADVANCE_MS ? ms : null;
}
