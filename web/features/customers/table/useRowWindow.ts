import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CustomerRow } from '../../../api/types.ts';

/** At most this many pages of rows are in the DOM at once; scrolling on slides the window (quality §2: 10 k rows). */
const MAX_PAGES_IN_DOM = 5;

/**
 * The pages of a list that are in the DOM: the last `MAX_PAGES_IN_DOM` up to `end`. Showing the next
 * page (loading it when needed) slides the window down and keeps the rows in view where they are;
 * "previous" brings an earlier page back. The window starts over when `listKey` changes.
 */
export function useRowWindow({
  listKey,
  pages,
  hasNext,
  loadMore,
  loadingMore,
}: {
  listKey: string;
  pages: CustomerRow[][];
  hasNext: boolean;
  loadMore: () => void;
  loadingMore: boolean;
}) {
  const [win, setWin] = useState<{ key: string; end: number | null }>({ key: listKey, end: null });
  const end = Math.min(pages.length, (win.key === listKey ? win.end : null) ?? pages.length);
  const start = Math.max(0, end - MAX_PAGES_IN_DOM);
  const sentinel = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const shownFrom = useRef({ key: listKey, start });
  const anchor = useRef<{ page: number; top: number } | null>(null);

  // When the window slides down (pages dropped at the top), keep the rows under the reader's eyes
  // where they are: note where the first page that stays is before the change, and scroll by how
  // much it moved after it. (The browser's scroll anchoring is turned off meanwhile: it does not
  // reliably hold rows of a table, and two corrections would jump.)
  if (shownFrom.current.key === listKey && start > shownFrom.current.start) {
    const body = tableRef.current?.querySelector<HTMLElement>(`tbody[data-page="${start}"]`);
    anchor.current = body ? { page: start, top: body.getBoundingClientRect().top } : null;
  }
  useLayoutEffect(() => {
    const before = shownFrom.current;
    shownFrom.current = { key: listKey, start };
    const pin = anchor.current;
    anchor.current = null;
    if (!pin || before.key !== listKey || start <= before.start) return;
    const body = tableRef.current?.querySelector<HTMLElement>(`tbody[data-page="${pin.page}"]`);
    if (body) window.scrollBy(0, body.getBoundingClientRect().top - pin.top);
  });
  useEffect(() => {
    const root = document.documentElement;
    const previous = root.style.overflowAnchor;
    root.style.overflowAnchor = 'none';
    return () => {
      root.style.overflowAnchor = previous;
    };
  }, []);

  const showPrevious = () => setWin({ key: listKey, end: Math.max(1, end - 1) });
  const showNext = () => {
    if (loadingMore) return;
    if (end < pages.length) setWin({ key: listKey, end: end + 1 >= pages.length ? null : end + 1 });
    else if (hasNext) {
      setWin({ key: listKey, end: null });
      loadMore();
    }
  };
  const canShowNext = end < pages.length || hasNext;

  // Infinite scroll: when the end of the list comes near (scrolling down onto it), show the next
  // page, loading it when needed. Only an approach counts, not "still in view" after a load, so a
  // tall window never loads page after page on its own. The button below the table does the same for
  // keyboard users and without IntersectionObserver.
  const showNextRef = useRef(showNext);
  showNextRef.current = showNext;
  useEffect(() => {
    const node = sentinel.current;
    if (!node || typeof IntersectionObserver === 'undefined') return;
    let wasInView = true; // the first report (on observe) only says where it is
    const observer = new IntersectionObserver(
      (entries) => {
        const inView = entries.some((e) => e.isIntersecting);
        if (inView && !wasInView) showNextRef.current();
        wasInView = inView;
      },
      { rootMargin: '0px 0px 300px 0px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  return { start, end, tableRef, sentinel, showPrevious, showNext, canShowNext };
}
