import { Link as FluentLink } from '@fluentui/react-components';
import { type MouseEvent, type ReactNode, useEffect, useSyncExternalStore } from 'react';

// A deliberately small history router (no dependency): path matching with `:params`, push/replace
// navigation, and a navigation counter that pages use to move focus to their heading after a
// client-side navigation (so screen readers hear the new page, quality §4).

export interface Location {
  pathname: string;
  search: string;
  /** Increments on every client-side navigation; 0 on the first page load. */
  navigation: number;
}

const listeners = new Set<() => void>();
let navigation = 0;
let snapshot: Location = read();

function read(): Location {
  return { pathname: window.location.pathname, search: window.location.search, navigation };
}

function notify(): void {
  snapshot = read();
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', () => {
  navigation += 1;
  notify();
});

export interface NavigateOptions {
  replace?: boolean;
  /**
   * Counts as a navigation the user made, so the new page takes focus (default). Redirects on
   * the first page load pass false: focus then stays at the start of the document.
   */
  focus?: boolean;
}

export function navigate(to: string, options: NavigateOptions = {}): void {
  const current = window.location.pathname + window.location.search;
  if (to === current && !options.replace) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  if (options.focus !== false) navigation += 1;
  notify();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, () => snapshot);
}

export function useSearchParam(name: string): string | null {
  const { search } = useLocation();
  return new URLSearchParams(search).get(name);
}

/** Matches `/a/:id/b` against a pathname; returns the decoded params or null. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = pathname.replace(/\/+$/, '').split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const h = have[i]!;
    if (w.startsWith(':')) {
      try {
        params[w.slice(1)] = decodeURIComponent(h);
      } catch {
        return null;
      }
    } else if (w !== h) return null;
  }
  return params;
}

/** Only same-origin app paths are accepted as a return target (no open redirect). */
export function safeReturnPath(value: string | null): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value === '/signin' || value.startsWith('/signin?')) return '/';
  return value;
}

function isPlainLeftClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export function useLinkHandler(href: string) {
  return (event: MouseEvent<HTMLElement>) => {
    if (event.defaultPrevented || !isPlainLeftClick(event)) return;
    event.preventDefault();
    navigate(href);
  };
}

export interface RouterLinkProps {
  href: string;
  children: ReactNode;
  inline?: boolean;
  className?: string;
}

/** A Fluent Link that navigates inside the SPA (still a real <a href> for new tabs). */
export function Link({ href, children, inline, className }: RouterLinkProps) {
  const handle = useLinkHandler(href);
  return (
    <FluentLink href={href} inline={inline} className={className} onClick={handle}>
      {children}
    </FluentLink>
  );
}

/** Replaces the current entry; `focus` as in {@link NavigateOptions} (default false for redirects). */
export function Redirect({ to, focus = false }: { to: string; focus?: boolean }) {
  useEffect(() => navigate(to, { replace: true, focus }), [to, focus]);
  return null;
}
