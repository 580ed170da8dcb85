import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Spinner,
  Text,
} from '@fluentui/react-components';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { MessageId } from '../../i18n/locales.ts';
import { useWizardStyles } from './wizardStyles.ts';

// The frame every wizard shares (Add customer, Claim customer, Trigger customer consent): a modal
// dialog holding one form, a visible stepper, a step heading that takes the focus at every step
// change (so a screen reader announces where the user is), Back / Next / Cancel, and a question
// before input is thrown away (Esc or Cancel). What a step shows and does is the wizard's.

interface WizardShellProps {
  title: ReactNode;
  /** The steps the stepper lists, in order. */
  steps: readonly MessageId[];
  /** The step shown, from 0; the stepper marks it. */
  step: number;
  /** The name the step heading says, when it is not the stepper's (a confirmation after the last step). */
  stepName?: MessageId;
  /** The step itself. */
  children: ReactNode;
  /** A failure of the step (shown under it). */
  error?: ReactNode;
  /** A request is on its way: nothing can be pressed twice, and the dialog does not close. */
  busy: boolean;
  /** Something was entered: closing asks first. */
  dirty: boolean;
  /** Finished: only Close is offered, and closing asks nothing. */
  done?: boolean;
  /** Next, or the last step's action. */
  submitLabel: MessageId;
  submitDisabled?: boolean;
  /** Offered when there is a step to go back to. */
  onBack?: () => void;
  /** The form was submitted (Next, or the last step's action). */
  onSubmit: () => void;
  onClose: () => void;
}

export function WizardShell(props: WizardShellProps) {
  const { steps, step, busy, dirty, done = false, onClose } = props;
  const styles = useWizardStyles();
  const intl = useIntl();
  const [confirmingClose, setConfirmingClose] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const stepName = props.stepName ?? steps[step];

  // Focus on the step heading when the dialog opens, at every step change, and when the discard
  // question shows or goes.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on a change of step or question
  useEffect(() => {
    heading.current?.focus();
  }, [step, stepName, confirmingClose]);

  const requestClose = () => {
    if (busy) return;
    if (done || !dirty) onClose();
    else setConfirmingClose(true);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || confirmingClose) return;
    props.onSubmit();
  };

  const stepLabel = stepName
    ? intl.formatMessage(
        { id: 'wizard.stepOf' },
        { step: step + 1, total: steps.length, name: intl.formatMessage({ id: stepName }) },
      )
    : '';

  return (
    <Dialog
      open
      modalType="modal"
      onOpenChange={(event, data) => {
        if (data.open) return;
        event.preventDefault?.();
        if (confirmingClose) setConfirmingClose(false);
        else requestClose();
      }}
    >
      <DialogSurface className={styles.surface} aria-describedby={undefined}>
        <form onSubmit={submit} noValidate>
          <DialogBody>
            <DialogTitle>{props.title}</DialogTitle>
            <DialogContent className={styles.content}>
              {confirmingClose ? null : (
                <ol className={styles.stepper} aria-label={intl.formatMessage({ id: 'wizard.steps' })}>
                  {steps.map((s, i) => (
                    <li
                      key={s}
                      className={i === step ? styles.stepCurrent : undefined}
                      aria-current={i === step ? 'step' : undefined}
                    >
                      {i + 1}. <FormattedMessage id={s} />
                    </li>
                  ))}
                </ol>
              )}
              <h2 ref={heading} tabIndex={-1} className={styles.heading}>
                {confirmingClose ? intl.formatMessage({ id: 'wizard.discard.title' }) : stepLabel}
              </h2>
              {confirmingClose ? (
                <Text as="p">
                  <FormattedMessage id="wizard.discard.body" />
                </Text>
              ) : (
                <>
                  {props.children}
                  {props.error}
                </>
              )}
            </DialogContent>
            <DialogActions className={styles.actions}>
              {confirmingClose ? (
                <>
                  <Button key="discard" type="button" appearance="primary" onClick={onClose}>
                    <FormattedMessage id="wizard.discard.confirm" />
                  </Button>
                  <Button key="keep" type="button" onClick={() => setConfirmingClose(false)}>
                    <FormattedMessage id="wizard.discard.keep" />
                  </Button>
                </>
              ) : done ? (
                <Button key="close" type="button" appearance="primary" onClick={onClose}>
                  <FormattedMessage id="wizard.close" />
                </Button>
              ) : (
                <>
                  {props.onBack ? (
                    <Button key="back" type="button" onClick={props.onBack} disabled={busy}>
                      <FormattedMessage id="wizard.back" />
                    </Button>
                  ) : null}
                  <Button
                    key="submit"
                    type="submit"
                    appearance="primary"
                    disabledFocusable={busy || props.submitDisabled}
                    icon={busy ? <Spinner size="tiny" /> : undefined}
                  >
                    <FormattedMessage id={props.submitLabel} />
                  </Button>
                  <Button key="cancel" type="button" onClick={requestClose} disabled={busy}>
                    <FormattedMessage id="wizard.cancel" />
                  </Button>
                </>
              )}
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
