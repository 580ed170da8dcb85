import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Page } from '../../components/Page.tsx';

const useStyles = makeStyles({
  list: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL },
});

/**
 * Placeholder for the program operator back office (spec §4.5): says plainly what exists today,
 * so that no link leads to a page that is not there.
 */
export function OperatorHome() {
  const styles = useStyles();
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage({ id: 'operator.title' })}>
      <Text as="p">
        <FormattedMessage id="operator.intro" />
      </Text>
      <div>
        <Text as="p">
          <FormattedMessage id="operator.available" />
        </Text>
        <ul className={styles.list}>
          <li>
            <FormattedMessage id="operator.available.signIn" />
          </li>
          <li>
            <FormattedMessage id="operator.available.preferences" />
          </li>
        </ul>
      </div>
      <Text as="p">
        <FormattedMessage id="operator.later" />
      </Text>
    </Page>
  );
}
