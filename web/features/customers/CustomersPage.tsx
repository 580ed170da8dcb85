import {
  Badge,
  Button,
  Field,
  makeStyles,
  SearchBox,
  Select,
  Spinner,
  Tab,
  TabList,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import {
  Activity,
  type FormEvent,
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
} from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { invalidate, peek, useQuery } from '../../api/cache.ts';
import { ApiError } from '../../api/client.ts';
import type { CustomerQuery } from '../../api/engagements.ts';
import { engagementsApi } from '../../api/engagements.ts';
import {
  CUSTOMER_SORTS,
  CUSTOMER_TABS,
  type CustomerCounts,
  type CustomerRow,
  type CustomerSort,
  type CustomerTab,
  type RowAction,
} from '../../api/types.ts';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useNotify } from '../../components/notices.tsx';
import { Page } from '../../components/Page.tsx';
import { useDelayedFlag } from '../../components/useDelayedFlag.ts';
import { useVisuallyHidden } from '../../components/visuallyHidden.ts';
import { Link, navigate, useLocation } from '../../routes/router.tsx';
import { EngagementNotFound } from '../engagements/EngagementNotFound.tsx';
import { RequireIncentiveRole } from '../engagements/RequireIncentiveRole.tsx';
import { CustomerTable, type RowActionHandlers, RowActionsContext } from './CustomerTable.tsx';
import { ExportButton } from './ExportButton.tsx';
import { ACTION_MESSAGE_IDS, SORT_MESSAGE_IDS, TAB_MESSAGE_IDS } from './labels.ts';
import {
  type CustomerList,
  type LoadedRows,
  rowsKey,
  useCounts,
  useCustomerList,
} from './useCustomerList.ts';

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2, maxWidth: '75ch' },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalM,
  },
  search: { flex: '2 1 260px', minWidth: 0, maxWidth: '480px' },
  searchBox: { width: '100%', maxWidth: '100%' },
  sort: { flex: '1 1 200px', minWidth: 0, maxWidth: '280px' },
  tabs: { flexWrap: 'wrap', maxWidth: '100%' },
  tabLabel: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  panelBar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
  },
  note: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, maxWidth: '90ch' },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  emptyTitle: { ...typographyStyles.subtitle2, margin: 0 },
  emptyList: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'grid',
    gap: tokens.spacingVerticalXS,
  },
  emptyActions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  spinner: { padding: tokens.spacingVerticalXL },
});

const SEARCH_DEBOUNCE_MS = 300;

// The Add and Claim customer wizards load when first opened (initial JS budget, quality §2).
const loadWizard = () => import('./wizard/CustomerWizard.tsx');
const CustomerWizard = lazy(loadWizard);
// Likewise the consent dialogs (spec §4.3).
const loadTrigger = () => import('../consent/TriggerConsentWizard.tsx');
const TriggerConsentWizard = lazy(loadTrigger);
const loadResend = () => import('../consent/ResendConsentDialog.tsx');
const ResendConsentDialog = lazy(loadResend);

type WizardState =
  | { mode: 'add' }
  | { mode: 'claim'; customer: { id: string; name: string } }
  | { mode: 'triggerConsent'; row: CustomerRow }
  | { mode: 'resendConsent'; row: CustomerRow };

const WORKING_ACTIONS = new Set<RowAction>([
  'claimCustomer',
  'triggerConsent',
  'resendConsent',
  'submitWorkshopClaim',
  'continueWorkshopClaim',
  'viewWorkshopClaim',
]);
const CLAIM_ACTIONS = new Set<RowAction>([
  'submitWorkshopClaim',
  'continueWorkshopClaim',
  'viewWorkshopClaim',
]);
const ALL_ACTIONS_WORK = Object.keys(ACTION_MESSAGE_IDS).every((a) => WORKING_ACTIONS.has(a as RowAction));

/** The workshop claim page of a row (spec §4.4); `tab` is where "Back to Customers" returns. */
function claimHref(engagementId: string, nominationId: string, tab: string | null): string {
  const path = `/engagements/${encodeURIComponent(engagementId)}/customers/${encodeURIComponent(nominationId)}/claim`;
  return tab ? `${path}?tab=${encodeURIComponent(tab)}` : path;
}

interface UrlState extends CustomerQuery {}

function stateOf(search: string): UrlState {
  const q = new URLSearchParams(search);
  const tab = q.get('tab');
  const sort = q.get('sort');
  return {
    tab: (CUSTOMER_TABS as readonly string[]).includes(tab ?? '') ? (tab as CustomerTab) : 'eligible',
    sort: (CUSTOMER_SORTS as readonly string[]).includes(sort ?? '') ? (sort as CustomerSort) : 'name',
    search: (q.get('search') ?? '').slice(0, 200),
  };
}

function urlOf(engagementId: string, state: UrlState): string {
  const q = new URLSearchParams();
  q.set('tab', state.tab);
  if (state.search.trim()) q.set('search', state.search.trim());
  if (state.sort !== 'name') q.set('sort', state.sort);
  return `/engagements/${encodeURIComponent(engagementId)}/customers?${q.toString()}`;
}

export default function CustomersPage({ params }: { params: Record<string, string> }) {
  return (
    <RequireIncentiveRole>
      <Customers engagementId={params.engagementId ?? ''} />
    </RequireIncentiveRole>
  );
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
  // biome-ignore lint/correctness/useExhaustiveDependencies: the three fields are the identity
  const state = useMemo(() => parsed, [parsed.tab, parsed.search, parsed.sort]);

  const detail = useQuery(`engagements:detail:${engagementId}`, () => engagementsApi.get(engagementId));
  const notWorkshop = detail.data !== undefined && !detail.data.hasCustomersPage;
  const queries = useMemo(
    () =>
      Object.fromEntries(
        CUSTOMER_TABS.map((t) => [t, { tab: t, search: state.search, sort: state.sort }]),
      ) as Record<CustomerTab, CustomerQuery>,
    [state.search, state.sort],
  );
  // The tab shown loads first; the other two follow as soon as it is here, so that switching to
  // them is immediate (quality §2: tab switch ≤ 100 ms).
  const shownLoaded = peek(rowsKey(engagementId, state))?.data !== undefined;
  const lists: Record<CustomerTab, CustomerList> = {
    eligible: useCustomerList(engagementId, queries.eligible, state.tab === 'eligible' || shownLoaded),
    ineligible: useCustomerList(engagementId, queries.ineligible, state.tab === 'ineligible' || shownLoaded),
    complete: useCustomerList(engagementId, queries.complete, state.tab === 'complete' || shownLoaded),
  };
  const list = lists[state.tab];
  const counts = useCounts(engagementId, state.search);

  const setState = (next: Partial<UrlState>) =>
    navigate(urlOf(engagementId, { ...state, ...next }), { replace: true, focus: false });

  const [wizard, setWizard] = useState<WizardState | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const openWizard = useCallback((next: WizardState) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setWizard(next);
  }, []);
  const rowActions = useMemo<RowActionHandlers>(
    () => ({
      has: (action) => WORKING_ACTIONS.has(action),
      run: (action, row) => {
        if (action === 'claimCustomer')
          openWizard({ mode: 'claim', customer: { id: row.customerId, name: row.name } });
        else if (action === 'triggerConsent') openWizard({ mode: 'triggerConsent', row });
        else if (action === 'resendConsent') openWizard({ mode: 'resendConsent', row });
        else if (CLAIM_ACTIONS.has(action) && row.nominationId)
          navigate(
            claimHref(engagementId, row.nominationId, new URLSearchParams(window.location.search).get('tab')),
          );
      },
    }),
    [openWizard, engagementId],
  );
  // The consent dialogs' code starts loading as soon as the page is here.
  useEffect(() => {
    const idle = window.setTimeout(() => {
      void loadTrigger();
      void loadResend();
    }, 1500);
    return () => window.clearTimeout(idle);
  }, []);
  const closeWizard = (changed: boolean, message?: string) => {
    setWizard(null);
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
    return <NotAvailable engagementId={engagementId} error={list.error} name={name} />;
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
      <Toolbar state={state} onChange={setState} />
      <CustomerTabs tab={state.tab} counts={counts.data} onSelect={(tab) => setState({ tab })} />
      <RowActionsContext.Provider value={rowActions}>
        {CUSTOMER_TABS.map((t) => (
          // Every tab stays rendered, the ones not shown hidden (and kept up to date in the background):
          // switching tabs only reveals one, however many rows it holds.
          <Activity key={t} mode={t === state.tab ? 'visible' : 'hidden'}>
            <TabPanel
              engagementId={engagementId}
              code={detail.data?.code}
              query={queries[t]}
              list={lists[t]}
              counts={counts.data}
              onChange={setState}
              onAdd={() => openWizard({ mode: 'add' })}
            />
          </Activity>
        ))}
      </RowActionsContext.Provider>
      {wizard?.mode === 'add' || wizard?.mode === 'claim' ? (
        <Suspense fallback={null}>
          <CustomerWizard
            mode={wizard.mode}
            engagementId={engagementId}
            customer={wizard.mode === 'claim' ? wizard.customer : undefined}
            onClose={closeWizard}
          />
        </Suspense>
      ) : null}
      {wizard?.mode === 'triggerConsent' ? (
        <Suspense fallback={null}>
          <TriggerConsentWizard
            row={wizard.row}
            onClose={(sent) =>
              closeWizard(
                sent !== null,
                sent
                  ? intl.formatMessage(
                      { id: 'consent.sent' },
                      { name: sent.customerContact.name, email: sent.customerContact.email },
                    )
                  : undefined,
              )
            }
          />
        </Suspense>
      ) : null}
      {wizard?.mode === 'resendConsent' ? (
        <Suspense fallback={null}>
          <ResendConsentDialog
            row={wizard.row}
            onClose={(done) =>
              closeWizard(
                done !== null,
                done
                  ? intl.formatMessage(
                      { id: done.kind === 'resent' ? 'consent.resent' : 'consent.changed' },
                      { name: done.request.customerContact.name, email: done.request.customerContact.email },
                    )
                  : undefined,
              )
            }
          />
        </Suspense>
      ) : null}
    </Page>
  );
}

const tabId = (tab: CustomerTab) => `customers-tab-${tab}`;
const panelId = (tab: CustomerTab) => `customers-panel-${tab}`;

function CustomerTabs({
  tab,
  counts,
  onSelect,
}: {
  tab: CustomerTab;
  counts: CustomerCounts | undefined;
  onSelect: (tab: CustomerTab) => void;
}) {
  const styles = useStyles();
  const intl = useIntl();
  return (
    <TabList
      className={styles.tabs}
      selectedValue={tab}
      onTabSelect={(_e, data) => onSelect(data.value as CustomerTab)}
      aria-label={intl.formatMessage({ id: 'customers.tabs' })}
    >
      {CUSTOMER_TABS.map((t) => (
        <Tab key={t} value={t} id={tabId(t)} aria-controls={panelId(t)}>
          <span className={styles.tabLabel}>
            <FormattedMessage id={TAB_MESSAGE_IDS[t]} />
            {counts ? ' ' : null}
            {counts ? (
              <Badge appearance="tint" color="informative" shape="rounded">
                {intl.formatNumber(counts[t])}
              </Badge>
            ) : null}
          </span>
        </Tab>
      ))}
    </TabList>
  );
}

function Toolbar({ state, onChange }: { state: UrlState; onChange: (next: Partial<UrlState>) => void }) {
  const styles = useStyles();
  const intl = useIntl();
  const [text, setText] = useState(state.search);
  const pushed = useRef(state.search);
  const change = useRef(onChange);
  change.current = onChange;
  const searchHint = useId();

  // The URL changed from elsewhere (back/forward, "Clear search"): show its search.
  useEffect(() => {
    if (state.search.trim() !== pushed.current.trim()) {
      pushed.current = state.search;
      setText(state.search);
    }
  }, [state.search]);

  // Debounced: the list follows the typing without a request per keystroke.
  useEffect(() => {
    if (text.trim() === pushed.current.trim()) return;
    const timer = window.setTimeout(() => {
      pushed.current = text;
      change.current({ search: text });
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    pushed.current = text;
    onChange({ search: text });
  };

  return (
    <div className={styles.toolbar}>
      {/* biome-ignore lint/a11y/useSemanticElements: a search landmark around the form (the <search> element is too new) */}
      <form role="search" className={styles.search} onSubmit={submit}>
        <Field
          label={intl.formatMessage({ id: 'customers.search.label' })}
          hint={{ id: searchHint, children: intl.formatMessage({ id: 'customers.search.hint' }) }}
        >
          <SearchBox
            className={styles.searchBox}
            value={text}
            maxLength={200}
            onChange={(_e, data) => setText(data.value)}
            dismiss={{ 'aria-label': intl.formatMessage({ id: 'customers.search.clear' }) }}
          />
        </Field>
      </form>
      <Field className={styles.sort} label={intl.formatMessage({ id: 'customers.sort.label' })}>
        <Select value={state.sort} onChange={(_e, data) => onChange({ sort: data.value as CustomerSort })}>
          {CUSTOMER_SORTS.map((s) => (
            <option key={s} value={s}>
              {intl.formatMessage({ id: SORT_MESSAGE_IDS[s] })}
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
}

function TabPanel({
  engagementId,
  code,
  query: state,
  list,
  counts,
  onChange,
  onAdd,
}: {
  engagementId: string;
  code: string | undefined;
  query: CustomerQuery;
  list: CustomerList;
  counts: CustomerCounts | undefined;
  onChange: (next: Partial<UrlState>) => void;
  onAdd: () => void;
}) {
  const styles = useStyles();
  const intl = useIntl();
  const noteId = useId();
  const tableHeading = useId();
  const hidden = useVisuallyHidden();
  const tabName = intl.formatMessage({ id: TAB_MESSAGE_IDS[state.tab] });

  // While a new search or sort loads, keep showing the previous rows (dimmed).
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
          <Button
            id="customers-add"
            appearance="primary"
            icon={<AddRegular />}
            onClick={onAdd}
            onMouseEnter={() => void loadWizard()}
            onFocus={() => void loadWizard()}
          >
            <FormattedMessage id="customers.add" />
          </Button>
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
        <EmptyState engagementId={engagementId} state={state} counts={counts} onChange={onChange} />
      ) : null}

      {rows && total > 0 ? (
        <CustomerTable
          listKey={listKey}
          tab={state.tab}
          pages={rows.pages}
          hasNext={rows.next !== null}
          total={!busy && counts ? counts[state.tab] : null}
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

function EmptyState({
  engagementId,
  state,
  counts,
  onChange,
}: {
  engagementId: string;
  state: CustomerQuery;
  counts: CustomerCounts | undefined;
  onChange: (next: Partial<UrlState>) => void;
}) {
  const styles = useStyles();
  const intl = useIntl();
  const search = state.search.trim();
  const tabName = intl.formatMessage({ id: TAB_MESSAGE_IDS[state.tab] });

  if (search) {
    const elsewhere = counts ? CUSTOMER_TABS.filter((t) => t !== state.tab && counts[t] > 0) : [];
    return (
      <div className={styles.empty}>
        <p role="status" className={styles.emptyTitle}>
          <FormattedMessage id="customers.empty.search.title" values={{ search, tab: tabName }} />
        </p>
        <Text as="p">
          <FormattedMessage id="customers.empty.search.body" />
        </Text>
        <div className={styles.emptyActions}>
          {elsewhere.map((t) => (
            <Button key={t} onClick={() => onChange({ tab: t })}>
              <FormattedMessage
                id="customers.empty.search.otherTab"
                values={{ tab: intl.formatMessage({ id: TAB_MESSAGE_IDS[t] }), count: counts?.[t] ?? 0 }}
              />
            </Button>
          ))}
          <Button appearance="primary" onClick={() => onChange({ search: '' })}>
            <FormattedMessage id="customers.search.clear" />
          </Button>
        </div>
      </div>
    );
  }

  if (state.tab === 'ineligible')
    return (
      <div className={styles.empty}>
        <p role="status" className={styles.emptyTitle}>
          <FormattedMessage id="customers.empty.ineligible.title" />
        </p>
        <Text as="p">
          <FormattedMessage id="customers.empty.ineligible.body" />
        </Text>
        <ul className={styles.emptyList}>
          <li>
            <FormattedMessage id="customers.reason.criteriaNotMet" />
          </li>
          <li>
            <FormattedMessage id="customers.reason.consentedToOtherPartner" />
          </li>
          <li>
            <FormattedMessage id="customers.reason.completedWithOtherPartner" />
          </li>
        </ul>
      </div>
    );

  if (state.tab === 'complete')
    return (
      <div className={styles.empty}>
        <p role="status" className={styles.emptyTitle}>
          <FormattedMessage id="customers.empty.complete.title" />
        </p>
        <Text as="p">
          <FormattedMessage id="customers.empty.complete.body" />
        </Text>
      </div>
    );

  return (
    <div className={styles.empty}>
      <p role="status" className={styles.emptyTitle}>
        <FormattedMessage id="customers.empty.eligible.title" />
      </p>
      <Text as="p">
        <FormattedMessage id="customers.empty.eligible.body" />
      </Text>
      <p>
        <Link href={`/engagements/${encodeURIComponent(engagementId)}`}>
          <FormattedMessage id="customers.empty.eligible.criteria" />
        </Link>
      </p>
    </div>
  );
}

/** R2: only workshops have a Customers page; any other engagement gets this, in the user's language. */
function NotAvailable({
  engagementId,
  error,
  name,
}: {
  engagementId: string;
  error: unknown;
  name?: string;
}) {
  const intl = useIntl();
  const message =
    error instanceof ApiError && error.hasServerMessage
      ? error.message
      : intl.formatMessage({ id: 'customers.notAvailable.body' });
  return (
    <Page
      title={intl.formatMessage({ id: 'customers.notAvailable.title' })}
      before={
        <Breadcrumbs
          items={[
            { label: intl.formatMessage({ id: 'engagements.title' }), href: '/engagements' },
            {
              label: name ?? intl.formatMessage({ id: 'engagement.titleUnknown' }),
              href: `/engagements/${encodeURIComponent(engagementId)}`,
            },
            { label: intl.formatMessage({ id: 'customers.title' }) },
          ]}
        />
      }
    >
      <Text as="p">{message}</Text>
      <Text as="p">
        <FormattedMessage id="customers.notAvailable.explain" />
      </Text>
      <p>
        <Link href={`/engagements/${encodeURIComponent(engagementId)}`}>
          {name ? (
            <FormattedMessage id="customers.notAvailable.summary" values={{ engagement: name }} />
          ) : (
            <FormattedMessage id="customers.notAvailable.summaryNoName" />
          )}
        </Link>
      </p>
      <p>
        <Link href="/engagements?kind=workshop">
          <FormattedMessage id="customers.notAvailable.workshops" />
        </Link>
      </p>
    </Page>
  );
}
