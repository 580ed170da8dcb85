import { mergeClasses } from '@fluentui/react-components';
import { createContext, useContext } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CustomerRow, RowAction } from '../../../api/types.ts';
import { ACTION_MESSAGE_IDS } from '../labels.ts';
import { useTableStyles } from './tableStyles.ts';

/** The row actions that work, and what each does (opens its wizard or dialog); provided by the Customers page. */
export interface RowActionHandlers {
  has: (action: RowAction) => boolean;
  run: (action: RowAction, row: CustomerRow) => void;
}
// A context rather than props: the rows are memoised, and the handlers reach them without
// re-rendering every row when the page re-renders.
export const RowActionsContext = createContext<RowActionHandlers | null>(null);

/**
 * The actions the row's state allows (spec §3). Claim customer (R19), Trigger and Resend customer
 * consent (R26–R29) and the workshop-claim actions (Submit / Continue / View, spec §4.4) work; an
 * action the page does not handle would be a disabled but focusable button, described by the visible
 * note that says so, never a button that pretends to work.
 */
export function ActionsCell({ row, actionsNoteId }: { row: CustomerRow; actionsNoteId: string }) {
  const styles = useTableStyles();
  const intl = useIntl();
  const handlers = useContext(RowActionsContext);
  if (row.actions.length === 0) return <span aria-hidden>—</span>;
  // Consent actions act on the record; Claim customer creates one.
  const works = (action: RowAction) =>
    handlers?.has(action) === true && (action === 'claimCustomer' || row.nominationId !== null);
  const soon = row.actions.some((a) => !works(a));
  return (
    <div className={styles.actions}>
      {row.actions.map((action) => {
        const label = intl.formatMessage({ id: ACTION_MESSAGE_IDS[action] });
        const name = intl.formatMessage(
          { id: 'customers.action.label' },
          { action: label, customer: row.name },
        );
        if (works(action))
          return (
            <button
              key={action}
              type="button"
              className={mergeClasses(styles.action, styles.actionEnabled)}
              aria-label={name}
              data-action={action}
              onClick={() => handlers?.run(action, row)}
            >
              {label}
            </button>
          );
        return (
          <button
            key={action}
            type="button"
            className={styles.action}
            aria-disabled="true"
            aria-label={name}
            aria-describedby={actionsNoteId}
          >
            {label}
          </button>
        );
      })}
      {soon ? (
        <span className={styles.secondary}>
          <FormattedMessage id="customers.action.soon" />
        </span>
      ) : null}
    </div>
  );
}
