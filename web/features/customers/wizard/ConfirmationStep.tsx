import { Button, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { FormattedMessage } from 'react-intl';
import type { ConsentTarget, Done, WizardMode } from './wizardState.ts';

const useStyles = makeStyles({
  next: { marginTop: tokens.spacingVerticalM },
});

/**
 * After the last step: what was created and what comes next (R17, R22). The days to consent are the
 * created records' own (each engagement sets its consent window), never a fixed number. The next
 * step is offered in place: consent for the record on this workshop, with the address typed in step 1.
 */
export function ConfirmationStep({
  mode,
  done,
  onConsentNow,
}: {
  mode: WizardMode;
  done: Done;
  onConsentNow?: (target: ConsentTarget) => void;
}) {
  const styles = useStyles();
  const target = done.consentTarget;
  const min = Math.min(...done.consentDays);
  const max = Math.max(...done.consentDays);
  return (
    <>
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
      {target && onConsentNow ? (
        <div className={styles.next}>
          <Button appearance="primary" onClick={() => onConsentNow(target)}>
            <FormattedMessage id="wizard.done.consentNow" />
          </Button>
        </div>
      ) : null}
    </>
  );
}
