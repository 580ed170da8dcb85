import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { FormattedMessage } from 'react-intl';
import type { CustomerLookup } from '../../../api/types.ts';
import { useCustomerWizardStyles } from './wizardStyles.ts';

/** The tenant the lookup found (R12), as information when the email's domain does not match it (R14). */
export function TenantFound({ lookup }: { lookup: CustomerLookup }) {
  const styles = useCustomerWizardStyles();
  return (
    <MessageBar intent={lookup.mismatchReasonRequired ? 'info' : 'success'} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>
          <FormattedMessage id="wizard.tenant.found" values={{ name: lookup.tenant.name }} />
        </MessageBarTitle>
        <FormattedMessage
          id="wizard.tenant.id"
          values={{ id: <span className={styles.id}>{lookup.tenant.id}</span> }}
        />
        {lookup.tenant.tpid ? (
          <>
            {' '}
            <FormattedMessage id="wizard.tenant.tpid" values={{ tpid: String(lookup.tenant.tpid) }} />
          </>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
