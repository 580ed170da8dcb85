import { useReducer } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../api/client.ts';
import { consentApi } from '../../api/consent.ts';
import type { ConsentRequest, CustomerRow } from '../../api/types.ts';
import { usePreferences, useUser } from '../../app/contexts.ts';
import { hasFieldErrors } from '../../components/fieldErrors.ts';
import { useIdempotencyKey } from '../../components/wizard/useIdempotencyKey.ts';
import { WizardError } from '../../components/wizard/WizardError.tsx';
import { WizardShell } from '../../components/wizard/WizardShell.tsx';
import { ConsentReviewStep } from './ConsentReviewStep.tsx';
import { CustomerContactStep } from './CustomerContactStep.tsx';
import {
  checkCustomerContact,
  checkPartnerContact,
  serverFieldErrors,
  toCustomerContact,
  toPartnerContact,
  useContactDomainRule,
} from './contactForm.tsx';
import { PartnerContactStep } from './PartnerContactStep.tsx';
import { initialTriggerState, STEP_MESSAGE_IDS, STEPS, triggerReducer } from './triggerConsentState.ts';

// "Trigger customer consent" (spec §4.3, R26–R28) in the shared wizard shell: the customer's contact,
// the partner's own contact, review → Send for consent. Server field errors (`customerContact.email`,
// …) go back to their field and step.

/** What the wizard needs of the record: a table row, or a record the Add wizard just created. */
export type ConsentRow = Pick<CustomerRow, 'nominationId' | 'name' | 'daysLeft'>;

export interface TriggerConsentProps {
  row: ConsentRow;
  /** The customer's address when already known (typed in the Add wizard a moment ago). */
  email?: string;
  /** `sent`: the request that went out (the page refreshes and says so). */
  onClose: (sent: ConsentRequest | null) => void;
}

export default function TriggerConsentWizard({ row, email, onClose }: TriggerConsentProps) {
  const intl = useIntl();
  const user = useUser();
  const { locale } = usePreferences();
  const [state, dispatch] = useReducer(triggerReducer, undefined, () =>
    initialTriggerState(locale, user, email),
  );
  const rule = useContactDomainRule(row.nominationId);
  const keyFor = useIdempotencyKey();
  const { step, customer, partner, busy, stepError } = state;
  const stepName = STEPS[step] ?? 'review';
  const dirty = customer.name !== '' || customer.email !== (email ?? '') || customer.phone !== '' || step > 0;

  const send = async () => {
    const body = { customerContact: toCustomerContact(customer), partnerContact: toPartnerContact(partner) };
    if (!row.nominationId) return;
    dispatch({ type: 'sending' });
    try {
      onClose(await consentApi.request(row.nominationId, body, keyFor(body)));
    } catch (error) {
      const errors = serverFieldErrors(error);
      const targets = Object.keys(errors);
      if (targets.length > 0)
        dispatch({
          type: 'refused',
          errors,
          step: targets.some((t) => t.startsWith('customerContact.')) ? 0 : 1,
        });
      else dispatch({ type: 'failed', error });
    }
  };

  const submit = () => {
    if (stepName === 'customer') {
      const errors = checkCustomerContact(intl, customer, rule);
      dispatch({ type: 'checked', errors, next: hasFieldErrors(errors) ? undefined : 1 });
    } else if (stepName === 'partner') {
      const errors = checkPartnerContact(intl, partner);
      dispatch({ type: 'checked', errors, next: hasFieldErrors(errors) ? undefined : 2 });
    } else void send();
  };

  const retry = stepError instanceof ApiError && (stepError.status >= 500 || stepError.status === 0);

  return (
    <WizardShell
      title={<FormattedMessage id="consent.wizard.title" values={{ customer: row.name }} />}
      steps={STEPS.map((s) => STEP_MESSAGE_IDS[s])}
      step={step}
      error={
        stepError ? <WizardError error={stepError} advice={retry ? ['wizard.error.tryAgain'] : []} /> : null
      }
      busy={busy}
      dirty={dirty}
      submitLabel={stepName === 'review' ? (busy ? 'consent.sending' : 'consent.send') : 'wizard.next'}
      onBack={step > 0 ? () => dispatch({ type: 'goTo', step: step - 1 }) : undefined}
      onSubmit={submit}
      onClose={() => onClose(null)}
    >
      {stepName === 'customer' ? (
        <CustomerContactStep customerName={row.name} state={state} dispatch={dispatch} rule={rule} />
      ) : stepName === 'partner' ? (
        <PartnerContactStep state={state} dispatch={dispatch} />
      ) : (
        <ConsentReviewStep row={row} state={state} />
      )}
    </WizardShell>
  );
}
