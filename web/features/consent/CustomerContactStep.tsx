import { Text } from '@fluentui/react-components';
import type { Dispatch } from 'react';
import { FormattedMessage } from 'react-intl';
import { type ContactDomainRule, CustomerContactFields } from './contactForm.tsx';
import type { TriggerAction, TriggerState } from './triggerConsentState.ts';

/** Step 1 (R26): who at the customer decides, and in which language the email and page are (R27). */
export function CustomerContactStep({
  customerName,
  state,
  dispatch,
  rule,
}: {
  customerName: string;
  state: TriggerState;
  dispatch: Dispatch<TriggerAction>;
  rule: ContactDomainRule | null;
}) {
  return (
    <>
      <Text as="p">
        <FormattedMessage id="consent.customer.intro" values={{ customer: customerName }} />
      </Text>
      <CustomerContactFields
        value={state.customer}
        errors={state.errors}
        rule={rule}
        onChange={(value, field) => dispatch({ type: 'customer', value, field })}
      />
    </>
  );
}
