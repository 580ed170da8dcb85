import {
  Button,
  Field,
  makeStyles,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useEffect, useId, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from '../../api/cache.ts';
import { type EngagementFilters, engagementsApi, type Page as ListPage } from '../../api/engagements.ts';
import {
  AVAILABILITIES,
  type Availability,
  ENGAGEMENT_KINDS,
  type EngagementKind,
  type EngagementList,
  type EngagementSummary,
} from '../../api/types.ts';
import { useUser } from '../../app/contexts.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { useDelayedFlag } from '../../components/useDelayedFlag.ts';
import { useVisuallyHidden } from '../../components/visuallyHidden.ts';
import { Link, navigate, useLocation } from '../../routes/router.tsx';
import { preloadRoute } from '../../routes/routes.ts';
import { AvailabilityBadge, availabilityLabel, kindLabel } from './labels.tsx';
import { RequireIncentiveRole } from './RequireIncentiveRole.tsx';

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2 },
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    border: 'none',
    minWidth: 0,
  },
  legend: { ...typographyStyles.subtitle2, padding: 0, marginBottom: tokens.spacingVerticalS },
  field: { minWidth: '180px', flex: '1 1 180px', maxWidth: '280px' },
  // A native select is as wide as its longest option (a location's name and MPN ID): let it shrink
  // to its field, which fits the page at 320 px (WCAG 1.4.10); the open list still shows it in full.
  select: { minWidth: 0 },
  table: { minWidth: '760px' },
  nameColumn: { width: '30%' },
  nameCell: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} 0`,
  },
  name: { ...typographyStyles.body1Strong, overflowWrap: 'anywhere' },
  secondary: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
  number: { fontVariantNumeric: 'tabular-nums' },
  status: { minHeight: '20px' },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
  },
  more: { alignSelf: 'flex-start' },
});

const FILTER_KEYS = ['solutionArea', 'availability', 'kind', 'locationId'] as const;

/** The filters in the URL (`/engagements?solutionArea=…`), ignoring values the API would refuse. */
function filtersOf(search: string): EngagementFilters {
  const q = new URLSearchParams(search);
  const filters: EngagementFilters = {};
  const solutionArea = q.get('solutionArea');
  if (solutionArea) filters.solutionArea = solutionArea;
  const availability = q.get('availability');
  if ((AVAILABILITIES as readonly string[]).includes(availability ?? ''))
    filters.availability = availability as Availability;
  const kind = q.get('kind');
  if ((ENGAGEMENT_KINDS as readonly string[]).includes(kind ?? '')) filters.kind = kind as EngagementKind;
  const locationId = q.get('locationId');
  if (locationId) filters.locationId = locationId;
  return filters;
}

function searchOf(filters: EngagementFilters): string {
  const q = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) q.set(key, value);
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

export default function EngagementsPage() {
  return (
    <RequireIncentiveRole>
      <EngagementsList />
    </RequireIncentiveRole>
  );
}

function EngagementsList() {
  const styles = useStyles();
  const intl = useIntl();
  const user = useUser();
  const { search } = useLocation();
  const filters = useMemo(() => filtersOf(search), [search]);
  const key = searchOf(filters);
  const list = useQuery(`engagements:list:${key}`, () => engagementsApi.list(filters));
  // Solution areas come from the catalogue itself: the unfiltered list (the same request when no filter is set).
  const all = useQuery('engagements:list:', () => engagementsApi.list({}));
  const [more, setMore] = useState<{
    key: string;
    pages: ListPage<EngagementSummary>[];
    loading: boolean;
    error?: unknown;
  }>({
    key,
    pages: [],
    loading: false,
  });
  const extra = more.key === key ? more : { key, pages: [], loading: false };
  const showSpinner = useDelayedFlag(list.loading && !list.data);
  const headingId = useId();
  const hidden = useVisuallyHidden();

  // The Customers page is where most users go next: fetch its code while they read this list.
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((fn: () => void) => window.setTimeout(fn, 200));
    idle(() => {
      preloadRoute('/engagements/-/customers');
      preloadRoute('/engagements/-');
    });
  }, []);

  useEffect(() => {
    // A new set of filters starts from its first page.
    setMore((current) => (current.key === key ? current : { key, pages: [], loading: false }));
  }, [key]);

  const solutionAreas = useMemo(() => {
    const names = new Set((all.data?.value ?? []).map((e) => e.solutionArea));
    if (filters.solutionArea) names.add(filters.solutionArea);
    return [...names].sort((a, b) => a.localeCompare(b, intl.locale));
  }, [all.data, filters.solutionArea, intl.locale]);

  const locations = useMemo(
    () => [...user.roles].sort((a, b) => a.locationName.localeCompare(b.locationName, intl.locale)),
    [user.roles, intl.locale],
  );

  const setFilter = (name: (typeof FILTER_KEYS)[number], value: string) => {
    const next = { ...filters, [name]: value || undefined } as EngagementFilters;
    navigate(`/engagements${searchOf(next)}`, { replace: true, focus: false });
  };

  const rows = [...(list.data?.value ?? []), ...extra.pages.flatMap((p) => p.value)];
  const next = extra.pages.length > 0 ? extra.pages[extra.pages.length - 1]!.next : (list.data?.next ?? null);

  const loadMore = () => {
    if (!next) return;
    setMore({ ...extra, loading: true });
    engagementsApi
      .next<EngagementList>(next)
      .then((page) =>
        setMore((c) => (c.key === key ? { key, pages: [...c.pages, page], loading: false } : c)),
      )
      .catch((error: unknown) => setMore((c) => (c.key === key ? { ...c, loading: false, error } : c)));
  };

  const filtered = Object.keys(filters).length > 0;
  const title = intl.formatMessage({ id: 'engagements.title' });

  return (
    <Page title={title}>
      <Text as="p" className={styles.intro}>
        <FormattedMessage id="engagements.intro" />
      </Text>
      <fieldset className={styles.filters}>
        <legend className={styles.legend}>
          <FormattedMessage id="engagements.filters" />
        </legend>
        <Field className={styles.field} label={intl.formatMessage({ id: 'engagements.filter.solutionArea' })}>
          <Select
            className={styles.select}
            value={filters.solutionArea ?? ''}
            onChange={(_e, d) => setFilter('solutionArea', d.value)}
          >
            <option value="">{intl.formatMessage({ id: 'engagements.filter.all' })}</option>
            {solutionAreas.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={styles.field} label={intl.formatMessage({ id: 'engagements.filter.availability' })}>
          <Select
            className={styles.select}
            value={filters.availability ?? ''}
            onChange={(_e, d) => setFilter('availability', d.value)}
          >
            <option value="">{intl.formatMessage({ id: 'engagements.filter.all' })}</option>
            {AVAILABILITIES.map((a) => (
              <option key={a} value={a}>
                {availabilityLabel(intl, a)}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={styles.field} label={intl.formatMessage({ id: 'engagements.filter.kind' })}>
          <Select
            className={styles.select}
            value={filters.kind ?? ''}
            onChange={(_e, d) => setFilter('kind', d.value)}
          >
            <option value="">{intl.formatMessage({ id: 'engagements.filter.all' })}</option>
            {ENGAGEMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(intl, k)}
              </option>
            ))}
          </Select>
        </Field>
        <Field className={styles.field} label={intl.formatMessage({ id: 'engagements.filter.location' })}>
          <Select
            className={styles.select}
            value={filters.locationId ?? ''}
            onChange={(_e, d) => setFilter('locationId', d.value)}
          >
            <option value="">{intl.formatMessage({ id: 'engagements.filter.allLocations' })}</option>
            {locations.map((l) => (
              <option key={l.locationId} value={l.locationId}>
                {intl.formatMessage(
                  { id: 'engagements.filter.locationOption' },
                  { name: l.locationName, mpnId: l.mpnId },
                )}
              </option>
            ))}
          </Select>
        </Field>
      </fieldset>

      {list.error && !list.data ? (
        <ErrorMessage
          title={intl.formatMessage({ id: 'engagements.loadFailed' })}
          error={list.error}
          onRetry={list.reload}
        />
      ) : null}

      <p role="status" className={styles.status}>
        {list.data ? (
          <FormattedMessage
            id="engagements.count"
            values={{ count: rows.length, more: next ? 'yes' : 'no' }}
          />
        ) : null}
      </p>

      {showSpinner ? <Spinner label={intl.formatMessage({ id: 'engagements.loading' })} /> : null}

      {list.data && rows.length === 0 ? (
        <div className={styles.empty}>
          <Text as="p">
            <FormattedMessage id={filtered ? 'engagements.empty.filtered' : 'engagements.empty'} />
          </Text>
          {filtered ? (
            <Button onClick={() => navigate('/engagements', { replace: true, focus: false })}>
              <FormattedMessage id="engagements.clearFilters" />
            </Button>
          ) : null}
        </div>
      ) : null}

      {rows.length > 0 ? (
        <>
          <h2 id={headingId} className={hidden.root}>
            {title}
          </h2>
          <ScrollRegion labelledBy={headingId}>
            <Table className={styles.table} aria-labelledby={headingId}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell className={styles.nameColumn}>
                    <FormattedMessage id="engagements.column.name" />
                  </TableHeaderCell>
                  <TableHeaderCell>
                    <FormattedMessage id="engagements.column.kind" />
                  </TableHeaderCell>
                  <TableHeaderCell>
                    <FormattedMessage id="engagements.column.solutionArea" />
                  </TableHeaderCell>
                  <TableHeaderCell>
                    <FormattedMessage id="engagements.column.availability" />
                  </TableHeaderCell>
                  <TableHeaderCell>
                    <FormattedMessage id="engagements.column.locations" />
                  </TableHeaderCell>
                  <TableHeaderCell>
                    <FormattedMessage id="engagements.column.activeCustomers" />
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {rows.map((e) => (
                  <EngagementRow key={e.id} engagement={e} />
                ))}
              </TableBody>
            </Table>
          </ScrollRegion>
        </>
      ) : null}

      {extra.error ? <ErrorMessage error={extra.error} onRetry={loadMore} /> : null}
      {next ? (
        <Button className={styles.more} onClick={loadMore} disabledFocusable={extra.loading}>
          <FormattedMessage id={extra.loading ? 'common.loadingMore' : 'common.loadMore'} />
        </Button>
      ) : null}
    </Page>
  );
}

function EngagementRow({ engagement: e }: { engagement: EngagementSummary }) {
  const styles = useStyles();
  const intl = useIntl();
  const hidden = useVisuallyHidden();
  const summary = `/engagements/${encodeURIComponent(e.id)}`;
  return (
    <TableRow>
      <TableCell>
        <div className={styles.nameCell}>
          <span className={styles.name}>
            <Link href={e.hasCustomersPage ? `${summary}/customers` : summary}>{e.name}</Link>
          </span>
          <span className={styles.secondary}>
            {e.hasCustomersPage ? (
              <Link href={summary}>
                <FormattedMessage id="engagements.summaryLink" />
                <span className={hidden.root}> {e.name}</span>
              </Link>
            ) : (
              <FormattedMessage id="engagements.noCustomersPage" />
            )}
          </span>
        </div>
      </TableCell>
      <TableCell>{kindLabel(intl, e.kind)}</TableCell>
      <TableCell>{e.solutionArea}</TableCell>
      <TableCell>
        <AvailabilityBadge value={e.availability} />
      </TableCell>
      <TableCell>
        <FormattedMessage
          id="engagements.earning"
          values={{ earning: e.eligibility.earningLocations, enrolled: e.eligibility.enrolledLocations }}
        />
      </TableCell>
      <TableCell className={styles.number}>
        {e.hasCustomersPage ? (
          intl.formatNumber(e.activeCustomers)
        ) : (
          <>
            <span aria-hidden>—</span>
            <span className={hidden.root}>
              <FormattedMessage id="engagements.notApplicable" />
            </span>
          </>
        )}
      </TableCell>
    </TableRow>
  );
}
