import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { FormattedMessage } from 'react-intl';
import type { WizardMode } from './wizardState.ts';

/** After the last step: what was created and what comes next (R17, R22). */
export function ConfirmationStep({
  mode,
  done,
}: {
  mode: WizardMode;
  done: { count: number; name: string };
}) {
  return (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody>
        <FormattedMessage
          id={mode === 'add' ? 'wizard.done.added' : 'wizard.done.claimed'}
          values={{ customer: done.name, count: done.count }}
        />{' '}
        <FormattedMessage id="wizard.done.next" />
      </MessageBarBody>
    </MessageBar>
  );
}
