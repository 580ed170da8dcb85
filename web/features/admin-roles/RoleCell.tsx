import { Dropdown, makeStyles, Option, tokens, typographyStyles } from '@fluentui/react-components';
import { CheckmarkCircleRegular, ErrorCircleRegular } from '@fluentui/react-icons';
import { FormattedMessage, useIntl } from 'react-intl';
import type { IncentiveRole } from '../../api/types.ts';
import { ROLE_MESSAGE_IDS } from '../../components/RoleName.tsx';

export type RoleChoice = IncentiveRole | 'none';
export type CellState = 'idle' | 'saving' | 'saved' | 'failed';

const CHOICES: RoleChoice[] = ['none', 'incentivesAdmin', 'incentivesUser'];

const useStyles = makeStyles({
  cell: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, paddingBlock: '4px' },
  dropdown: { minWidth: '11rem', maxWidth: '100%' },
  status: {
    ...typographyStyles.caption1,
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    minHeight: '16px',
    color: tokens.colorNeutralForeground2,
  },
  saved: { color: tokens.colorStatusSuccessForeground1 },
  failed: { color: tokens.colorStatusDangerForeground1 },
});

export function useChoiceLabel() {
  const intl = useIntl();
  return (choice: RoleChoice) =>
    intl.formatMessage({ id: choice === 'none' ? 'role.none' : ROLE_MESSAGE_IDS[choice] });
}

/**
 * One user × location cell. The Dropdown is fully keyboard operable (Enter/Space/Alt+↓ to open,
 * arrows, Enter to choose). The short status under it is for sighted users; the page's status
 * message announces the same outcome to screen readers, so it is hidden from them here.
 */
export function RoleCell({
  label,
  value,
  state,
  onChange,
}: {
  label: string;
  value: RoleChoice;
  state: CellState;
  onChange: (next: RoleChoice) => void;
}) {
  const styles = useStyles();
  const choiceLabel = useChoiceLabel();
  return (
    <div className={styles.cell}>
      <Dropdown
        className={styles.dropdown}
        aria-label={label}
        value={choiceLabel(value)}
        selectedOptions={[value]}
        onOptionSelect={(_event, data) => {
          const next = data.optionValue as RoleChoice | undefined;
          if (next && next !== value && state !== 'saving') onChange(next);
        }}
      >
        {CHOICES.map((choice) => (
          <Option key={choice} value={choice}>
            {choiceLabel(choice)}
          </Option>
        ))}
      </Dropdown>
      <span className={styles.status} aria-hidden="true">
        {state === 'saving' ? <FormattedMessage id="roles.cell.saving" /> : null}
        {state === 'saved' ? (
          <span className={styles.saved}>
            <CheckmarkCircleRegular /> <FormattedMessage id="roles.cell.saved" />
          </span>
        ) : null}
        {state === 'failed' ? (
          <span className={styles.failed}>
            <ErrorCircleRegular /> <FormattedMessage id="roles.cell.failed" />
          </span>
        ) : null}
      </span>
    </div>
  );
}
