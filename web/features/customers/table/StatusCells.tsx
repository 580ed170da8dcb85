import { mergeClasses } from '@fluentui/react-components';
import { WarningRegular } from '@fluentui/react-icons';
import { FormattedMessage, useIntl } from 'react-intl';
import type { CustomerRow } from '../../../api/types.ts';
import { statusLabel } from '../../../components/statusLabels.ts';
import { countdownText } from '../labels.ts';
import { useTableStyles } from './tableStyles.ts';

// Where the row stands: the status with its countdown (Eligible), the outcome (Complete) or the one
// reason the customer is not eligible (Ineligible, R7).

/** Rows this close to their deadline are highlighted. */
const URGENT_DAYS = 7;

export function StatusCell({ row }: { row: CustomerRow }) {
  const styles = useTableStyles();
  const intl = useIntl();
  const countdown = countdownText(intl, row);
  const label = statusLabel(intl, row.status);
  // The consent email could not be delivered: say so next to the status, with what to do.
  const emailFailed =
    row.consentEmail === 'failed' ? (
      <span className={mergeClasses(styles.pill, styles.pillStart, styles.warning)}>
        <WarningRegular aria-hidden className={styles.pillIcon} />
        <FormattedMessage id="customers.emailFailed" />
      </span>
    ) : null;
  if (!countdown)
    return emailFailed ? (
      <div className={styles.stack}>
        <span>{label}</span>
        {emailFailed}
      </div>
    ) : (
      <span>{label}</span>
    );
  const urgent = row.daysLeft !== null && row.daysLeft <= URGENT_DAYS;
  // The dispute countdown already says "rejected"; the others name the step under the countdown.
  const showLabel = row.countdown !== 'dispute';
  const primary = row.countdown === 'review' ? label : countdown;
  const secondary = row.countdown === 'review' ? countdown : label;
  return (
    <div className={styles.stack}>
      <span className={urgent && row.countdown !== 'review' ? styles.urgent : undefined}>{primary}</span>
      {showLabel ? <span className={styles.secondary}>{secondary}</span> : null}
      {emailFailed}
    </div>
  );
}

export function OutcomeCell({ row }: { row: CustomerRow }) {
  const styles = useTableStyles();
  const intl = useIntl();
  const outcome = row.outcome ?? row.status;
  const tone =
    outcome === 'approved' ? styles.success : outcome === 'cancelled' ? styles.subtle : styles.warning;
  return <span className={mergeClasses(styles.pill, tone)}>{statusLabel(intl, outcome)}</span>;
}

export function ReasonCell({ row }: { row: CustomerRow }) {
  const styles = useTableStyles();
  const reason = row.ineligibleReason;
  if (!reason) return <span aria-hidden>—</span>;
  const failed = reason.failedCriteria ?? [];
  return (
    <div className={styles.stack}>
      <span>{reason.message}</span>
      {failed.length > 0 ? (
        <ul className={mergeClasses(styles.reasons, styles.secondary)}>
          {failed.map((c) => (
            <li key={`${c.code}:${c.message}`}>{c.message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
