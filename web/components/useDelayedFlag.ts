import { useEffect, useState } from 'react';

/**
 * True once `flag` has been true for `delayMs`: a spinner for a quick answer only flickers, so it
 * appears only when the wait is long enough to notice (quality §2: after 150 ms).
 */
export function useDelayedFlag(flag: boolean, delayMs = 150): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!flag) {
      setShown(false);
      return;
    }
    const timer = window.setTimeout(() => setShown(true), delayMs);
    return () => window.clearTimeout(timer);
  }, [flag, delayMs]);
  return flag && shown;
}
