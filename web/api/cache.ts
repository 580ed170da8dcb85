import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { requestLocale } from './client.ts';

// A small read cache for GET results, keyed by request. Pages read it synchronously while rendering
// (useSyncExternalStore), so that going back to something already loaded (a tab, a filter) shows it
// in the same frame: the Customers page's tab switch stays under 100 ms (quality §2). Entries older
// than `maxAgeMs` are shown and refreshed in the background (stale-while-revalidate).
// Answers carry localised text (criteria, reasons, messages), so every key is scoped to the
// language of the requests: switching the UI language loads (or finds) the answers in that language.

export interface CacheEntry<T> {
  data?: T;
  error?: unknown;
  /** A request for this key is under way. */
  loading: boolean;
  /** When `data` (or `error`) arrived, ms since the epoch; 0 before the first answer. */
  at: number;
}

const MAX_ENTRIES = 60;
const entries = new Map<string, CacheEntry<unknown>>();
const inFlight = new Map<string, Promise<unknown>>();
const listeners = new Set<() => void>();
let generation = 0;

function emit(): void {
  for (const listener of listeners) listener();
}

function set(key: string, entry: CacheEntry<unknown>): void {
  entries.delete(key); // re-insert: the Map's order is the LRU order
  entries.set(key, entry);
  while (entries.size > MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined || inFlight.has(oldest)) break;
    entries.delete(oldest);
  }
  emit();
}

const scoped = (key: string) => `${requestLocale()}|${key}`;

export function peek<T>(key: string): CacheEntry<T> | undefined {
  return entries.get(scoped(key)) as CacheEntry<T> | undefined;
}

/** Loads `key` once at a time; callers asking while a request is under way share it. */
export function load<T>(key: string, fetcher: () => Promise<T>): Promise<T> {
  return loadScoped(scoped(key), fetcher);
}

function loadScoped<T>(key: string, fetcher: () => Promise<T>): Promise<T> {
  const running = inFlight.get(key);
  if (running) return running as Promise<T>;
  const previous = entries.get(key);
  const startedIn = generation;
  set(key, { ...(previous ?? { at: 0 }), loading: true });
  const promise = fetcher().then(
    (data) => {
      inFlight.delete(key);
      if (startedIn === generation) set(key, { data, loading: false, at: Date.now() });
      return data;
    },
    (error: unknown) => {
      inFlight.delete(key);
      if (startedIn === generation) set(key, { data: previous?.data, error, loading: false, at: Date.now() });
      throw error;
    },
  );
  inFlight.set(key, promise);
  return promise;
}

/** Drops every entry whose key starts with `prefix` (after a change, on sign-out). */
export function invalidate(prefix = ''): void {
  generation += 1;
  const matches = (full: string) => full.slice(full.indexOf('|') + 1).startsWith(prefix);
  for (const key of [...entries.keys()]) if (matches(key)) entries.delete(key);
  for (const key of [...inFlight.keys()]) if (matches(key)) inFlight.delete(key);
  emit();
}

/** Replaces the data of an entry (e.g. after loading more pages of it). */
export function update<T>(key: string, data: T): void {
  const full = scoped(key);
  const entry = entries.get(full);
  set(full, { ...(entry ?? { loading: false }), data, error: undefined, at: entry?.at || Date.now() });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export interface Query<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Loads again (after an error, or to refresh). */
  reload: () => void;
}

/**
 * Reads `key` from the cache and loads it when missing or older than `maxAgeMs`. `key` null: nothing
 * to load (yet). The fetcher must depend only on what the key says.
 */
export function useQuery<T>(
  key: string | null,
  fetcher: () => Promise<T>,
  maxAgeMs = 60_000,
  /** false: only read what the cache has (e.g. a tab not shown yet); nothing is requested. */
  autoLoad = true,
): Query<T> {
  const full = key === null ? null : scoped(key);
  const entry = useSyncExternalStore(subscribe, () =>
    full === null ? undefined : (entries.get(full) as CacheEntry<T> | undefined),
  );
  const missing = entry === undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the fetcher; `missing` reloads after invalidate()
  useEffect(() => {
    if (full === null || !autoLoad) return;
    const current = entries.get(full);
    if (current?.loading) return;
    if (current && Date.now() - current.at < maxAgeMs && current.error === undefined) return;
    // A recent error is retried only on request (reload), not on every mount.
    if (current?.error !== undefined && Date.now() - current.at < 5_000) return;
    loadScoped(full, fetcher).catch(() => {
      // kept in the entry
    });
  }, [full, missing, autoLoad]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the fetcher
  const reload = useCallback(() => {
    if (full === null) return;
    loadScoped(full, fetcher).catch(() => {
      // kept in the entry
    });
  }, [full]);
  return {
    data: entry?.data,
    error: entry?.error,
    loading: key !== null && (entry === undefined ? autoLoad : entry.loading),
    reload,
  };
}
