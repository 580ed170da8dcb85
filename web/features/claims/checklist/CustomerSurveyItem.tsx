import { Button, MessageBar, MessageBarBody, Spinner, Text } from '@fluentui/react-components';
import { MailRegular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { claimsApi } from '../../../api/claims.ts';
import type { PoeItem } from '../../../api/types.ts';
import { errorText } from '../../../components/errors.ts';
import { languageName } from '../../../i18n/locales.ts';
import { date, useClaim, useClaimStyles } from '../claimShared.ts';
import { useChecklistStyles } from './checklistStyles.ts';
import { PoeItemHead } from './PoeItemHead.tsx';
import { SurveyState } from './SurveyState.tsx';

/**
 * The customer survey (S4–S6): sent to the claim's customer contact, in their language, and answered
 * only through its link; the partner never sees the answers.
 */
export function CustomerSurveyItem({ item }: { item: PoeItem }) {
  const styles = useChecklistStyles();
  const shared = useClaimStyles();
  const intl = useIntl();
  const { claim, nominationId, editable, applied } = useClaim();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const s = item.survey;
  const contact = claim.customerContact;
  const completed = s?.state === 'completed';
  // Surveys can be re-sent while the claim window is open (S6): to the first submit, or after
  // "action required" to the end of the review window.
  const windowEnd = claim.status === 'action_required' ? claim.reviewDueAt : claim.claimDueAt;

  const send = async () => {
    if (busy || !contact) return;
    setBusy(true);
    setError(null);
    try {
      const next = await claimsApi.sendCustomerSurvey(nominationId);
      applied(
        next,
        intl.formatMessage(
          { id: s?.state === 'sent' ? 'claim.customerSurvey.resent' : 'claim.customerSurvey.sentTo' },
          { name: contact.name, email: contact.email },
        ),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.item} data-poe="customerSurvey">
      <PoeItemHead item={item} headingId={headingId} />
      <SurveyState item={item} />
      {!completed && contact ? (
        <Text as="p" className={shared.muted}>
          <FormattedMessage
            id="claim.customerSurvey.goesTo"
            values={{
              name: contact.name,
              email: contact.email,
              language: languageName(contact.locale, intl.locale),
            }}
          />
        </Text>
      ) : null}
      {!completed && !contact && editable ? (
        <Text as="p">
          <FormattedMessage id="claim.customerSurvey.noContact" />
        </Text>
      ) : null}
      {editable && !completed && contact ? (
        <div className={shared.buttons}>
          <Button
            icon={busy ? <Spinner size="tiny" /> : <MailRegular />}
            appearance={s?.state === 'sent' ? 'secondary' : 'primary'}
            disabledFocusable={busy}
            onClick={() => void send()}
          >
            <FormattedMessage
              id={s?.state === 'sent' ? 'claim.customerSurvey.resend' : 'claim.customerSurvey.send'}
            />
          </Button>
        </div>
      ) : null}
      {s?.state === 'sent' && windowEnd && editable ? (
        <Text as="p" className={shared.muted}>
          <FormattedMessage id="claim.customerSurvey.resendNote" values={{ date: date(intl, windowEnd) }} />
        </Text>
      ) : null}
      {error ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{errorText(intl, error)}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
