import { useCallback, useRef, useState } from 'react';
import { load, peek, update, useQuery } from '../../api/cache.ts';
import type { RequestOptions } from '../../api/client.ts';
import { type CustomerQuery, engagementsApi } from '../../api/engagements.ts';
import type { CustomerCounts, CustomerList as CustomerListAnswer, CustomerRow } from '../../api/types.ts';

// The rows of one tab of the Customers page: keyset pages of 100 followed through `nextLink`
// (quality §1), kept in the shared cache per (engagement, tab, sort, filters, search) so that switching back
// to a tab is immediate. The page loads the tab shown first and the other two right after it.

export interface LoadedRows {
  /** The pages loaded so far, in order. */
  pages: CustomerRow[][];
  /** The API path of the next page; null on the last page. */
  next: string | null;
}

/** Rows cached for this long count as fresh; older ones are shown and refreshed. */
const FRESH_MS = 60_000;

export const rowsKey = (engagementId: string, q: CustomerQuery) =>
  `customers:rows:${engagementId}:${q.tab}:${q.sort}:${q.locationId ?? ''}:${q.status ?? ''}:${q.search.trim()}`;
export const countsKey = (engagementId: string, search: string) =>
  `customers:counts:${engagementId}:${search.trim()}`;

// The fetchers of the keys above (also used by the first load's preload, firstLoad.ts).
export const firstPage =
  (engagementId: string, q: CustomerQuery, options?: RequestOptions) => async (): Promise<LoadedRows> => {
    const page = await engagementsApi.customers(engagementId, q, options);
    return { pages: [page.value], next: page.next };
  };
export const fetchCounts = (engagementId: string, search: string, options?: RequestOptions) => () =>
  engagementsApi.counts(engagementId, search, options);

export function useCounts(engagementId: string, search: string) {
  return useQuery<CustomerCounts>(
    countsKey(engagementId, search),
    fetchCounts(engagementId, search),
    FRESH_MS,
  );
}

export interface CustomerList {
  data: LoadedRows | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Loads the next page (no-op on the last page or while loading). */
  loadMore: () => void;
  loadingMore: boolean;
  loadMoreError: unknown;
}

export function useCustomerList(engagementId: string, q: CustomerQuery, autoLoad = true): CustomerList {
  const key = rowsKey(engagementId, q);
  const rows = useQuery(key, firstPage(engagementId, q), FRESH_MS, autoLoad);
  const [more, setMore] = useState<{ key: string; loading: boolean; error?: unknown }>({
    key,
    loading: false,
  });
  const current = more.key === key ? more : { key, loading: false, error: undefined };
  const pending = useRef<string | null>(null);

  const loadMore = useCallback(() => {
    const entry = peek<LoadedRows>(key)?.data;
    if (!entry?.next || pending.current === key) return;
    pending.current = key;
    setMore({ key, loading: true });
    const nextPath = entry.next;
    engagementsApi
      .next<CustomerListAnswer>(nextPath)
      .then((page) => {
        // Still the same list (no refresh replaced it meanwhile): append.
        const latest = peek<LoadedRows>(key)?.data;
        if (latest && latest.next === nextPath)
          update<LoadedRows>(key, { pages: [...latest.pages, page.value], next: page.next });
        setMore((m) => (m.key === key ? { key, loading: false } : m));
      })
      .catch((error: unknown) => setMore((m) => (m.key === key ? { key, loading: false, error } : m)))
      .finally(() => {
        if (pending.current === key) pending.current = null;
      });
  }, [key]);

  return {
    data: rows.data,
    error: rows.error,
    loading: rows.loading,
    reload: () => {
      load(key, firstPage(engagementId, q)).catch(() => {
        // kept in the cache entry
      });
    },
    loadMore,
    loadingMore: current.loading,
    loadMoreError: current.error,
  };
}
