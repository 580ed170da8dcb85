import { FormattedMessage, useIntl } from 'react-intl';
import { partnerSurveyInput } from '../../survey/surveyForms.tsx';
import { useChecklistStyles } from './checklistStyles.ts';

/** The partner survey's answers as given (the delivery day as a date of the UI language). */
export function PartnerAnswers({ answers }: { answers: Record<string, unknown> }) {
  const styles = useChecklistStyles();
  const intl = useIntl();
  const input = partnerSurveyInput(answers);
  // A calendar day: formatted at noon UTC, so no time zone moves it to the day before or after.
  const delivered = /^\d{4}-\d{2}-\d{2}$/.test(input.deliveredOn)
    ? intl.formatDate(`${input.deliveredOn}T12:00:00Z`, { dateStyle: 'long', timeZone: 'UTC' })
    : input.deliveredOn;
  return (
    <dl className={styles.answers}>
      <dt>
        <FormattedMessage id="survey.partner.deliveredOn" />
      </dt>
      <dd>{delivered}</dd>
      <dt>
        <FormattedMessage id="survey.partner.durationHours" />
      </dt>
      <dd>{input.durationHours}</dd>
      <dt>
        <FormattedMessage id="survey.partner.attendees" />
      </dt>
      <dd>{input.attendees}</dd>
      <dt>
        <FormattedMessage id="survey.partner.topicsCovered" />
      </dt>
      <dd>{input.topicsCovered}</dd>
      <dt>
        <FormattedMessage id="survey.partner.nextSteps" />
      </dt>
      <dd>{input.nextSteps}</dd>
    </dl>
  );
}
