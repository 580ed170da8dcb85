import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { Fragment } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId } from '../../i18n/locales.ts';
import { errorText } from '../errors.ts';

/** A step's failure under the step: what went wrong, optionally what it concerns, and what to do now. */
export function WizardError({
  error,
  title,
  advice = [],
}: {
  error: unknown;
  /** What the failure is about (e.g. the workshop a record could not be created for). */
  title?: string;
  /** Sentences that say what to do, after the error's own. */
  advice?: readonly MessageId[];
}) {
  const intl = useIntl();
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        {title ? <MessageBarTitle>{title}</MessageBarTitle> : null}
        {errorText(intl, error)}
        {advice.map((id) => (
          <Fragment key={id}>
            {' '}
            <FormattedMessage id={id} />
          </Fragment>
        ))}
      </MessageBarBody>
    </MessageBar>
  );
}
