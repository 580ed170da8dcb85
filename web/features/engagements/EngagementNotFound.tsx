import { Text } from '@fluentui/react-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Page } from '../../components/Page.tsx';
import { Link } from '../../routes/router.tsx';

/** An engagement that does not exist, or not for this partner (the server answers 404 for both). */
export function EngagementNotFound() {
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage({ id: 'engagement.notFound.title' })}>
      <Text as="p">
        <FormattedMessage id="engagement.notFound.body" />
      </Text>
      <p>
        <Link href="/engagements">
          <FormattedMessage id="engagement.backToList" />
        </Link>
      </p>
    </Page>
  );
}
