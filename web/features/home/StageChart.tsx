import { VerticalBarChart } from '@fluentui/react-charts';
import { tokens } from '@fluentui/react-components';

// The chart half of "customers by stage" (issue 15). Loaded on its own, after the page (the charting
// library is large; quality §2's initial JS budget): the table next to it says the same for every reader.

export default function StageChart({
  title,
  stages,
}: {
  title: string;
  stages: readonly { label: string; count: number }[];
}) {
  return (
    <VerticalBarChart
      chartTitle={title}
      data={stages.map((s) => ({
        x: s.label,
        y: s.count,
        legend: s.label,
        color: tokens.colorBrandBackground,
      }))}
      hideLegend
      height={260}
      wrapXAxisLables
      barWidth="auto"
      maxBarWidth={48}
    />
  );
}
