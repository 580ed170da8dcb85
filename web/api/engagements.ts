import { api, type RequestOptions, resolveLink } from './client.ts';
import type {
  CustomerCounts,
  CustomerList,
  CustomerSort,
  CustomerTab,
  EngagementDetail,
  EngagementList,
  EngagementListQuery,
} from './types.ts';

// The engagement catalogue and the Customers page (issue 3; spec §3, §6).

/** The catalogue's filters (the list query without its paging). */
export type EngagementFilters = Omit<EngagementListQuery, 'maxpagesize' | 'cursor'>;

/** What the Customers page shows (its URL state): the list query without its paging. */
export interface CustomerQuery {
  tab: CustomerTab;
  search: string;
  sort: CustomerSort;
  /** Issue 15: only this location's rows (absent or empty: every location). */
  locationId?: string | undefined;
  /** Issue 15: only rows in this status of the tab (absent or empty: every status). */
  status?: string | undefined;
}

/** The filters of a Customers query as API parameters (empty ones are left out by `query`). */
const filters = (q: CustomerQuery) => ({ locationId: q.locationId, status: q.status });

/** A list answer of these endpoints: rows and, unless it is the last page, the link to the next. */
type ListAnswer = EngagementList | CustomerList;

/** One page of a list, with the absolute API path of the next page when there is one. */
export interface Page<T> {
  value: T[];
  next: string | null;
}

function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') q.set(key, String(value));
  const text = q.toString();
  return text ? `?${text}` : '';
}

async function page<L extends ListAnswer>(
  path: string,
  options: RequestOptions = {},
): Promise<Page<L['value'][number]>> {
  const body = await api.get<L>(path, options);
  return { value: body.value, next: body.nextLink ? resolveLink(body.nextLink, path) : null };
}

const engagementPath = (id: string) => `/engagements/${encodeURIComponent(id)}`;

/** Rows per page on the Customers page: enough to fill a screen, small enough to stay fast (quality §2). */
const CUSTOMER_PAGE_SIZE = 100;

export const engagementsApi = {
  list: (filters: EngagementFilters, signal?: AbortSignal) =>
    page<EngagementList>(`/engagements${query({ ...filters })}`, { signal }),
  /** Follows a `next` link of {@link list} or {@link customers}. */
  next: <L extends ListAnswer>(next: string, signal?: AbortSignal) => page<L>(next, { signal }),
  // The Customers page's first requests take options: main.tsx may send them before the session is
  // known (web/features/customers/firstLoad.ts), when a 401 is an answer rather than a session ending.
  get: (id: string, options?: RequestOptions) => api.get<EngagementDetail>(engagementPath(id), options),
  customers: (id: string, q: CustomerQuery, options?: RequestOptions) =>
    page<CustomerList>(
      `${engagementPath(id)}/customers${query({ tab: q.tab, search: q.search.trim(), sort: q.sort, ...filters(q), maxpagesize: CUSTOMER_PAGE_SIZE })}`,
      options,
    ),
  counts: (id: string, search: string, options?: RequestOptions) =>
    api.get<CustomerCounts>(
      `${engagementPath(id)}/customers/counts${query({ search: search.trim() })}`,
      options,
    ),
  exportPath: (id: string, q: CustomerQuery) =>
    `${engagementPath(id)}/customers/export${query({ tab: q.tab, search: q.search.trim(), sort: q.sort, ...filters(q) })}`,
};

/** One engagement's entry in the read cache (api/cache.ts): the Customers page, its first-load preload,
 * the engagement summary and the wizards all read this one. */
export const detailKey = (engagementId: string) => `engagements:detail:${engagementId}`;
export const fetchDetail = (engagementId: string, options?: RequestOptions) => () =>
  engagementsApi.get(engagementId, options);
