import { Text } from '@fluentui/react-components';
import { FormattedMessage, useIntl } from 'react-intl';
import { useWizardStyles } from '../../components/wizard/wizardStyles.ts';
import { languageName } from '../../i18n/locales.ts';
import type { ConsentRow } from './TriggerConsentWizard.tsx';
import type { TriggerState } from './triggerConsentState.ts';

/** Step 3 (R28): both contacts, and what "Send for consent" will do, before it does. */
export function ConsentReviewStep({ row, state }: { row: ConsentRow; state: TriggerState }) {
  const styles = useWizardStyles();
  const intl = useIntl();
  const { customer, partner } = state;
  // Named in the UI's language: the sentence below is in it (issue 15).
  const language = languageName(customer.locale, intl.locale);
  return (
    <>
      <h3 className={styles.sectionTitle}>
        <FormattedMessage id="consent.review.customer" />
      </h3>
      <dl className={styles.summary}>
        <dt>
          <FormattedMessage id="consent.review.customerName" />
        </dt>
        <dd>{row.name}</dd>
        <Contact contact={customer} />
        <dt>
          <FormattedMessage id="consent.review.locale" />
        </dt>
        <dd>{language}</dd>
      </dl>
      <h3 className={styles.sectionTitle}>
        <FormattedMessage id="consent.review.partner" />
      </h3>
      <dl className={styles.summary}>
        <Contact contact={partner} />
      </dl>
      <Text as="p">
        <FormattedMessage id="consent.review.what" values={{ email: customer.email.trim(), language }} />{' '}
        {row.daysLeft !== null ? (
          <FormattedMessage id="consent.review.daysLeft" values={{ days: row.daysLeft }} />
        ) : null}
      </Text>
    </>
  );
}

/** A contact's terms of the summary: name, email and, when given, phone. */
function Contact({ contact }: { contact: { name: string; email: string; phone: string } }) {
  return (
    <>
      <dt>
        <FormattedMessage id="consent.review.contact" />
      </dt>
      <dd>{contact.name.trim()}</dd>
      <dt>
        <FormattedMessage id="consent.review.email" />
      </dt>
      <dd>{contact.email.trim()}</dd>
      {contact.phone.trim() ? (
        <>
          <dt>
            <FormattedMessage id="consent.review.phone" />
          </dt>
          <dd>{contact.phone.trim()}</dd>
        </>
      ) : null}
    </>
  );
}
