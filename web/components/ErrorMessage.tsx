import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { correlationOf, errorText } from './errors.ts';

/** An error MessageBar (announced assertively by Fluent's AriaLiveAnnouncer) with optional retry. */
export function ErrorMessage({
  error,
  title,
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const intl = useIntl();
  const correlationId = correlationOf(error);
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {errorText(intl, error)}
        {correlationId ? (
          <>
            {' '}
            <FormattedMessage id="error.reference" values={{ id: correlationId }} />
          </>
        ) : null}
      </MessageBarBody>
      {onRetry ? (
        <MessageBarActions>
          <Button onClick={onRetry}>
            <FormattedMessage id="common.retry" />
          </Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
