import { makeStyles, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { FormattedMessage, useIntl } from 'react-intl';
import type { Dashboard } from '../../api/types.ts';
import { statusLabel } from '../../components/statusLabels.ts';

// What ended in the last 30 days without the partner choosing it (issue 15): declined, expired,
// superseded, finally rejected, newest first, with how it ended and the operator's words if any.

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalS },
  item: {
    display: 'grid',
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalM,
    borderLeft: `4px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    overflowWrap: 'anywhere',
  },
  name: { ...typographyStyles.body1Strong },
  meta: { color: tokens.colorNeutralForeground2 },
});

export function EndedList({ ended }: { ended: Dashboard['recentlyEnded'] }) {
  const styles = useStyles();
  const intl = useIntl();
  if (ended.length === 0)
    return (
      <Text as="p">
        <FormattedMessage id="home.ended.empty" />
      </Text>
    );
  return (
    <ul className={styles.list}>
      {ended.map((e) => (
        <li key={e.nominationId} className={styles.item}>
          <span className={styles.name}>{e.customer.name}</span>
          <span className={styles.meta}>{e.engagement.name}</span>
          <span>
            {statusLabel(intl, e.status)}
            {' · '}
            <time dateTime={e.at}>{intl.formatDate(e.at, { dateStyle: 'medium', timeZone: 'UTC' })}</time>
          </span>
          {e.reason ? (
            <span>
              <FormattedMessage id="home.ended.operatorComment" values={{ comment: e.reason }} />
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
