import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Page } from '../../components/Page.tsx';
import { Link } from '../../routes/router.tsx';

const useStyles = makeStyles({
  list: {
    margin: `${tokens.spacingVerticalXS} 0 0`,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
});

/** The program operator's start page (spec §4.5): the way to the review queue and the engagement editor. */
export function OperatorHome() {
  const styles = useStyles();
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage({ id: 'operator.title' })}>
      <Text as="p">
        <FormattedMessage id="operator.intro" />
      </Text>
      <ul className={styles.list}>
        <li>
          <Link href="/operator/claims">
            <FormattedMessage id="operator.home.queue" />
          </Link>
          {' – '}
          <FormattedMessage id="operator.home.queueNote" />
        </li>
        <li>
          <Link href="/operator/engagements">
            <FormattedMessage id="operator.home.engagements" />
          </Link>
          {' – '}
          <FormattedMessage id="operator.home.engagementsNote" />
        </li>
      </ul>
      <Text as="p">
        <FormattedMessage id="operator.later" />
      </Text>
    </Page>
  );
}
