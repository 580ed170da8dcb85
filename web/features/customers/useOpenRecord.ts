import { useEffect, useRef, useState } from 'react';
import { CUSTOMER_TABS, type CustomerTab } from '../../api/types.ts';
import { panelId } from './CustomerTabs.tsx';
import type { CustomerList } from './useCustomerList.ts';

// Issue 15: a link about one record (a notification's `?record=<nominationId>`) opens the Customers
// page on its row: the tab that lists it is shown, more pages load until it is there, and the row is
// scrolled into view, highlighted and focused. A record no tab lists any more (declined, expired) is
// said to be gone. The three tabs' lists are the page's own, so this needs no request of its own.

type OpenRecordState = 'none' | 'looking' | 'shown' | 'notListed';

export function useOpenRecord({
  record,
  tab,
  lists,
  showTab,
}: {
  record: string;
  tab: CustomerTab;
  lists: Record<CustomerTab, CustomerList>;
  showTab: (tab: CustomerTab) => void;
}): OpenRecordState {
  const [done, setDone] = useState<{ record: string; state: 'shown' | 'notListed' } | null>(null);
  const show = useRef(showTab);
  show.current = showTab;

  const listed = (t: CustomerTab) =>
    lists[t].data?.pages.some((page) => page.some((row) => row.nominationId === record)) ?? false;
  const found = record ? CUSTOMER_TABS.find(listed) : undefined;
  const allLoaded = CUSTOMER_TABS.every((t) => lists[t].data !== undefined && lists[t].data?.next === null);
  const current = done?.record === record ? done.state : null;

  useEffect(() => {
    if (!record || current) return;
    if (found && found !== tab) {
      show.current(found);
      return;
    }
    if (found) {
      // After the rows are in the DOM (this effect runs after the render that shows them).
      const frame = window.requestAnimationFrame(() => {
        const row = document.querySelector<HTMLElement>(
          `#${CSS.escape(panelId(found))} tr[data-nomination-id="${CSS.escape(record)}"]`,
        );
        if (!row) return;
        row.tabIndex = -1;
        row.dataset.highlighted = 'true';
        row.scrollIntoView({ block: 'center' });
        row.focus({ preventScroll: true });
        setDone({ record, state: 'shown' });
      });
      return () => window.cancelAnimationFrame(frame);
    }
    // Not in what is loaded: load the next page of every tab that has one, or say it is gone.
    if (allLoaded) {
      setDone({ record, state: 'notListed' });
      return;
    }
    for (const t of CUSTOMER_TABS) if (lists[t].data?.next) lists[t].loadMore();
  });

  if (!record) return 'none';
  return current ?? 'looking';
}
