import { Button, mergeClasses } from '@fluentui/react-components';
import { FormattedMessage } from 'react-intl';
import type { CustomerRow, CustomerSort, CustomerTab } from '../../../api/types.ts';
import { ScrollRegion } from '../../../components/ScrollRegion.tsx';
import { PageRows } from './CustomerRows.tsx';
import { COLUMN_WIDTHS, TableHead } from './TableHead.tsx';
import { useTableStyles } from './tableStyles.ts';
import { useRowWindow } from './useRowWindow.ts';

// The rows of one tab of the Customers page: a window of at most five pages in the DOM
// (useRowWindow.ts), "Show the previous 100" above it, and below it how many rows are shown and
// "Load more" (which infinite scroll also does).

export interface CustomerTableProps {
  /** Identifies the list (engagement, tab, sort, search): the window starts over when it changes. */
  listKey: string;
  tab: CustomerTab;
  pages: CustomerRow[][];
  hasNext: boolean;
  total: number | null;
  sort: CustomerSort;
  onSort: (sort: CustomerSort) => void;
  loadMore: () => void;
  loadingMore: boolean;
  busy: boolean;
  /** The id of the visible text that explains why the row actions are not available yet. */
  actionsNoteId: string;
  labelledBy: string;
}

export function CustomerTable(props: CustomerTableProps) {
  const { listKey, tab, pages, hasNext, total, loadMore, loadingMore, busy, actionsNoteId } = props;
  const styles = useTableStyles();
  const { start, end, tableRef, sentinel, showPrevious, showNext, canShowNext } = useRowWindow({
    listKey,
    pages,
    hasNext,
    loadMore,
    loadingMore,
  });

  const offsets: number[] = [];
  let running = 0;
  for (const page of pages) {
    offsets.push(running);
    running += page.length;
  }
  const loaded = running;
  const firstShown = (offsets[start] ?? 0) + 1;
  const lastShown = end > 0 ? (offsets[end - 1] ?? 0) + (pages[end - 1]?.length ?? 0) : 0;

  return (
    <>
      {start > 0 ? (
        <div className={styles.pager}>
          <Button onClick={showPrevious}>
            <FormattedMessage id="customers.showPrevious" values={{ count: pages[start - 1]?.length ?? 0 }} />
          </Button>
        </div>
      ) : null}
      <ScrollRegion labelledBy={props.labelledBy}>
        <table
          ref={tableRef}
          className={mergeClasses(styles.table, busy && styles.busy)}
          aria-labelledby={props.labelledBy}
          aria-busy={busy || loadingMore}
          aria-rowcount={total !== null ? total + 1 : -1}
        >
          <colgroup>
            {COLUMN_WIDTHS[tab].map((width, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional
              <col key={i} style={{ width: `${width}%` }} />
            ))}
          </colgroup>
          <TableHead tab={tab} sort={props.sort} onSort={props.onSort} />
          {pages.slice(start, end).map((rows, i) => (
            <PageRows
              // biome-ignore lint/suspicious/noArrayIndexKey: a page's place in the list is its identity
              key={start + i}
              page={start + i}
              rows={rows}
              offset={offsets[start + i] ?? 0}
              tab={tab}
              actionsNoteId={actionsNoteId}
            />
          ))}
        </table>
      </ScrollRegion>
      <div ref={sentinel} className={styles.sentinel} />
      <div className={styles.pager}>
        <span role="status">
          {loaded > 0 ? (
            total !== null ? (
              <FormattedMessage id="customers.shown" values={{ from: firstShown, to: lastShown, total }} />
            ) : (
              <FormattedMessage id="customers.shownNoTotal" values={{ from: firstShown, to: lastShown }} />
            )
          ) : null}
        </span>
        {canShowNext ? (
          <Button onClick={showNext} disabledFocusable={loadingMore}>
            <FormattedMessage id={loadingMore ? 'common.loadingMore' : 'common.loadMore'} />
          </Button>
        ) : null}
      </div>
    </>
  );
}
