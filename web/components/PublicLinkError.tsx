import { Text } from '@fluentui/react-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../api/client.ts';
import type { MessageId } from '../i18n/locales.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { Page } from './Page.tsx';

export interface PublicLinkMessages {
  title: MessageId;
  expiredTitle: MessageId;
  expiredBody: MessageId;
  invalidTitle: MessageId;
  invalidBody: MessageId;
  contactPartner: MessageId;
}

/**
 * What a public page behind a single-purpose link (consent, survey) says when the link cannot be used:
 * expired (410) or no longer valid (404, or malformed: 400), never naming anyone; anything else is an
 * ordinary error with a retry.
 */
export function PublicLinkError({
  error,
  onRetry,
  messages,
}: {
  error: unknown;
  onRetry: () => void;
  messages: PublicLinkMessages;
}) {
  const intl = useIntl();
  const status = error instanceof ApiError ? error.status : 0;
  if (status === 404 || status === 410 || status === 400) {
    const expired = status === 410;
    return (
      <Page title={intl.formatMessage({ id: expired ? messages.expiredTitle : messages.invalidTitle })}>
        <Text as="p">
          <FormattedMessage id={expired ? messages.expiredBody : messages.invalidBody} />
        </Text>
        <Text as="p">
          <FormattedMessage id={messages.contactPartner} />
        </Text>
      </Page>
    );
  }
  return (
    <Page title={intl.formatMessage({ id: messages.title })}>
      <ErrorMessage error={error} onRetry={onRetry} />
    </Page>
  );
}
