import { memo } from 'react';
import type { CustomerRow, CustomerTab } from '../../../api/types.ts';
import { CustomerCell, LocationCell, TenantCell, TypeCell } from './IdentityCells.tsx';
import { ActionsCell } from './RowActions.tsx';
import { OutcomeCell, ReasonCell, StatusCell } from './StatusCells.tsx';
import { useTableStyles } from './tableStyles.ts';

// One page of rows is one <tbody>: the window of pages in the DOM slides by whole pages, and a page
// that stays is not rendered again (memo).

export const PageRows = memo(function PageRows({
  page,
  rows,
  offset,
  tab,
  actionsNoteId,
}: {
  page: number;
  rows: CustomerRow[];
  offset: number;
  tab: CustomerTab;
  actionsNoteId: string;
}) {
  return (
    <tbody data-page={page}>
      {rows.map((row, i) => (
        <Row
          key={`${row.nominationId ?? 'candidate'}:${row.customerId}`}
          row={row}
          index={offset + i}
          tab={tab}
          actionsNoteId={actionsNoteId}
        />
      ))}
    </tbody>
  );
});

/** The columns of a tab: Eligible has Type and Status, Complete the outcome, Ineligible the reason. */
const Row = memo(function Row({
  row,
  index,
  tab,
  actionsNoteId,
}: {
  row: CustomerRow;
  index: number;
  tab: CustomerTab;
  actionsNoteId: string;
}) {
  const styles = useTableStyles();
  return (
    // Row 1 is the header.
    <tr aria-rowindex={index + 2} className={styles.tr} data-nomination-id={row.nominationId ?? undefined}>
      <td className={styles.td}>
        <CustomerCell row={row} />
      </td>
      <td className={styles.td}>
        <TenantCell row={row} />
      </td>
      <td className={styles.td}>
        <LocationCell row={row} />
      </td>
      {tab === 'eligible' ? (
        <td className={styles.td}>
          <TypeCell row={row} />
        </td>
      ) : null}
      <td className={styles.td}>
        {tab === 'ineligible' ? (
          <ReasonCell row={row} />
        ) : tab === 'complete' ? (
          <OutcomeCell row={row} />
        ) : (
          <StatusCell row={row} />
        )}
      </td>
      {tab !== 'ineligible' ? (
        <td className={styles.td}>
          <ActionsCell row={row} actionsNoteId={actionsNoteId} />
        </td>
      ) : null}
    </tr>
  );
});
