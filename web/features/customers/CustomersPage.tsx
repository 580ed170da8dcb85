import { MessageBar, MessageBarBody, makeStyles, Text, tokens } from '@fluentui/react-components';
import { Activity, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { invalidate, peek, useQuery } from '../../api/cache.ts';
import { ApiError } from '../../api/client.ts';
import { type CustomerQuery, detailKey, fetchDetail } from '../../api/engagements.ts';
import { CUSTOMER_TABS, type CustomerTab, type EngagementDetail } from '../../api/types.ts';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { useNotify } from '../../components/notices.tsx';
import { Page } from '../../components/Page.tsx';
import type { MessageId } from '../../i18n/locales.ts';
import { navigate, useLocation } from '../../routes/router.tsx';
import { EngagementNotFound } from '../engagements/EngagementNotFound.tsx';
import { RequireIncentiveRole } from '../engagements/RequireIncentiveRole.tsx';
import { CustomerDialogs, type OpenDialog, preloadConsentDialogs } from './CustomerDialogs.tsx';
import { CustomersNotAvailable } from './CustomersNotAvailable.tsx';
import { CustomersToolbar } from './CustomersToolbar.tsx';
import { CustomerTabPanel } from './CustomerTabPanel.tsx';
import { CustomerTabs } from './CustomerTabs.tsx';
import { stateOf, tabQuery, type UrlState, urlOf } from './customersUrl.ts';
import { ImportCustomersButton } from './ImportCustomersButton.tsx';
import { useRowActionHandlers } from './rowActions.ts';
import { RowActionsContext } from './table/RowActions.tsx';
import { type CustomerList, rowsKey, useCounts, useCustomerList } from './useCustomerList.ts';
import { useOpenRecord } from './useOpenRecord.ts';

// The Customers page of a workshop (spec §3, R3–R8): the page shell. Its sections are the toolbar
// (search, sort), the tabs, one panel per tab with its table, and the dialogs the rows and
// "+ Add customer" open; each in its own file.

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2, maxWidth: '75ch' },
});

export default function CustomersPage({ params }: { params: Record<string, string> }) {
  return (
    <RequireIncentiveRole>
      <Customers engagementId={params.engagementId ?? ''} />
    </RequireIncentiveRole>
  );
}

/** Why nobody can add a customer to this workshop now, or null (issue 15: the wizard used to open and then say so). */
function addBlockedReason(engagement: EngagementDetail | undefined): MessageId | null {
  if (!engagement) return null;
  if (engagement.availability === 'upcoming') return 'customers.addBlocked.upcoming';
  if (engagement.availability === 'expired') return 'customers.addBlocked.expired';
  return engagement.eligibility.earningLocations === 0 ? 'wizard.location.none' : null;
}

function isNotAvailable(error: unknown): error is ApiError {
  return error instanceof ApiError && error.code === 'NotAvailableForEngagement';
}

function Customers({ engagementId }: { engagementId: string }) {
  const styles = useStyles();
  const intl = useIntl();
  const notify = useNotify();
  const { search: urlSearch } = useLocation();
  const parsed = stateOf(urlSearch);
  // One object per distinct state, so that hooks keyed on it do not re-run on every render.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the fields are the identity
  const state = useMemo(
    () => parsed,
    [parsed.tab, parsed.search, parsed.sort, parsed.locationId, parsed.status, parsed.record],
  );

  // A first load straight here finds these in the cache already (firstLoad.ts, main.tsx).
  const detail = useQuery(detailKey(engagementId), fetchDetail(engagementId));
  const notWorkshop = detail.data !== undefined && !detail.data.hasCustomersPage;
  const queries = useMemo(() => {
    const shown = {
      tab: state.tab,
      search: state.search,
      sort: state.sort,
      locationId: state.locationId,
      status: state.status,
    };
    return Object.fromEntries(CUSTOMER_TABS.map((t) => [t, tabQuery(shown, t)])) as Record<
      CustomerTab,
      CustomerQuery
    >;
  }, [state.search, state.sort, state.locationId, state.status, state.tab]);
  // The tab shown loads first; the other two follow as soon as it is here, so that switching to
  // them is immediate (quality §2: tab switch ≤ 100 ms).
  const shownLoaded = peek(rowsKey(engagementId, queries[state.tab]))?.data !== undefined;
  const lists: Record<CustomerTab, CustomerList> = {
    eligible: useCustomerList(engagementId, queries.eligible, state.tab === 'eligible' || shownLoaded),
    ineligible: useCustomerList(engagementId, queries.ineligible, state.tab === 'ineligible' || shownLoaded),
    complete: useCustomerList(engagementId, queries.complete, state.tab === 'complete' || shownLoaded),
  };
  const list = lists[state.tab];
  const counts = useCounts(engagementId, state.search);

  const setState = (next: Partial<UrlState>) => {
    // Another tab has other statuses: its status filter starts empty. Any change leaves the record a
    // link opened the page on.
    const status = next.tab !== undefined && next.tab !== state.tab ? '' : state.status;
    navigate(urlOf(engagementId, { ...state, status, record: '', ...next }), { replace: true, focus: false });
  };
  const opening = useOpenRecord({
    record: state.record,
    tab: state.tab,
    lists,
    showTab: (tab) => setState({ tab, record: state.record }),
  });

  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const openDialog = useCallback((next: OpenDialog) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDialog(next);
  }, []);
  const rowActions = useRowActionHandlers(engagementId, openDialog);
  // The consent dialogs' code starts loading as soon as the page is here.
  useEffect(() => {
    const idle = window.setTimeout(preloadConsentDialogs, 1500);
    return () => window.clearTimeout(idle);
  }, []);
  const closeDialog = (changed: boolean, message?: string) => {
    setDialog(null);
    if (message) notify(message, 'success');
    // Added or claimed: every Customers page (its rows and counts) may have changed.
    if (changed) invalidate('customers:');
    const back = opener.current;
    window.requestAnimationFrame(() => {
      if (back?.isConnected) back.focus();
      else document.getElementById('customers-add')?.focus();
    });
  };

  const name = detail.data?.name;
  const title = intl.formatMessage({ id: 'customers.title' });
  const crumbs = (
    <Breadcrumbs
      items={[
        { label: intl.formatMessage({ id: 'engagements.title' }), href: '/engagements' },
        {
          label: name ?? intl.formatMessage({ id: 'engagement.titleUnknown' }),
          href: `/engagements/${encodeURIComponent(engagementId)}`,
        },
        { label: title },
      ]}
    />
  );

  if (notWorkshop || isNotAvailable(list.error))
    return <CustomersNotAvailable engagementId={engagementId} error={list.error} name={name} />;
  if (
    (detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400)) ||
    (list.error instanceof ApiError && list.error.code === 'NotFound')
  )
    return <EngagementNotFound />;

  return (
    <Page title={title} documentTitle={name ? `${title} – ${name}` : title} before={crumbs}>
      <Text as="p" className={styles.intro}>
        {name ? (
          <FormattedMessage id="customers.intro" values={{ engagement: name }} />
        ) : (
          <FormattedMessage id="customers.introNoName" />
        )}
      </Text>
      {opening === 'notListed' ? (
        <MessageBar intent="info">
          <MessageBarBody>
            <FormattedMessage id="customers.record.notListed" />
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <CustomersToolbar state={state} onChange={setState} locations={detail.data?.locations ?? []} />
      <div>
        <ImportCustomersButton />
      </div>
      <CustomerTabs tab={state.tab} counts={counts.data} onSelect={(tab) => setState({ tab })} />
      <RowActionsContext.Provider value={rowActions}>
        {CUSTOMER_TABS.map((t) => (
          // Every tab stays rendered, the ones not shown hidden (and kept up to date in the background):
          // switching tabs only reveals one, however many rows it holds.
          <Activity key={t} mode={t === state.tab ? 'visible' : 'hidden'}>
            <CustomerTabPanel
              engagementId={engagementId}
              code={detail.data?.code}
              query={queries[t]}
              list={lists[t]}
              counts={counts.data}
              onChange={setState}
              onAdd={() => openDialog({ mode: 'add' })}
              addBlocked={addBlockedReason(detail.data)}
            />
          </Activity>
        ))}
      </RowActionsContext.Provider>
      <CustomerDialogs
        dialog={dialog}
        engagementId={engagementId}
        onClose={closeDialog}
        onNext={(next) => {
          // Something was created: the lists refresh while the next dialog is open.
          invalidate('customers:');
          setDialog(next);
        }}
      />
    </Page>
  );
}
