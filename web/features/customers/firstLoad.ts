import { load } from '../../api/cache.ts';
import type { RequestOptions } from '../../api/client.ts';
import { detailKey, fetchDetail } from '../../api/engagements.ts';
import { stateOf, tabQuery } from './customersUrl.ts';
import { countsKey, fetchCounts, firstPage, rowsKey } from './useCustomerList.ts';

// Issue 12 item 7: no request waterfall on a first load straight to a Customers page. main.tsx calls
// `preloadCustomersPage` (the route's `preloadData`) alongside the session probe; it puts the page's
// first requests (the engagement, the shown tab's first page, the tab counts) into the read cache under
// the page's own keys, so that the page's first render finds them there (or under way) and asks again
// for none of them. This module is in the initial bundle: it must stay small.

/**
 * Starts the Customers page's first requests for its URL. Sent before anyone knows whether a session
 * exists, so a 401 is an answer here rather than a session ending elsewhere (main.tsx drops what was
 * loaded when nobody is signed in). The request language, which scopes the keys, is the guessed one:
 * if the session's differs, the page asks in its own and these entries go unused.
 */
export function preloadCustomersPage(params: Record<string, string>, search: string): void {
  const engagementId = params.engagementId ?? '';
  const state = stateOf(search);
  const q = tabQuery(state, state.tab);
  const before: RequestOptions = { expectUnauthorized: true };
  const loads = [
    load(detailKey(engagementId), fetchDetail(engagementId, before)),
    load(rowsKey(engagementId, q), firstPage(engagementId, q, before)),
    load(countsKey(engagementId, state.search), fetchCounts(engagementId, state.search, before)),
  ];
  for (const loading of loads)
    loading.catch(() => {
      // kept in the cache entry: the page shows it as it would its own request's failure
    });
}
