import { Text } from '@fluentui/react-components';
import { FormattedMessage, useIntl } from 'react-intl';
import type { PoeItem } from '../../../api/types.ts';
import { dateTime, useClaimStyles } from '../claimShared.ts';

/** Where a survey stands: answered (when, by whom), sent (when, to whom) or not sent yet. */
export function SurveyState({ item }: { item: PoeItem }) {
  const intl = useIntl();
  const shared = useClaimStyles();
  const s = item.survey;
  if (!s) return null;
  if (s.state === 'completed' && s.completedAt)
    return (
      <Text as="p">
        <FormattedMessage
          id={item.completedBy ? 'claim.survey.completedBy' : 'claim.survey.completed'}
          values={{ date: dateTime(intl, s.completedAt), name: item.completedBy ?? '' }}
        />
      </Text>
    );
  if (s.state === 'sent' && s.sentAt)
    return (
      <Text as="p">
        <FormattedMessage
          id="claim.survey.sent"
          values={{
            date: dateTime(intl, s.sentAt),
            name: s.contact?.name ?? '',
            email: s.contact?.email ?? '',
          }}
        />
      </Text>
    );
  return (
    <Text as="p" className={shared.muted}>
      <FormattedMessage id="claim.survey.notSent" />
    </Text>
  );
}
