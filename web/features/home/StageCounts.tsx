import {
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useId } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { statusLabel } from '../../components/statusLabels.ts';

// Customers by stage (issue 15): a chart for the eye and its table twin for everyone (screen readers,
// keyboard, print). The chart's code loads after the page.

const StageChart = lazy(() => import('./StageChart.tsx'));

const useStyles = makeStyles({
  layout: { display: 'grid', gap: tokens.spacingVerticalM, minWidth: 0 },
  chart: { minWidth: 0, maxWidth: '100%', overflow: 'hidden' },
  number: { fontVariantNumeric: 'tabular-nums', textAlign: 'end' },
  wrap: { overflowWrap: 'anywhere' },
});

export function StageCounts({ counts, headingId }: { counts: Record<string, number>; headingId: string }) {
  const styles = useStyles();
  const intl = useIntl();
  const captionId = useId();
  // The API sends the stages in the lifecycle's order.
  const stages = Object.entries(counts).map(([s, count]) => ({ label: statusLabel(intl, s), count }));
  if (stages.length === 0)
    return (
      <Text as="p">
        <FormattedMessage id="home.stages.empty" />
      </Text>
    );
  return (
    <div className={styles.layout}>
      <div className={styles.chart}>
        <Suspense fallback={null}>
          <StageChart title={intl.formatMessage({ id: 'home.stages.chartTitle' })} stages={stages} />
        </Suspense>
      </div>
      <Table aria-labelledby={`${headingId} ${captionId}`} size="small">
        <caption id={captionId} className={styles.wrap}>
          <FormattedMessage id="home.stages.tableCaption" />
        </caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>
              <FormattedMessage id="home.stages.stage" />
            </TableHeaderCell>
            <TableHeaderCell className={styles.number}>
              <FormattedMessage id="home.stages.count" />
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {stages.map((s) => (
            <TableRow key={s.label}>
              <TableCell className={styles.wrap}>{s.label}</TableCell>
              <TableCell className={styles.number}>{intl.formatNumber(s.count)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
