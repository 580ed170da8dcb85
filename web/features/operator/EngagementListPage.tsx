import { Spinner, Text } from '@fluentui/react-components';
import { AddRegular } from '@fluentui/react-icons';
import { useId } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from '../../api/cache.ts';
import { operatorApi } from '../../api/operator.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { formatMoney } from '../../components/money.ts';
import { Page } from '../../components/Page.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { Link } from '../../routes/router.tsx';
import { AVAILABILITY_IDS, ENGAGEMENTS_CACHE_KEY, formatDate, KIND_IDS } from './labels.ts';
import { useOperatorStyles } from './styles.ts';

// The engagement catalogue as the operator edits it (spec §4.5): every engagement of every kind,
// with its windows and rates at a glance; a name opens the editor.

export default function EngagementListPage() {
  const intl = useIntl();
  const styles = useOperatorStyles();
  const headingId = useId();
  const list = useQuery(ENGAGEMENTS_CACHE_KEY, () => operatorApi.engagements(), 60_000);
  const rows = list.data?.value ?? [];
  return (
    <Page title={intl.formatMessage({ id: 'operator.engagements.title' })}>
      <Text as="p" className={styles.intro}>
        <FormattedMessage id="operator.engagements.intro" />
      </Text>
      <div>
        <LinkButton href="/operator/engagements/new" appearance="primary" icon={<AddRegular />}>
          <FormattedMessage id="operator.engagements.new" />
        </LinkButton>
      </div>
      <section className={styles.section} aria-labelledby={headingId}>
        <h2 id={headingId} className={styles.h2}>
          <FormattedMessage id="operator.engagements.heading" />
        </h2>
        {list.error && !list.data ? <ErrorMessage error={list.error} onRetry={list.reload} /> : null}
        {!list.data && !list.error ? <Spinner label={intl.formatMessage({ id: 'common.loading' })} /> : null}
        <span role="status" className={styles.muted}>
          {list.data ? (
            <FormattedMessage id="operator.engagements.count" values={{ count: rows.length }} />
          ) : null}
        </span>
        {rows.length > 0 ? (
          <ScrollRegion labelledBy={headingId}>
            <table className={styles.table} aria-labelledby={headingId}>
              <thead>
                <tr>
                  <th scope="col">
                    <FormattedMessage id="operator.engagements.column.name" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="operator.engagements.column.kind" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="operator.engagements.column.availability" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="operator.engagements.column.windows" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="operator.engagements.column.rates" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="operator.engagements.column.updated" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <Link href={`/operator/engagements/${encodeURIComponent(e.id)}`}>{e.name}</Link>
                      <span className={styles.secondary}>
                        {e.code} · {e.solutionArea}
                      </span>
                    </td>
                    <td>
                      <FormattedMessage id={KIND_IDS[e.kind]} />
                    </td>
                    <td>
                      <FormattedMessage id={AVAILABILITY_IDS[e.availability]} />
                    </td>
                    <td>
                      <FormattedMessage
                        id="operator.engagements.windows"
                        values={{
                          consent: e.consentWindowDays,
                          claim: e.claimWindowDays,
                          review: e.reviewWindowDays,
                          dispute: e.disputeWindowDays,
                        }}
                      />
                    </td>
                    <td>
                      {(['A', 'B', 'C'] as const)
                        .filter((market) => e.rates[market] !== null)
                        .map((market) => `${market}: ${formatMoney(intl, e.rates[market] ?? 0, e.currency)}`)
                        .join(' · ') || '—'}
                    </td>
                    <td>{formatDate(intl, e.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        ) : null}
      </section>
    </Page>
  );
}
