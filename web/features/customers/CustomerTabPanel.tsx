import { Button, makeStyles, Spinner, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useId, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CustomerQuery } from '../../api/engagements.ts';
import type { CustomerCounts } from '../../api/types.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useDelayedFlag } from '../../components/useDelayedFlag.ts';
import { useVisuallyHidden } from '../../components/visuallyHidden.ts';
import type { MessageId } from '../../i18n/locales.ts';
import { loadWizard } from './CustomerDialogs.tsx';
import { CustomersEmptyState } from './CustomersEmptyState.tsx';
import { panelId, tabId } from './CustomerTabs.tsx';
import { isFiltered, type UrlState } from './customersUrl.ts';
import { ExportButton } from './ExportButton.tsx';
import { TAB_MESSAGE_IDS } from './labels.ts';
import { ALL_ACTIONS_WORK } from './rowActions.ts';
import { CustomerTable } from './table/CustomerTable.tsx';
import { type CustomerList, type LoadedRows, rowsKey } from './useCustomerList.ts';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  panelBar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  note: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, maxWidth: '90ch' },
  spinner: { padding: tokens.spacingVerticalXL },
});

/**
 * One tab of the Customers page: "+ Add customer" (Eligible) and Export, then its rows, an empty
 * state, or why they could not be loaded. While a new search or sort loads, the previous rows stay
 * (dimmed), so the table does not flash empty.
 */
export function CustomerTabPanel({
  engagementId,
  code,
  query: state,
  list,
  counts,
  onChange,
  onAdd,
  addBlocked,
}: {
  engagementId: string;
  code: string | undefined;
  query: CustomerQuery;
  list: CustomerList;
  counts: CustomerCounts | undefined;
  onChange: (next: Partial<UrlState>) => void;
  onAdd: () => void;
  /** Why nobody can add a customer here now (an upcoming or ended workshop, no location that earns). */
  addBlocked: MessageId | null;
}) {
  const styles = useStyles();
  const intl = useIntl();
  const noteId = useId();
  const blockedId = useId();
  const tableHeading = useId();
  const hidden = useVisuallyHidden();
  const tabName = intl.formatMessage({ id: TAB_MESSAGE_IDS[state.tab] });

  const key = rowsKey(engagementId, state);
  const lastShown = useRef<{ key: string; data: LoadedRows } | null>(null);
  if (list.data) lastShown.current = { key, data: list.data };
  const rows = list.data ?? lastShown.current?.data;
  const listKey = list.data ? key : (lastShown.current?.key ?? key);
  const busy = !list.data && rows !== undefined;
  const waiting = useDelayedFlag(list.loading && !list.data && !list.error);
  const total = rows?.pages.reduce((n, p) => n + p.length, 0) ?? 0;

  // Every row action works now (workshop claims included): the "Available soon" note is only for an
  // action this version does not handle.
  const actionsNote =
    state.tab === 'ineligible' || ALL_ACTIONS_WORK ? null : (
      <Text id={noteId} className={styles.note}>
        <FormattedMessage id="customers.actionsNote" />
      </Text>
    );

  return (
    <div
      role="tabpanel"
      id={panelId(state.tab)}
      aria-labelledby={tabId(state.tab)}
      className={styles.panel}
      data-tab={state.tab}
      data-state={list.data ? 'ready' : 'loading'}
    >
      <h2 id={tableHeading} className={hidden.root}>
        <FormattedMessage id="customers.tableHeading" values={{ tab: tabName }} />
      </h2>
      <div className={styles.panelBar}>
        {state.tab === 'eligible' ? (
          // R10: "+ Add customer" on the Eligible tab opens the wizard (spec §4.1).
          // Issue 15: where nobody can add, the button says why instead of opening a wizard that does.
          <Button
            id="customers-add"
            appearance="primary"
            icon={<AddRegular />}
            disabledFocusable={addBlocked !== null}
            aria-describedby={addBlocked ? blockedId : undefined}
            onClick={addBlocked ? undefined : onAdd}
            onMouseEnter={() => void loadWizard()}
            onFocus={() => void loadWizard()}
          >
            <FormattedMessage id="customers.add" />
          </Button>
        ) : null}
        {state.tab === 'eligible' && addBlocked ? (
          <Text id={blockedId} className={styles.note}>
            <FormattedMessage id={addBlocked} />
          </Text>
        ) : null}
        <ExportButton engagementId={engagementId} code={code} query={state} />
      </div>
      {actionsNote}

      {list.error && !rows ? (
        <ErrorMessage
          title={intl.formatMessage({ id: 'customers.loadFailed' })}
          error={list.error}
          onRetry={list.reload}
        />
      ) : null}

      {waiting && !rows ? (
        <Spinner
          className={styles.spinner}
          label={intl.formatMessage({ id: 'customers.loading' }, { tab: tabName })}
        />
      ) : null}

      {rows && total === 0 && !busy ? (
        <CustomersEmptyState engagementId={engagementId} state={state} counts={counts} onChange={onChange} />
      ) : null}

      {rows && total > 0 ? (
        <CustomerTable
          listKey={listKey}
          tab={state.tab}
          pages={rows.pages}
          hasNext={rows.next !== null}
          // The tab counts do not follow the location and status filters (issue 15): no "of N" then.
          total={!busy && counts && !isFiltered(state) ? counts[state.tab] : null}
          sort={state.sort}
          onSort={(sort) => onChange({ sort })}
          loadMore={list.loadMore}
          loadingMore={list.loadingMore}
          busy={busy}
          actionsNoteId={noteId}
          labelledBy={tableHeading}
        />
      ) : null}
      {list.loadMoreError ? <ErrorMessage error={list.loadMoreError} onRetry={list.loadMore} /> : null}
    </div>
  );
}
