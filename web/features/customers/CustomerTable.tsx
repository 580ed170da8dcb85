import {
  Button,
  makeStyles,
  mergeClasses,
  shorthands,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { ArrowDownRegular, ArrowSortRegular, ArrowUpRegular, WarningRegular } from '@fluentui/react-icons';
import {
  createContext,
  memo,
  type ReactNode,
  useContext,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CustomerRow, CustomerSort, CustomerTab, RowAction } from '../../api/types.ts';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { statusLabel } from '../../components/statusLabels.ts';
import { useVisuallyHidden } from '../../components/visuallyHidden.ts';
import { ACTION_MESSAGE_IDS, countdownText } from './labels.ts';

// The rows are plain table elements styled with Fluent tokens rather than Fluent's Table, Button and
// Badge components: a page of 100 rows renders several times faster that way, which is what keeps a
// tab switch under 100 ms and scrolling through 10 k rows smooth (quality §2).

const useStyles = makeStyles({
  table: {
    ...typographyStyles.body1,
    width: '100%',
    minWidth: '880px',
    borderCollapse: 'collapse',
    // Column widths from the <colgroup>, not from measuring every cell: much cheaper layout for a
    // page of 100 rows (tab switch, scrolling).
    tableLayout: 'fixed',
    color: tokens.colorNeutralForeground1,
    transitionProperty: 'opacity',
    transitionDuration: tokens.durationNormal,
  },
  busy: { opacity: 0.6 },
  th: {
    textAlign: 'start',
    fontWeight: tokens.fontWeightRegular,
    height: '34px',
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    verticalAlign: 'middle',
    overflowWrap: 'anywhere',
  },
  sortButton: {
    ...typographyStyles.body1,
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minHeight: '24px',
    margin: `0 calc(-1 * ${tokens.spacingHorizontalXXS})`,
    padding: `0 ${tokens.spacingHorizontalXXS}`,
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  sortIcon: { flexShrink: 0, color: tokens.colorNeutralForeground3 },
  tr: {
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
  },
  td: {
    padding: tokens.spacingHorizontalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    verticalAlign: 'top',
  },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  strong: { ...typographyStyles.body1Strong, overflowWrap: 'anywhere' },
  secondary: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
  },
  id: { ...typographyStyles.caption1, fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  urgent: { ...typographyStyles.body1Strong, color: tokens.colorPaletteRedForeground1 },
  actions: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    alignItems: 'flex-start',
  },
  // Looks like Fluent's small button with disabledFocusable: reachable by keyboard, does nothing.
  action: {
    ...typographyStyles.caption1Strong,
    display: 'inline-flex',
    alignItems: 'center',
    minHeight: '24px',
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeDisabled}`,
    backgroundColor: tokens.colorNeutralBackgroundDisabled,
    color: tokens.colorNeutralForegroundDisabled,
    cursor: 'not-allowed',
    textAlign: 'start',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  // A working row action (Claim customer): Fluent's small outline button look.
  actionEnabled: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':active': { backgroundColor: tokens.colorNeutralBackground1Pressed },
  },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  pill: {
    ...typographyStyles.caption1Strong,
    display: 'inline-flex',
    alignItems: 'center',
    minHeight: '20px',
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid`,
    boxSizing: 'border-box',
  },
  nowrap: { whiteSpace: 'nowrap' },
  pillIcon: { flexShrink: 0, marginRight: tokens.spacingHorizontalXXS },
  // The warning pill sits under the status: as wide as its text.
  pillStart: { alignSelf: 'flex-start' },

  success: {
    backgroundColor: tokens.colorPaletteGreenBackground1,
    color: tokens.colorPaletteGreenForeground1,
    ...shorthands.borderColor(tokens.colorPaletteGreenBorder1),
  },
  warning: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    color: tokens.colorPaletteYellowForeground1,
    ...shorthands.borderColor(tokens.colorPaletteYellowBorder1),
  },
  informative: {
    backgroundColor: tokens.colorNeutralBackground4,
    color: tokens.colorNeutralForeground3,
    ...shorthands.borderColor(tokens.colorNeutralStroke2),
  },
  subtle: {
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground3,
    ...shorthands.borderColor(tokens.colorNeutralStroke2),
  },
  pager: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} 0`,
  },
  sentinel: { height: '1px' },
});

/** Column widths per tab (percent of the table), in column order. */
const COLUMN_WIDTHS: Record<CustomerTab, number[]> = {
  eligible: [20, 18, 16, 10, 18, 18],
  ineligible: [24, 22, 18, 36],
  complete: [22, 22, 18, 18, 20],
};

/** At most this many pages of rows are in the DOM at once; scrolling on slides the window (quality §2: 10 k rows). */
export const MAX_PAGES_IN_DOM = 5;
/** Rows this close to their deadline are highlighted. */
const URGENT_DAYS = 7;

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
  const { listKey, tab, pages, hasNext, total, sort, onSort, loadMore, loadingMore, busy, actionsNoteId } =
    props;
  const styles = useStyles();
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

  const offsets: number[] = [];
  let running = 0;
  for (const page of pages) {
    offsets.push(running);
    running += page.length;
  }
  const loaded = running;
  const firstShown = (offsets[start] ?? 0) + 1;
  const lastShown = end > 0 ? (offsets[end - 1] ?? 0) + (pages[end - 1]?.length ?? 0) : 0;

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
  // tall window never loads page after page on its own. The button below does the same for keyboard
  // users and without IntersectionObserver.
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

  const header = (content: ReactNode, column?: 'name' | 'status') => {
    if (!column) return <th className={styles.th}>{content}</th>;
    const direction = sort === column ? 'ascending' : sort === `-${column}` ? 'descending' : 'none';
    const Icon =
      direction === 'ascending'
        ? ArrowUpRegular
        : direction === 'descending'
          ? ArrowDownRegular
          : ArrowSortRegular;
    return (
      <th className={styles.th} aria-sort={direction}>
        <button
          type="button"
          className={styles.sortButton}
          onClick={() => onSort((direction === 'ascending' ? `-${column}` : column) as CustomerSort)}
        >
          {content}
          <Icon aria-hidden className={styles.sortIcon} fontSize={14} />
        </button>
      </th>
    );
  };

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
          <thead>
            <tr aria-rowindex={1}>
              {header(<FormattedMessage id="customers.column.customer" />, 'name')}
              {header(<FormattedMessage id="customers.column.tenant" />)}
              {header(<FormattedMessage id="customers.column.location" />)}
              {tab === 'eligible' ? header(<FormattedMessage id="customers.column.type" />) : null}
              {tab === 'ineligible'
                ? header(<FormattedMessage id="customers.column.reason" />)
                : header(
                    <FormattedMessage
                      id={tab === 'complete' ? 'customers.column.outcome' : 'customers.column.status'}
                    />,
                    'status',
                  )}
              {tab !== 'ineligible' ? header(<FormattedMessage id="customers.column.action" />) : null}
            </tr>
          </thead>
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

const PageRows = memo(function PageRows({
  page,
  rows,
  offset,
  tab,
  actionsNoteId,
}: {
  page: number;
  rows: CustomerRow[];
  offset: number;
  tab: CustomerTab;
  actionsNoteId: string;
}) {
  return (
    <tbody data-page={page}>
      {rows.map((row, i) => (
        <Row
          key={`${row.nominationId ?? 'candidate'}:${row.customerId}`}
          row={row}
          index={offset + i}
          tab={tab}
          actionsNoteId={actionsNoteId}
        />
      ))}
    </tbody>
  );
});

const Row = memo(function Row({
  row,
  index,
  tab,
  actionsNoteId,
}: {
  row: CustomerRow;
  index: number;
  tab: CustomerTab;
  actionsNoteId: string;
}) {
  const styles = useStyles();
  return (
    // Row 1 is the header.
    <tr aria-rowindex={index + 2} className={styles.tr}>
      <td className={styles.td}>
        <div className={styles.stack}>
          <span className={styles.strong}>{row.name}</span>
          {row.domain ? <span className={styles.secondary}>{row.domain}</span> : null}
        </div>
      </td>
      <td className={styles.td}>
        <TenantCell row={row} />
      </td>
      <td className={styles.td}>
        <LocationCell row={row} />
      </td>
      {tab === 'eligible' ? (
        <td className={styles.td}>
          <TypeCell row={row} />
        </td>
      ) : null}
      <td className={styles.td}>
        {tab === 'ineligible' ? (
          <ReasonCell row={row} />
        ) : tab === 'complete' ? (
          <OutcomeCell row={row} />
        ) : (
          <StatusCell row={row} />
        )}
      </td>
      {tab !== 'ineligible' ? (
        <td className={styles.td}>
          <ActionsCell row={row} actionsNoteId={actionsNoteId} />
        </td>
      ) : null}
    </tr>
  );
});

function TenantCell({ row }: { row: CustomerRow }) {
  const styles = useStyles();
  const hidden = useVisuallyHidden();
  return (
    <div className={styles.stack}>
      <span className={styles.id}>
        <span className={hidden.root}>
          <FormattedMessage id="customers.tenantId" />{' '}
        </span>
        {row.tenantId}
      </span>
      {row.tpid !== null ? (
        <span className={styles.secondary}>
          <FormattedMessage id="customers.tpid" values={{ tpid: String(row.tpid) }} />
        </span>
      ) : null}
    </div>
  );
}

function LocationCell({ row }: { row: CustomerRow }) {
  const styles = useStyles();
  if (!row.location)
    return (
      <span className={styles.secondary}>
        <FormattedMessage id="customers.location.none" />
      </span>
    );
  return (
    <div className={styles.stack}>
      <span>{row.location.name}</span>
      <span className={styles.secondary}>
        <FormattedMessage id="customers.location.mpnId" values={{ mpnId: row.location.mpnId }} />
      </span>
    </div>
  );
}

function TypeCell({ row }: { row: CustomerRow }) {
  const styles = useStyles();
  if (row.type === 'active')
    return (
      <span className={mergeClasses(styles.pill, styles.nowrap, styles.success)}>
        <FormattedMessage id="customers.type.active" />
      </span>
    );
  if (row.type === 'notStarted')
    return (
      <span className={mergeClasses(styles.pill, styles.nowrap, styles.informative)}>
        <FormattedMessage id="customers.type.notStarted" />
      </span>
    );
  return <span aria-hidden>—</span>;
}

function StatusCell({ row }: { row: CustomerRow }) {
  const styles = useStyles();
  const intl = useIntl();
  const countdown = countdownText(intl, row);
  const label = statusLabel(intl, row.status);
  // The consent email could not be delivered: say so next to the status, with what to do.
  const emailFailed =
    row.consentEmail === 'failed' ? (
      <span className={mergeClasses(styles.pill, styles.pillStart, styles.warning)}>
        <WarningRegular aria-hidden className={styles.pillIcon} />
        <FormattedMessage id="customers.emailFailed" />
      </span>
    ) : null;
  if (!countdown)
    return emailFailed ? (
      <div className={styles.stack}>
        <span>{label}</span>
        {emailFailed}
      </div>
    ) : (
      <span>{label}</span>
    );
  const urgent = row.daysLeft !== null && row.daysLeft <= URGENT_DAYS;
  // The dispute countdown already says "rejected"; the others name the step under the countdown.
  const showLabel = row.countdown !== 'dispute';
  const primary = row.countdown === 'review' ? label : countdown;
  const secondary = row.countdown === 'review' ? countdown : label;
  return (
    <div className={styles.stack}>
      <span className={urgent && row.countdown !== 'review' ? styles.urgent : undefined}>{primary}</span>
      {showLabel ? <span className={styles.secondary}>{secondary}</span> : null}
      {emailFailed}
    </div>
  );
}

function OutcomeCell({ row }: { row: CustomerRow }) {
  const styles = useStyles();
  const intl = useIntl();
  const outcome = row.outcome ?? row.status;
  const tone =
    outcome === 'approved' ? styles.success : outcome === 'cancelled' ? styles.subtle : styles.warning;
  return <span className={mergeClasses(styles.pill, tone)}>{statusLabel(intl, outcome)}</span>;
}

function ReasonCell({ row }: { row: CustomerRow }) {
  const styles = useStyles();
  const reason = row.ineligibleReason;
  if (!reason) return <span aria-hidden>—</span>;
  const failed = reason.failedCriteria ?? [];
  return (
    <div className={styles.stack}>
      <span>{reason.message}</span>
      {failed.length > 0 ? (
        <ul className={mergeClasses(styles.reasons, styles.secondary)}>
          {failed.map((c) => (
            <li key={`${c.code}:${c.message}`}>{c.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The row actions that work, and what each does (opens its wizard or dialog); provided by the Customers page. */
export interface RowActionHandlers {
  has: (action: RowAction) => boolean;
  run: (action: RowAction, row: CustomerRow) => void;
}
export const RowActionsContext = createContext<RowActionHandlers | null>(null);

/**
 * The actions the row's state allows (spec §3). Claim customer (R19), Trigger and Resend customer
 * consent (R26–R29) and the workshop-claim actions (Submit / Continue / View, spec §4.4) work; an
 * action the page does not handle would be a disabled but focusable button, described by the visible
 * note that says so, never a button that pretends to work.
 */
function ActionsCell({ row, actionsNoteId }: { row: CustomerRow; actionsNoteId: string }) {
  const styles = useStyles();
  const intl = useIntl();
  const handlers = useContext(RowActionsContext);
  if (row.actions.length === 0) return <span aria-hidden>—</span>;
  // Consent actions act on the record; Claim customer creates one.
  const works = (action: RowAction) =>
    handlers?.has(action) === true && (action === 'claimCustomer' || row.nominationId !== null);
  const soon = row.actions.some((a) => !works(a));
  return (
    <div className={styles.actions}>
      {row.actions.map((action) => {
        const label = intl.formatMessage({ id: ACTION_MESSAGE_IDS[action] });
        const name = intl.formatMessage(
          { id: 'customers.action.label' },
          { action: label, customer: row.name },
        );
        if (works(action))
          return (
            <button
              key={action}
              type="button"
              className={mergeClasses(styles.action, styles.actionEnabled)}
              aria-label={name}
              data-action={action}
              onClick={() => handlers?.run(action, row)}
            >
              {label}
            </button>
          );
        return (
          <button
            key={action}
            type="button"
            className={styles.action}
            aria-disabled="true"
            aria-label={name}
            aria-describedby={actionsNoteId}
          >
            {label}
          </button>
        );
      })}
      {soon ? (
        <span className={styles.secondary}>
          <FormattedMessage id="customers.action.soon" />
        </span>
      ) : null}
    </div>
  );
}
