import { Text } from '@fluentui/react-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../api/client.ts';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { Page } from '../../components/Page.tsx';
import { Link } from '../../routes/router.tsx';

/** R2: only workshops have a Customers page; any other engagement gets this, in the user's language. */
export function CustomersNotAvailable({
  engagementId,
  error,
  name,
}: {
  engagementId: string;
  error: unknown;
  name?: string;
}) {
  const intl = useIntl();
  const message =
    error instanceof ApiError && error.hasServerMessage
      ? error.message
      : intl.formatMessage({ id: 'customers.notAvailable.body' });
  return (
    <Page
      title={intl.formatMessage({ id: 'customers.notAvailable.title' })}
      before={
        <Breadcrumbs
          items={[
            { label: intl.formatMessage({ id: 'engagements.title' }), href: '/engagements' },
            {
              label: name ?? intl.formatMessage({ id: 'engagement.titleUnknown' }),
              href: `/engagements/${encodeURIComponent(engagementId)}`,
            },
            { label: intl.formatMessage({ id: 'customers.title' }) },
          ]}
        />
      }
    >
      <Text as="p">{message}</Text>
      <Text as="p">
        <FormattedMessage id="customers.notAvailable.explain" />
      </Text>
      <p>
        <Link href={`/engagements/${encodeURIComponent(engagementId)}`}>
          {name ? (
            <FormattedMessage id="customers.notAvailable.summary" values={{ engagement: name }} />
          ) : (
            <FormattedMessage id="customers.notAvailable.summaryNoName" />
          )}
        </Link>
      </p>
      <p>
        <Link href="/engagements?kind=workshop">
          <FormattedMessage id="customers.notAvailable.workshops" />
        </Link>
      </p>
    </Page>
  );
}
