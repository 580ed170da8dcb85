import { Text } from '@fluentui/react-components';
import type { Dispatch } from 'react';
import { FormattedMessage } from 'react-intl';
import { PartnerContactFields } from './contactForm.tsx';
import type { TriggerAction, TriggerState } from './triggerConsentState.ts';

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
