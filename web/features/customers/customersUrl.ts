import { STATUSES_OF_TAB } from '../../../src/contracts/lifecycle.ts';
import type { CustomerQuery } from '../../api/engagements.ts';
import { CUSTOMER_SORTS, CUSTOMER_TABS, type CustomerSort, type CustomerTab } from '../../api/types.ts';

// The Customers page keeps its tab, search, sort and filters in the URL (shareable, back/forward and
// reload keep them), and the record a link opens it on (issue 15: a notification opens its row).

export interface UrlState extends CustomerQuery {
  locationId: string;
  status: string;
  /** The record to show, scroll to and focus (a notification's link); empty when none. */
  record: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const guidOrEmpty = (value: string | null) => (value && GUID.test(value) ? value.toLowerCase() : '');

/** Whether the tab can show this status (the status filter's values, from the lifecycle). */
const isTabStatus = (tab: CustomerTab, status: string): boolean =>
  (STATUSES_OF_TAB[tab] as readonly string[]).includes(status);

export function stateOf(search: string): UrlState {
  const q = new URLSearchParams(search);
  const tabParam = q.get('tab');
  const sort = q.get('sort');
  const tab = (CUSTOMER_TABS as readonly string[]).includes(tabParam ?? '')
    ? (tabParam as CustomerTab)
    : 'eligible';
  const status = q.get('status') ?? '';
  return {
    tab,
    sort: (CUSTOMER_SORTS as readonly string[]).includes(sort ?? '') ? (sort as CustomerSort) : 'name',
    search: (q.get('search') ?? '').slice(0, 200),
    locationId: guidOrEmpty(q.get('locationId')),
    // A status the tab cannot show (an old link) is dropped rather than sent to fail.
    status: isTabStatus(tab, status) ? status : '',
    record: guidOrEmpty(q.get('record')),
  };
}

export function urlOf(engagementId: string, state: CustomerQuery & { record?: string | undefined }): string {
  const q = new URLSearchParams();
  q.set('tab', state.tab);
  if (state.search.trim()) q.set('search', state.search.trim());
  if (state.sort !== 'name') q.set('sort', state.sort);
  if (state.locationId) q.set('locationId', state.locationId);
  if (state.status) q.set('status', state.status);
  if (state.record) q.set('record', state.record);
  return `/engagements/${encodeURIComponent(engagementId)}/customers?${q.toString()}`;
}

/**
 * The list query of one tab for the page's state: the shown tab's status filter is its own (each tab has
 * its own statuses); the other tabs follow the search, sort and location. The page and its preload
 * (firstLoad.ts) both ask through this, so they ask the same.
 */
export function tabQuery(shown: CustomerQuery, tab: CustomerTab): CustomerQuery {
  return {
    tab,
    search: shown.search,
    sort: shown.sort,
    locationId: shown.locationId,
    status: tab === shown.tab ? shown.status : '',
  };
}

/** Whether a location or status filter is on (the tab counts do not follow them). */
export const isFiltered = (q: CustomerQuery): boolean => Boolean(q.locationId || q.status);

/** The workshop claim page of a row (spec §4.4); `tab` is where "Back to Customers" returns. */
export function claimHref(engagementId: string, nominationId: string, tab: string | null): string {
  const path = `/engagements/${encodeURIComponent(engagementId)}/customers/${encodeURIComponent(nominationId)}/claim`;
  return tab ? `${path}?tab=${encodeURIComponent(tab)}` : path;
}
