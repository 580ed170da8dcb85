import {
  MessageBar,
  MessageBarBody,
  makeStyles,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from '../../api/cache.ts';
import { dashboardApi } from '../../api/dashboard.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatMoney } from '../../components/money.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { CustomerDialogs, type OpenDialog } from '../customers/CustomerDialogs.tsx';
import { CustomerSearch } from './CustomerSearch.tsx';
import { asCustomerRow, DeadlineList } from './DeadlineList.tsx';
import { EndedList } from './EndedList.tsx';
import { StageCounts } from './StageCounts.tsx';

// The action centre, the partner's home (issue 15): what needs attention across every workshop of the
// user's locations. The consent dialogs are the Customers page's own.

const useStyles = makeStyles({
  grid: {
    display: 'grid',
    gap: tokens.spacingVerticalXL,
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 22rem), 1fr))',
    alignItems: 'start',
  },
  section: { display: 'grid', gap: tokens.spacingVerticalM, minWidth: 0 },
  h2: { ...typographyStyles.subtitle1, margin: 0 },
  payout: { margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', gap: tokens.spacingHorizontalM },
  dt: { ...typographyStyles.body1Strong },
  dd: { margin: 0, fontVariantNumeric: 'tabular-nums' },
});

function Section({
  heading,
  children,
}: {
  heading: string;
  children: (headingId: string) => React.ReactNode;
}) {
  const styles = useStyles();
  const id = useId();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h2 id={id} className={styles.h2}>
        {heading}
      </h2>
      {children(id)}
    </section>
  );
}

export function ActionCentre() {
  const styles = useStyles();
  const intl = useIntl();
  // Fresh on every visit; what was read before shows meanwhile (web/api/cache.ts).
  const dashboard = useQuery('dashboard', () => dashboardApi.get(), 0);
  const [dialog, setDialog] = useState<{ open: OpenDialog; engagementId: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const reload = dashboard.reload;

  const view = dashboard.data;
  if (!view)
    return dashboard.error !== undefined ? (
      <ErrorMessage
        error={dashboard.error}
        title={intl.formatMessage({ id: 'home.loadFailed' })}
        onRetry={reload}
      />
    ) : (
      <PageSpinner label={intl.formatMessage({ id: 'home.loading' })} />
    );
  return (
    <>
      <div role="status">
        {notice ? (
          <MessageBar intent="success" layout="multiline">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      <div className={styles.grid}>
        <Section heading={intl.formatMessage({ id: 'home.deadlines.heading' })}>
          {() => (
            <DeadlineList
              deadlines={view.deadlines}
              onConsent={(mode, d) => {
                setNotice(null);
                setDialog({ open: { mode, row: asCustomerRow(d) }, engagementId: d.engagement.id });
              }}
            />
          )}
        </Section>
        <Section heading={intl.formatMessage({ id: 'home.stages.heading' })}>
          {(id) => <StageCounts counts={view.counts} headingId={id} />}
        </Section>
        <Section heading={intl.formatMessage({ id: 'home.ended.heading' })}>
          {() => <EndedList ended={view.recentlyEnded} />}
        </Section>
        <Section heading={intl.formatMessage({ id: 'home.payout.heading' })}>
          {() =>
            view.payout.length === 0 ? (
              <Text as="p">
                <FormattedMessage id="home.payout.none" />
              </Text>
            ) : (
              <dl className={styles.payout}>
                {view.payout.flatMap((p) => [
                  <dt key={`${p.currency}-e`} className={styles.dt}>
                    <FormattedMessage id="home.payout.expected" />
                  </dt>,
                  <dd key={`${p.currency}-ev`} className={styles.dd}>
                    {formatMoney(intl, p.expected, p.currency)}
                  </dd>,
                  <dt key={`${p.currency}-a`} className={styles.dt}>
                    <FormattedMessage id="home.payout.approved" />
                  </dt>,
                  <dd key={`${p.currency}-av`} className={styles.dd}>
                    {formatMoney(intl, p.approved, p.currency)}
                  </dd>,
                ])}
              </dl>
            )
          }
        </Section>
        <Section heading={intl.formatMessage({ id: 'home.search.heading' })}>
          {() => <CustomerSearch />}
        </Section>
      </div>
      {dialog ? (
        <CustomerDialogs
          dialog={dialog.open}
          engagementId={dialog.engagementId}
          onClose={(changed, message) => {
            setDialog(null);
            if (message) setNotice(message);
            if (changed) reload();
          }}
        />
      ) : null}
    </>
  );
}
