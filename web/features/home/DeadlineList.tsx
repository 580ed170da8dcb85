import { Button, makeStyles, Text, tokens, typographyStyles } from '@fluentui/react-components';
import type { IntlShape } from 'react-intl';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CustomerRow, Dashboard } from '../../api/types.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { claimHref } from '../customers/customersUrl.ts';
import { ACTION_MESSAGE_IDS, countdownWords } from '../customers/labels.ts';

// The deadlines of the next 14 days, soonest first (issue 15), each with the action the Customers
// table offers for the record, in place: the consent dialogs open here, the claim actions go to the
// workshop claim page.

export type Deadline = Dashboard['deadlines'][number];

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  text: { display: 'grid', gap: tokens.spacingVerticalXXS, minWidth: 0, flex: '1 1 12rem' },
  name: { ...typographyStyles.body1Strong, overflowWrap: 'anywhere' },
  meta: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

/** "5 days left for consent", in the words the Customers page and the claim page use. */
const countdown = (intl: IntlShape, d: Deadline) => countdownWords(intl, d.kind, d.daysLeft);

/** What the consent dialogs need of a Customers row, from the deadline. */
export function asCustomerRow(d: Deadline): CustomerRow {
  return {
    customerId: d.customer.tenantId,
    name: d.customer.name,
    tenantId: d.customer.tenantId,
    tpid: null,
    domain: null,
    nominationId: d.nominationId,
    location: null,
    type: null,
    status: d.status,
    countdown: d.kind,
    deadline: d.deadline,
    daysLeft: d.daysLeft,
    actions: d.action ? [d.action] : [],
    ineligibleReason: null,
    outcome: null,
    claimId: null,
    consentEmail: null,
  };
}

export function DeadlineList({
  deadlines,
  onConsent,
}: {
  deadlines: readonly Deadline[];
  onConsent: (mode: 'triggerConsent' | 'resendConsent', deadline: Deadline) => void;
}) {
  const styles = useStyles();
  const intl = useIntl();
  if (deadlines.length === 0)
    return (
      <Text as="p">
        <FormattedMessage id="home.deadlines.empty" />
      </Text>
    );
  return (
    <ul className={styles.list}>
      {deadlines.map((d) => (
        <li key={d.nominationId} className={styles.item}>
          <div className={styles.text}>
            <span className={styles.name}>{d.customer.name}</span>
            <span className={styles.meta}>{d.engagement.name}</span>
            <span>
              {countdown(intl, d)}
              {' · '}
              <time dateTime={d.deadline}>
                {intl.formatDate(d.deadline, { dateStyle: 'medium', timeZone: 'UTC' })}
              </time>
            </span>
          </div>
          {d.action === 'triggerConsent' || d.action === 'resendConsent' ? (
            <Button
              appearance="primary"
              onClick={() => onConsent(d.action as 'triggerConsent' | 'resendConsent', d)}
              aria-label={`${intl.formatMessage({ id: ACTION_MESSAGE_IDS[d.action] })}: ${d.customer.name}, ${d.engagement.name}`}
            >
              <FormattedMessage id={ACTION_MESSAGE_IDS[d.action]} />
            </Button>
          ) : d.action ? (
            <LinkButton href={claimHref(d.engagement.id, d.nominationId, null)}>
              <FormattedMessage id={ACTION_MESSAGE_IDS[d.action]} />
            </LinkButton>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
