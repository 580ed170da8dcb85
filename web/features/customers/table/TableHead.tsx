import { mergeClasses } from '@fluentui/react-components';
import { ArrowDownRegular, ArrowSortRegular, ArrowUpRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { CustomerSort, CustomerTab } from '../../../api/types.ts';
import { useTableStyles } from './tableStyles.ts';

/** Column widths per tab (percent of the table), in column order. */
export const COLUMN_WIDTHS: Record<CustomerTab, number[]> = {
  eligible: [20, 18, 16, 10, 18, 18],
  ineligible: [24, 22, 18, 36],
  complete: [22, 22, 18, 18, 20],
};

/**
 * The header row of a tab; Customer and Status (or Outcome) sort, and say how (aria-sort). On a
 * phone (the card list) only the two sort buttons show, as a bar above the cards; the other headers
 * are there for screen readers only.
 */
export function TableHead({
  tab,
  sort,
  onSort,
}: {
  tab: CustomerTab;
  sort: CustomerSort;
  onSort: (sort: CustomerSort) => void;
}) {
  const styles = useTableStyles();
  const header = (content: ReactNode, column?: 'name' | 'status') => {
    if (!column) return <th className={mergeClasses(styles.th, styles.thPlain)}>{content}</th>;
    const direction = sort === column ? 'ascending' : sort === `-${column}` ? 'descending' : 'none';
    const Icon =
      direction === 'ascending'
        ? ArrowUpRegular
        : direction === 'descending'
          ? ArrowDownRegular
          : ArrowSortRegular;
    return (
      <th className={styles.th} aria-sort={direction}>
        <button
          type="button"
          className={styles.sortButton}
          onClick={() => onSort((direction === 'ascending' ? `-${column}` : column) as CustomerSort)}
        >
          {content}
          <Icon aria-hidden className={styles.sortIcon} fontSize={14} />
        </button>
      </th>
    );
  };
  return (
    <thead>
      <tr aria-rowindex={1}>
        {header(<FormattedMessage id="customers.column.customer" />, 'name')}
        {header(<FormattedMessage id="customers.column.tenant" />)}
        {header(<FormattedMessage id="customers.column.location" />)}
        {tab === 'eligible' ? header(<FormattedMessage id="customers.column.type" />) : null}
        {tab === 'ineligible'
          ? header(<FormattedMessage id="customers.column.reason" />)
          : header(
              <FormattedMessage
                id={tab === 'complete' ? 'customers.column.outcome' : 'customers.column.status'}
              />,
              'status',
            )}
        {tab !== 'ineligible' ? header(<FormattedMessage id="customers.column.action" />) : null}
      </tr>
    </thead>
  );
}
