import { mergeClasses } from '@fluentui/react-components';
import { FormattedMessage } from 'react-intl';
import type { CustomerRow } from '../../../api/types.ts';
import { useVisuallyHidden } from '../../../components/visuallyHidden.ts';
import { useTableStyles } from './tableStyles.ts';

// Who the row is about: the customer, its tenant, the partner's location, and the Type (R6).

export function CustomerCell({ row }: { row: CustomerRow }) {
  const styles = useTableStyles();
  return (
    <div className={styles.stack}>
      <span className={styles.strong}>{row.name}</span>
      {row.domain ? <span className={styles.secondary}>{row.domain}</span> : null}
    </div>
  );
}

export function TenantCell({ row }: { row: CustomerRow }) {
  const styles = useTableStyles();
  const hidden = useVisuallyHidden();
  return (
    <div className={styles.stack}>
      <span className={styles.id}>
        <span className={hidden.root}>
          <FormattedMessage id="customers.tenantId" />{' '}
        </span>
        {row.tenantId}
      </span>
      {row.tpid !== null ? (
        <span className={styles.secondary}>
          <FormattedMessage id="customers.tpid" values={{ tpid: String(row.tpid) }} />
        </span>
      ) : null}
    </div>
  );
}

export function LocationCell({ row }: { row: CustomerRow }) {
  const styles = useTableStyles();
  if (!row.location)
    return (
      <span className={styles.secondary}>
        <FormattedMessage id="customers.location.none" />
      </span>
    );
  return (
    <div className={styles.stack}>
      <span>{row.location.name}</span>
      <span className={styles.secondary}>
        <FormattedMessage id="customers.location.mpnId" values={{ mpnId: row.location.mpnId }} />
      </span>
    </div>
  );
}

export function TypeCell({ row }: { row: CustomerRow }) {
  const styles = useTableStyles();
  if (row.type === 'active')
    return (
      <span className={mergeClasses(styles.pill, styles.nowrap, styles.success)}>
        <FormattedMessage id="customers.type.active" />
      </span>
    );
  if (row.type === 'notStarted')
    return (
      <span className={mergeClasses(styles.pill, styles.nowrap, styles.informative)}>
        <FormattedMessage id="customers.type.notStarted" />
      </span>
    );
  return <span aria-hidden>—</span>;
}
