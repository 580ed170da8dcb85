import { useSyncExternalStore } from 'react';

// One breakpoint for the layouts that change on a phone (issue 15: 375 and 320 px): the app header
// collapses behind a menu button and the Customers table becomes a card list. Below it the content
// is about 340 px wide at 375 px; above it both keep their wide layout.

/** The media query (for matchMedia). */
const NARROW_QUERY = '(max-width: 640px)';
/** The same query as a Griffel (makeStyles) key. */
export const NARROW_MEDIA = `@media ${NARROW_QUERY}`;

function subscribe(onChange: () => void): () => void {
  const list = window.matchMedia?.(NARROW_QUERY);
  list?.addEventListener('change', onChange);
  return () => list?.removeEventListener('change', onChange);
}

/** Whether the viewport is narrow now; re-renders when that changes (a rotation, a resize). */
export function useNarrow(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia?.(NARROW_QUERY).matches ?? false,
    () => false,
  );
}
