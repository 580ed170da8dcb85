import { Text } from '@fluentui/react-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Page } from '../../components/Page.tsx';
import { Link, useLocation } from '../../routes/router.tsx';

export function NotFoundPage() {
  const intl = useIntl();
  const { pathname } = useLocation();
  return (
    <Page title={intl.formatMessage({ id: 'notFound.title' })}>
      <Text as="p">
        <FormattedMessage id="notFound.body" values={{ path: <code>{pathname}</code> }} />
      </Text>
      <p>
        <Link href="/">
          <FormattedMessage id="common.goHome" />
        </Link>
      </p>
    </Page>
  );
}
