import { Spinner } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { ApiError } from '../../../api/client.ts';
import { ErrorMessage } from '../../../components/ErrorMessage.tsx';
import { WizardError } from '../../../components/wizard/WizardError.tsx';
import { WizardShell } from '../../../components/wizard/WizardShell.tsx';
import type { MessageId } from '../../../i18n/locales.ts';
import { ConfirmationStep } from './ConfirmationStep.tsx';
import { CustomerStep } from './CustomerStep.tsx';
import { LocationPicker } from './LocationPicker.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { useCustomerWizard, type WizardTarget } from './useCustomerWizard.ts';
import { WorkshopsStep } from './WorkshopsStep.tsx';
import { type ConsentTarget, STEP_MESSAGE_IDS } from './wizardState.ts';

// The Add customer (spec §4.1, R10–R17) and Claim customer (§4.2, R18–R22) wizards in the shared
// wizard shell: one file per step, the state in a reducer (wizardState.ts), what each step does in
// useCustomerWizard.ts. Server errors show next to the step or field they concern.

export interface WizardProps extends WizardTarget {
  /** changed: something was created (refresh the page). */
  onClose: (changed: boolean) => void;
  /** "Trigger customer consent now" on the confirmation: the page opens the consent wizard. */
  onConsentNow?: (target: ConsentTarget) => void;
}

/** The last step's button says what it does: Add customer, or Claim customer (and while it is sent). */
const SUBMIT_LABELS = {
  add: ['wizard.submit', 'wizard.submitting'],
  claim: ['wizard.claim.submit', 'wizard.claim.submitting'],
} as const satisfies Record<WizardProps['mode'], readonly [MessageId, MessageId]>;

export default function CustomerWizard({ mode, engagementId, customer, onClose, onConsentNow }: WizardProps) {
  const intl = useIntl();
  const wizard = useCustomerWizard({ mode, engagementId, customer });
  const { state, dispatch, stepName, detail, offered, lookup, chosen } = wizard;
  const { step, done, busy, stepError } = state;

  let body: ReactNode;
  if (detail.error && !detail.data) body = <ErrorMessage error={detail.error} onRetry={detail.reload} />;
  else if (!detail.data) body = <Spinner label={intl.formatMessage({ id: 'common.loading' })} />;
  else if (done) body = <ConfirmationStep mode={mode} done={done} onConsentNow={onConsentNow} />;
  else if (stepName === 'customer')
    body = (
      <CustomerStep
        state={state}
        dispatch={dispatch}
        offered={offered}
        excluded={wizard.excluded}
        lookup={lookup}
      />
    );
  else if (stepName === 'location')
    body = (
      <LocationPicker
        offered={offered}
        excluded={wizard.excluded}
        value={state.locationId}
        onChange={(value) => dispatch({ type: 'input', name: 'locationId', value })}
        error={state.fieldErrors.location}
      />
    );
  else if (stepName === 'workshops')
    body = (
      <WorkshopsStep
        mode={mode}
        state={state}
        dispatch={dispatch}
        workshops={wizard.workshops}
        lookup={lookup}
      />
    );
  else
    body = (
      <ReviewStep
        mode={mode}
        state={state}
        location={offered.find((l) => l.locationId === state.locationId)}
        lookup={lookup}
        customer={customer}
        chosen={chosen}
      />
    );

  // A failure for one of the chosen workshops names it (`engagementIds[1]` is the second one).
  const failedIndex =
    stepError instanceof ApiError ? /^engagementIds\[(\d+)\]$/.exec(stepError.target ?? '') : null;
  const advice: MessageId[] = [];
  if (stepError instanceof ApiError) {
    if (stepError.code === 'UseClaimCustomer') advice.push('wizard.error.useClaim');
    if (stepError.code === 'DirectoryUnavailable' || stepError.status >= 500)
      advice.push('wizard.error.tryAgain');
  }

  return (
    <WizardShell
      title={
        mode === 'add'
          ? intl.formatMessage({ id: 'wizard.add.title' })
          : intl.formatMessage({ id: 'wizard.claim.title' }, { customer: customer?.name ?? '' })
      }
      steps={wizard.steps.map((s) => STEP_MESSAGE_IDS[s])}
      step={step}
      stepName={STEP_MESSAGE_IDS[stepName]}
      error={
        stepError ? (
          <WizardError
            error={stepError}
            title={failedIndex ? chosen[Number(failedIndex[1])]?.name : undefined}
            advice={advice}
          />
        ) : null
      }
      busy={busy}
      dirty={wizard.dirty}
      done={done !== null}
      submitLabel={stepName === 'review' ? SUBMIT_LABELS[mode][busy ? 1 : 0] : 'wizard.next'}
      submitDisabled={detail.data !== undefined && offered.length === 0}
      onBack={step > 0 ? () => dispatch({ type: 'goTo', step: step - 1 }) : undefined}
      onSubmit={wizard.submit}
      onClose={() => onClose(done !== null)}
    >
      {body}
    </WizardShell>
  );
}
