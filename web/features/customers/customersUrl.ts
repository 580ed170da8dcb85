import type { CustomerQuery } from '../../api/engagements.ts';
import { CUSTOMER_SORTS, CUSTOMER_TABS, type CustomerSort, type CustomerTab } from '../../api/types.ts';

// The Customers page keeps its tab, search and sort in the URL (shareable, back/forward work).

export type UrlState = CustomerQuery;

export function stateOf(search: string): UrlState {
  const q = new URLSearchParams(search);
  const tab = q.get('tab');
  const sort = q.get('sort');
  return {
    tab: (CUSTOMER_TABS as readonly string[]).includes(tab ?? '') ? (tab as CustomerTab) : 'eligible',
    sort: (CUSTOMER_SORTS as readonly string[]).includes(sort ?? '') ? (sort as CustomerSort) : 'name',
    search: (q.get('search') ?? '').slice(0, 200),
  };
}

export function urlOf(engagementId: string, state: UrlState): string {
  const q = new URLSearchParams();
  q.set('tab', state.tab);
  if (state.search.trim()) q.set('search', state.search.trim());
  if (state.sort !== 'name') q.set('sort', state.sort);
  return `/engagements/${encodeURIComponent(engagementId)}/customers?${q.toString()}`;
}

/** The workshop claim page of a row (spec §4.4); `tab` is where "Back to Customers" returns. */
export function claimHref(engagementId: string, nominationId: string, tab: string | null): string {
  const path = `/engagements/${encodeURIComponent(engagementId)}/customers/${encodeURIComponent(nominationId)}/claim`;
  return tab ? `${path}?tab=${encodeURIComponent(tab)}` : path;
}
