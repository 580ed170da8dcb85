import { Field, MessageBar, MessageBarBody, Select, Text } from '@fluentui/react-components';
import { FormattedMessage, useIntl } from 'react-intl';
import type { LocationEligibility } from '../../../api/types.ts';
import { useCustomerWizardStyles } from './wizardStyles.ts';

/** The user's locations that can earn on the workshop (R11, R20), and the others with their reason. */
export function LocationPicker({
  offered,
  excluded,
  value,
  onChange,
  error,
}: {
  offered: LocationEligibility[];
  excluded: LocationEligibility[];
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  const styles = useCustomerWizardStyles();
  const intl = useIntl();
  return (
    <>
      {offered.length === 0 ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <FormattedMessage id="wizard.location.none" />
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Field label={intl.formatMessage({ id: 'wizard.location.label' })} required validationMessage={error}>
          <Select
            className={styles.select}
            select={{ className: styles.nativeSelect }}
            value={value}
            onChange={(_e, d) => onChange(d.value)}
          >
            {offered.map((l) => (
              <option key={l.locationId} value={l.locationId}>
                {intl.formatMessage({ id: 'wizard.location.option' }, { name: l.name, mpnId: l.mpnId })}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {excluded.length > 0 ? (
        <div>
          <Text as="p">
            <FormattedMessage id="wizard.location.excluded" values={{ count: excluded.length }} />
          </Text>
          <ul className={styles.list}>
            {excluded.map((l) => (
              <li key={l.locationId}>
                {l.name}:{' '}
                {l.reasons.map((r) => r.message).join(' ') ||
                  intl.formatMessage({ id: 'wizard.location.notEnrolled' })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}
