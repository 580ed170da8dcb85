import {
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Textarea,
} from '@fluentui/react-components';
import { type Dispatch, useId } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CustomerLookup, LocationEligibility } from '../../../api/types.ts';
import { REASON_MAX } from './customerCheck.ts';
import { LocationPicker } from './LocationPicker.tsx';
import { TenantFound } from './TenantFound.tsx';
import type { WizardAction, WizardState } from './wizardState.ts';

/**
 * Step 1 of Add customer (R11–R14): the location, the customer's email and the optional "Tenant ID
 * or TPID"; once the lookup found the tenant, who it is and, when the email's domain is not the
 * tenant's, the reason for the difference (with a live count).
 */
export function CustomerStep({
  state,
  dispatch,
  offered,
  excluded,
  lookup,
}: {
  state: WizardState;
  dispatch: Dispatch<WizardAction>;
  offered: LocationEligibility[];
  excluded: LocationEligibility[];
  lookup: CustomerLookup | null;
}) {
  const intl = useIntl();
  const reasonCount = useId();
  const { fieldErrors } = state;
  return (
    <>
      <LocationPicker
        offered={offered}
        excluded={excluded}
        value={state.locationId}
        onChange={(value) => dispatch({ type: 'input', name: 'locationId', value })}
        error={fieldErrors.location}
      />
      <Field
        label={intl.formatMessage({ id: 'wizard.email.label' })}
        hint={intl.formatMessage({ id: 'wizard.email.hint' })}
        required
        validationMessage={fieldErrors.email}
      >
        <Input
          type="email"
          autoComplete="off"
          value={state.email}
          maxLength={254}
          onChange={(_e, d) => dispatch({ type: 'input', name: 'email', value: d.value })}
        />
      </Field>
      <Field
        label={intl.formatMessage({ id: 'wizard.id.label' })}
        hint={intl.formatMessage({ id: 'wizard.id.hint' })}
        validationMessage={fieldErrors.id}
      >
        <Input
          value={state.idText}
          autoComplete="off"
          maxLength={64}
          onChange={(_e, d) => dispatch({ type: 'input', name: 'idText', value: d.value })}
        />
      </Field>
      {lookup ? <TenantFound lookup={lookup} /> : null}
      {lookup?.mismatchReasonRequired ? (
        <>
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>
                <FormattedMessage id="wizard.mismatch.title" />
              </MessageBarTitle>
              <FormattedMessage id="wizard.mismatch.body" />
            </MessageBarBody>
          </MessageBar>
          <Field
            label={intl.formatMessage({ id: 'wizard.reason.label' })}
            required
            validationMessage={fieldErrors.reason}
            hint={{
              id: reasonCount,
              children: intl.formatMessage(
                { id: 'wizard.reason.count' },
                { count: state.reason.trim().length },
              ),
            }}
          >
            <Textarea
              value={state.reason}
              resize="vertical"
              maxLength={REASON_MAX}
              onChange={(_e, d) => dispatch({ type: 'input', name: 'reason', value: d.value })}
            />
          </Field>
        </>
      ) : null}
    </>
  );
}
