import { Text } from '@fluentui/react-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { Page } from '../../components/Page.tsx';
import { Link } from '../../routes/router.tsx';

/** Shown instead of a page the user may not open (the server refuses the data with 403 too). */
export function NotAllowedPage({ reason }: { reason: string }) {
  const intl = useIntl();
  return (
    <Page title={intl.formatMessage({ id: 'notAllowed.title' })}>
      <Text as="p">{reason}</Text>
      <p>
        <Link href="/">
          <FormattedMessage id="common.goHome" />
        </Link>
      </p>
    </Page>
  );
}
