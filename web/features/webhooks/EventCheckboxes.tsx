import { Checkbox, makeStyles, tokens } from '@fluentui/react-components';
import { FormattedMessage } from 'react-intl';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../api/webhooks.ts';

const useStyles = makeStyles({
  group: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  code: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

/** The event's localised description (the identifier itself is the API's, shown as it is). */
export const eventDescriptionId = (event: WebhookEventType) => `webhooks.event.${event}` as const;

/** Every webhook event type of the contract as a checkbox: the identifier in code font and what it means. */
export function EventCheckboxes({
  legend,
  selected,
  onChange,
}: {
  legend: string;
  selected: readonly string[];
  onChange: (events: WebhookEventType[]) => void;
}) {
  const styles = useStyles();
  return (
    <fieldset className={styles.group}>
      <legend>{legend}</legend>
      {WEBHOOK_EVENT_TYPES.map((event) => (
        <Checkbox
          key={event}
          checked={selected.includes(event)}
          label={
            <>
              <code className={styles.code}>{event}</code> <FormattedMessage id={eventDescriptionId(event)} />
            </>
          }
          onChange={(_e, d) =>
            // Kept in the contract's order, whatever the order of the clicks.
            onChange(
              WEBHOOK_EVENT_TYPES.filter((e) => (e === event ? d.checked === true : selected.includes(e))),
            )
          }
        />
      ))}
    </fieldset>
  );
}
