import {
  MessageBar,
  MessageBarBody,
  makeStyles,
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
import { CheckmarkCircleRegular, DismissCircleRegular, PeopleRegular } from '@fluentui/react-icons';
import { type ReactNode, useId } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from '../../api/cache.ts';
import { ApiError } from '../../api/client.ts';
import { detailKey, fetchDetail } from '../../api/engagements.ts';
import type { Criterion, EngagementDetail } from '../../api/types.ts';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { formatMoney } from '../../components/money.ts';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { useDelayedFlag } from '../../components/useDelayedFlag.ts';
import { EngagementNotFound } from './EngagementNotFound.tsx';
import { AvailabilityBadge, kindLabel } from './labels.tsx';
import { RequireIncentiveRole } from './RequireIncentiveRole.tsx';

const useStyles = makeStyles({
  meta: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  metaText: { color: tokens.colorNeutralForeground2 },
  description: { maxWidth: '75ch' },
  primaryLink: { alignSelf: 'flex-start' },
  sections: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 320px), 1fr))',
    gap: tokens.spacingVerticalL,
  },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  h2: { ...typographyStyles.subtitle1, margin: 0 },
  h3: { ...typographyStyles.body1Strong, margin: 0 },
  list: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'grid',
    gap: tokens.spacingVerticalXS,
  },
  dl: {
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
  },
  dt: { overflowWrap: 'anywhere' },
  dd: { margin: 0, textAlign: 'end', fontVariantNumeric: 'tabular-nums' },
  none: { color: tokens.colorNeutralForeground2 },
  yes: {
    color: tokens.colorPaletteGreenForeground1,
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
  },
  no: {
    color: tokens.colorNeutralForeground2,
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
  },
  table: { minWidth: '640px' },
  wrap: { overflowWrap: 'anywhere' },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const POE_ITEMS = [
  { key: 'findingsReport', id: 'engagement.poe.findingsReport' },
  { key: 'invoice', id: 'engagement.poe.invoice' },
  { key: 'partnerSurvey', id: 'engagement.poe.partnerSurvey' },
  { key: 'customerSurvey', id: 'engagement.poe.customerSurvey' },
] as const satisfies readonly { key: keyof EngagementDetail['poeRequirements']; id: string }[];

export default function EngagementSummaryPage({ params }: { params: Record<string, string> }) {
  return (
    <RequireIncentiveRole>
      <EngagementSummary id={params.engagementId ?? ''} />
    </RequireIncentiveRole>
  );
}

function EngagementSummary({ id }: { id: string }) {
  const intl = useIntl();
  const detail = useQuery(detailKey(id), fetchDetail(id));
  const showSpinner = useDelayedFlag(detail.loading && !detail.data);

  if (detail.data) return <Summary engagement={detail.data} />;
  if (detail.error instanceof ApiError && (detail.error.status === 404 || detail.error.status === 400))
    return <EngagementNotFound />;
  if (detail.error)
    return (
      <Page title={intl.formatMessage({ id: 'engagement.titleUnknown' })}>
        <ErrorMessage
          title={intl.formatMessage({ id: 'engagement.loadFailed' })}
          error={detail.error}
          onRetry={detail.reload}
        />
      </Page>
    );
  return showSpinner ? <PageSpinner label={intl.formatMessage({ id: 'engagement.loading' })} /> : null;
}

function YesNo({ value, yes, no }: { value: boolean; yes: string; no: string }) {
  const styles = useStyles();
  return value ? (
    <span className={styles.yes}>
      <CheckmarkCircleRegular aria-hidden />
      {yes}
    </span>
  ) : (
    <span className={styles.no}>
      <DismissCircleRegular aria-hidden />
      {no}
    </span>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const styles = useStyles();
  const id = useId();
  return (
    <section className={styles.card} aria-labelledby={id}>
      <h2 id={id} className={styles.h2}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function CriteriaList({ criteria, none }: { criteria: Criterion[]; none: string }) {
  const styles = useStyles();
  if (criteria.length === 0)
    return (
      <Text as="p" className={styles.none}>
        {none}
      </Text>
    );
  return (
    <ul className={styles.list}>
      {criteria.map((c) => (
        <li key={`${c.type}:${c.description}`}>{c.description}</li>
      ))}
    </ul>
  );
}

function Summary({ engagement: e }: { engagement: EngagementDetail }) {
  const styles = useStyles();
  const intl = useIntl();
  const locationsHeading = useId();
  const days = (n: number) => intl.formatMessage({ id: 'common.days' }, { count: n });
  const rates = [...e.rates].sort((a, b) => a.market.localeCompare(b.market));
  const locations = [...e.locations].sort((a, b) => a.name.localeCompare(b.name, intl.locale));
  const required = intl.formatMessage({ id: 'engagement.poe.required' });
  const optional = intl.formatMessage({ id: 'engagement.poe.notRequired' });

  return (
    <Page
      title={e.name}
      before={
        <Breadcrumbs
          items={[
            { label: intl.formatMessage({ id: 'engagements.title' }), href: '/engagements' },
            { label: e.name },
          ]}
        />
      }
    >
      <div className={styles.meta}>
        <AvailabilityBadge value={e.availability} />
        <Text className={styles.metaText}>
          {[kindLabel(intl, e.kind), e.solutionArea, e.code].join(' · ')}
        </Text>
      </div>
      <Text as="p" className={styles.description}>
        {e.description}
      </Text>
      {e.hasCustomersPage ? (
        <LinkButton
          href={`/engagements/${encodeURIComponent(e.id)}/customers`}
          appearance="primary"
          icon={<PeopleRegular />}
          className={styles.primaryLink}
        >
          <FormattedMessage id="engagement.customersLink" />
        </LinkButton>
      ) : (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <FormattedMessage id="engagement.noCustomersPage" values={{ kind: kindLabel(intl, e.kind) }} />
          </MessageBarBody>
        </MessageBar>
      )}

      <h2 id={locationsHeading} className={styles.h2}>
        <FormattedMessage id="engagement.locations.heading" />
      </h2>
      <Text as="p" className={styles.metaText}>
        <FormattedMessage
          id="engagements.earning"
          values={{ earning: e.eligibility.earningLocations, enrolled: e.eligibility.enrolledLocations }}
        />
      </Text>
      <ScrollRegion labelledBy={locationsHeading}>
        <Table className={styles.table} aria-labelledby={locationsHeading}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>
                <FormattedMessage id="engagement.locations.location" />
              </TableHeaderCell>
              <TableHeaderCell>
                <FormattedMessage id="home.locations.mpnId" />
              </TableHeaderCell>
              <TableHeaderCell>
                <FormattedMessage id="engagement.locations.enrolled" />
              </TableHeaderCell>
              <TableHeaderCell>
                <FormattedMessage id="engagement.locations.eligible" />
              </TableHeaderCell>
              <TableHeaderCell>
                <FormattedMessage id="engagement.locations.reasons" />
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {locations.map((l) => (
              <TableRow key={l.locationId}>
                <TableCell className={styles.wrap}>
                  <FormattedMessage
                    id="engagement.locations.name"
                    values={{ name: l.name, country: l.country }}
                  />
                </TableCell>
                <TableCell>{l.mpnId}</TableCell>
                <TableCell>
                  <YesNo
                    value={l.enrolled}
                    yes={intl.formatMessage({ id: 'engagement.locations.enrolledYes' })}
                    no={intl.formatMessage({ id: 'engagement.locations.enrolledNo' })}
                  />
                </TableCell>
                <TableCell>
                  <YesNo
                    value={l.eligible}
                    yes={intl.formatMessage({ id: 'engagement.locations.eligibleYes' })}
                    no={intl.formatMessage({ id: 'engagement.locations.eligibleNo' })}
                  />
                </TableCell>
                <TableCell className={styles.wrap}>
                  {l.reasons.length === 0 ? (
                    <span className={styles.none}>—</span>
                  ) : l.reasons.length === 1 ? (
                    l.reasons[0]!.message
                  ) : (
                    <ul className={styles.reasons}>
                      {l.reasons.map((r) => (
                        <li key={r.code}>{r.message}</li>
                      ))}
                    </ul>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollRegion>

      <div className={styles.sections}>
        <Section title={intl.formatMessage({ id: 'engagement.criteria.heading' })}>
          <h3 className={styles.h3}>
            <FormattedMessage id="engagement.criteria.partner" />
          </h3>
          <CriteriaList
            criteria={e.partnerCriteria}
            none={intl.formatMessage({ id: 'engagement.criteria.partnerNone' })}
          />
          <h3 className={styles.h3}>
            <FormattedMessage id="engagement.criteria.customer" />
          </h3>
          <CriteriaList
            criteria={e.customerCriteria}
            none={intl.formatMessage({ id: 'engagement.criteria.customerNone' })}
          />
        </Section>

        <Section title={intl.formatMessage({ id: 'engagement.windows.heading' })}>
          <dl className={styles.dl}>
            <dt className={styles.dt}>
              <FormattedMessage id="engagement.windows.consent" />
            </dt>
            <dd className={styles.dd}>{days(e.windows.consentDays)}</dd>
            <dt className={styles.dt}>
              <FormattedMessage id="engagement.windows.claim" />
            </dt>
            <dd className={styles.dd}>{days(e.windows.claimDays)}</dd>
            <dt className={styles.dt}>
              <FormattedMessage id="engagement.windows.review" />
            </dt>
            <dd className={styles.dd}>{days(e.windows.reviewDays)}</dd>
            <dt className={styles.dt}>
              <FormattedMessage id="engagement.windows.dispute" />
            </dt>
            <dd className={styles.dd}>{days(e.windows.disputeDays)}</dd>
          </dl>
          {e.reminderDays.length > 0 ? (
            <div>
              <h3 className={styles.h3}>
                <FormattedMessage id="engagement.windows.reminders" />
              </h3>
              <ul className={styles.list}>
                {[...e.reminderDays]
                  .sort((a, b) => b - a)
                  .map((days) => (
                    <li key={days}>
                      <FormattedMessage id="engagement.windows.reminder" values={{ days }} />
                    </li>
                  ))}
              </ul>
            </div>
          ) : null}
        </Section>

        <Section title={intl.formatMessage({ id: 'engagement.poe.heading' })}>
          <dl className={styles.dl}>
            {POE_ITEMS.map((item) => (
              <div key={item.key} style={{ display: 'contents' }}>
                <dt className={styles.dt}>
                  <FormattedMessage id={item.id} />
                </dt>
                <dd className={styles.dd}>
                  <YesNo value={e.poeRequirements[item.key]} yes={required} no={optional} />
                </dd>
              </div>
            ))}
          </dl>
        </Section>

        <Section title={intl.formatMessage({ id: 'engagement.rates.heading' })}>
          {rates.length === 0 ? (
            <Text as="p" className={styles.none}>
              <FormattedMessage id="engagement.rates.none" />
            </Text>
          ) : (
            <dl className={styles.dl}>
              {rates.map((r) => (
                <div key={r.market} style={{ display: 'contents' }}>
                  <dt className={styles.dt}>
                    <FormattedMessage id="engagement.rates.market" values={{ market: r.market }} />
                  </dt>
                  <dd className={styles.dd}>{formatMoney(intl, r.amountMinor, r.currency)}</dd>
                </div>
              ))}
            </dl>
          )}
          <Text as="p" className={styles.metaText}>
            <FormattedMessage id="engagement.rates.note" />
          </Text>
        </Section>
      </div>
    </Page>
  );
}
