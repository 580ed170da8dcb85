import { Checkbox, Text } from '@fluentui/react-components';
import { type Dispatch, useId } from 'react';
import { FormattedMessage } from 'react-intl';
import type { CustomerLookup } from '../../../api/types.ts';
import { TenantFound } from './TenantFound.tsx';
import type { WizardAction, WizardMode, WizardState, Workshop } from './wizardState.ts';
import { useCustomerWizardStyles } from './wizardStyles.ts';

/** Step 2: the workshops to add or claim the customer for; the ones that cannot be chosen say why (R15, R20). */
export function WorkshopsStep({
  mode,
  state,
  dispatch,
  workshops,
  lookup,
}: {
  mode: WizardMode;
  state: WizardState;
  dispatch: Dispatch<WizardAction>;
  workshops: Workshop[];
  lookup: CustomerLookup | null;
}) {
  const styles = useCustomerWizardStyles();
  const errorId = useId();
  const error = state.fieldErrors.workshops;
  return (
    <>
      {mode === 'add' && lookup ? <TenantFound lookup={lookup} /> : null}
      <fieldset className={styles.fieldset} aria-describedby={error ? errorId : undefined}>
        <legend className={styles.legend}>
          <FormattedMessage
            id={mode === 'add' ? 'wizard.workshops.legend' : 'wizard.workshops.claimLegend'}
          />
        </legend>
        {workshops.length === 0 ? (
          <Text as="p">
            <FormattedMessage id="wizard.workshops.empty" />
          </Text>
        ) : null}
        {workshops.map((w) => (
          <WorkshopChoice
            key={w.engagementId}
            workshop={w}
            checked={state.selected.has(w.engagementId)}
            onChange={(checked) =>
              dispatch({ type: 'toggleWorkshop', engagementId: w.engagementId, checked })
            }
          />
        ))}
      </fieldset>
      {error ? (
        <Text id={errorId} role="alert" className={styles.error}>
          {error}
        </Text>
      ) : null}
    </>
  );
}

function WorkshopChoice({
  workshop,
  checked,
  onChange,
}: {
  workshop: Workshop;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const styles = useCustomerWizardStyles();
  const reasonsId = useId();
  return (
    <div className={styles.option}>
      <Checkbox
        label={workshop.name}
        checked={workshop.selectable && checked}
        disabled={!workshop.selectable}
        aria-describedby={workshop.reasons.length > 0 ? reasonsId : undefined}
        onChange={(_e, d) => onChange(d.checked === true)}
      />
      {workshop.reasons.length > 0 ? (
        <ul id={reasonsId} className={styles.reasons}>
          {workshop.reasons.map((r) => (
            <li key={`${r.code}:${r.message}`}>{r.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
