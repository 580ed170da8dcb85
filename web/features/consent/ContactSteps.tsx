import { Text } from '@fluentui/react-components';
import type { Dispatch } from 'react';
import { FormattedMessage } from 'react-intl';
import { type ContactDomainRule, CustomerContactFields, PartnerContactFields } from './contactForm.tsx';
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

/** Step 2: the partner's own contact, whom the customer can ask (prefilled from the user). */
export function PartnerContactStep({
  state,
  dispatch,
}: {
  state: TriggerState;
  dispatch: Dispatch<TriggerAction>;
}) {
  return (
    <>
      <Text as="p">
        <FormattedMessage id="consent.partner.intro" />
      </Text>
      <PartnerContactFields
        value={state.partner}
        errors={state.errors}
        onChange={(value, field) => dispatch({ type: 'partner', value, field })}
      />
    </>
  );
}
