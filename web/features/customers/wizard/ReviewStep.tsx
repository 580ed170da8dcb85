import { FormattedMessage } from 'react-intl';
import type { CustomerLookup, LocationEligibility } from '../../../api/types.ts';
import { useWizardStyles } from '../../../components/wizard/wizardStyles.ts';
import type { WizardMode, WizardState, Workshop } from './wizardState.ts';
import { useCustomerWizardStyles } from './wizardStyles.ts';

/** The last step: everything that will be sent, to check before adding or claiming (R16, R21). */
export function ReviewStep({
  mode,
  state,
  location,
  lookup,
  customer,
  chosen,
}: {
  mode: WizardMode;
  state: WizardState;
  location: LocationEligibility | undefined;
  lookup: CustomerLookup | null;
  customer?: { id: string; name: string };
  chosen: Workshop[];
}) {
  const shared = useWizardStyles();
  const styles = useCustomerWizardStyles();
  return (
    <dl className={shared.summary}>
      <dt>
        <FormattedMessage id="wizard.review.location" />
      </dt>
      <dd>
        {location ? (
          <FormattedMessage
            id="wizard.location.option"
            values={{ name: location.name, mpnId: location.mpnId }}
          />
        ) : (
          '—'
        )}
      </dd>
      {mode === 'add' ? (
        <>
          <dt>
            <FormattedMessage id="wizard.review.email" />
          </dt>
          <dd>{state.email.trim()}</dd>
        </>
      ) : null}
      <dt>
        <FormattedMessage id="wizard.review.customer" />
      </dt>
      <dd>{mode === 'add' ? lookup?.tenant.name : customer?.name}</dd>
      <dt>
        <FormattedMessage id="wizard.review.tenantId" />
      </dt>
      <dd className={styles.id}>{mode === 'add' ? lookup?.tenant.id : customer?.id}</dd>
      {mode === 'add' && lookup?.tenant.tpid ? (
        <>
          <dt>
            <FormattedMessage id="wizard.review.tpid" />
          </dt>
          <dd>{lookup.tenant.tpid}</dd>
        </>
      ) : null}
      {mode === 'add' && lookup?.mismatchReasonRequired ? (
        <>
          <dt>
            <FormattedMessage id="wizard.review.reason" />
          </dt>
          <dd>{state.reason.trim()}</dd>
        </>
      ) : null}
      <dt>
        <FormattedMessage id="wizard.review.workshops" values={{ count: chosen.length }} />
      </dt>
      <dd>
        <ul className={styles.list}>
          {chosen.map((w) => (
            <li key={w.engagementId}>{w.name}</li>
          ))}
        </ul>
      </dd>
    </dl>
  );
}
