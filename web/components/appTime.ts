import { useEffect, useState } from 'react';
import { useQuery } from '../api/cache.ts';
import { devApi } from '../api/dev.ts';
import { useSession } from '../app/contexts.ts';

// "Now" as the server sees it. With the test clock on (demo and tests), the server's time runs ahead
// of the browser's by `offsetMs`; deadlines from the API (e.g. when a resend is allowed again) are in
// that time.

export const CLOCK_KEY = 'dev:test-clock';

/** The server's clock offset from this browser's, in ms (0 without the test clock). */
export function useClockOffset(): number {
  const { session } = useSession();
  const on = session?.features?.testClock === true;
  const clock = useQuery(on ? CLOCK_KEY : null, () => devApi.clock(), 30_000);
  return on ? (clock.data?.offsetMs ?? 0) : 0;
}

/** Re-renders when `at` (ms since the epoch, server time) passes; true once it has. */
export function useReached(at: number | null): boolean {
  const offset = useClockOffset();
  const [, setTick] = useState(0);
  const reached = at === null || Date.now() + offset >= at;
  useEffect(() => {
    if (at === null || reached) return;
    // Timers are capped at ~24.8 days; re-check at least once an hour.
    const wait = Math.min(at - (Date.now() + offset) + 250, 3_600_000);
    const timer = window.setTimeout(() => setTick((n) => n + 1), Math.max(wait, 250));
    return () => window.clearTimeout(timer);
  }, [at, offset, reached]);
  return reached;
}
