import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import { FormattedMessage } from 'react-intl';
import type { Done, WizardMode } from './wizardState.ts';

/**
 * After the last step: what was created and what comes next (R17, R22). The days to consent are the
 * created records' own (each engagement sets its consent window), never a fixed number.
 */
export function ConfirmationStep({ mode, done }: { mode: WizardMode; done: Done }) {
  const min = Math.min(...done.consentDays);
  const max = Math.max(...done.consentDays);
  return (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody>
        <FormattedMessage
          id={mode === 'add' ? 'wizard.done.added' : 'wizard.done.claimed'}
          values={{ customer: done.name, count: done.count }}
        />{' '}
        {done.consentDays.length === 0 ? (
          <FormattedMessage id="wizard.done.nextNoDays" />
        ) : min === max ? (
          <FormattedMessage id="wizard.done.next" values={{ days: min }} />
        ) : (
          <FormattedMessage id="wizard.done.nextRange" values={{ min, max }} />
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
