import { Button, makeStyles, Text, tokens, typographyStyles } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CustomerQuery } from '../../api/engagements.ts';
import { CUSTOMER_TABS, type CustomerCounts } from '../../api/types.ts';
import type { MessageId } from '../../i18n/locales.ts';
import { Link } from '../../routes/router.tsx';
import { isFiltered, type UrlState } from './customersUrl.ts';
import { TAB_MESSAGE_IDS } from './labels.ts';

const useStyles = makeStyles({
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
});

/**
 * A tab without rows says why and what to do: filters that hide its rows, a search that found
 * nothing here (with the tabs where it found some), or what each tab would hold.
 */
export function CustomersEmptyState({
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

  // Issue 15: a location or status filter hides rows; say so before anything else.
  if (isFiltered(state))
    return (
      <EmptyBox
        title={<FormattedMessage id="customers.empty.filtered.title" values={{ tab: tabName }} />}
        body="customers.empty.filtered.body"
      >
        <div className={styles.emptyActions}>
          <Button appearance="primary" onClick={() => onChange({ locationId: '', status: '' })}>
            <FormattedMessage id="customers.filter.clear" />
          </Button>
        </div>
      </EmptyBox>
    );

  if (search) {
    const elsewhere = counts ? CUSTOMER_TABS.filter((t) => t !== state.tab && counts[t] > 0) : [];
    return (
      <EmptyBox
        title={<FormattedMessage id="customers.empty.search.title" values={{ search, tab: tabName }} />}
        body="customers.empty.search.body"
      >
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
      </EmptyBox>
    );
  }

  if (state.tab === 'ineligible')
    return (
      <EmptyBox
        title={<FormattedMessage id="customers.empty.ineligible.title" />}
        body="customers.empty.ineligible.body"
      >
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
      </EmptyBox>
    );

  if (state.tab === 'complete')
    return (
      <EmptyBox
        title={<FormattedMessage id="customers.empty.complete.title" />}
        body="customers.empty.complete.body"
      />
    );

  return (
    <EmptyBox
      title={<FormattedMessage id="customers.empty.eligible.title" />}
      body="customers.empty.eligible.body"
    >
      <p>
        <Link href={`/engagements/${encodeURIComponent(engagementId)}`}>
          <FormattedMessage id="customers.empty.eligible.criteria" />
        </Link>
      </p>
    </EmptyBox>
  );
}

/** The box of an empty tab: a title announced as a status, a sentence, and what can be done. */
function EmptyBox({ title, body, children }: { title: ReactNode; body: MessageId; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.empty}>
      <p role="status" className={styles.emptyTitle}>
        {title}
      </p>
      <Text as="p">
        <FormattedMessage id={body} />
      </Text>
      {children}
    </div>
  );
}
