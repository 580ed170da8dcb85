// One row of the bench table: a figure, the baseline it is compared with (measured in the same run,
// on the same database pool), their ratio, and the bar of issue 12 item 6 / quality §2 with whether it
// is met. Ratios are the figures to compare across machines; absolute values only describe this run.

export interface Row {
  database: string;
  workload: string;
  value: number;
  unit: string;
  /** The baseline's own figure, in `unit`. */
  baseline?: number;
  /** What the baseline is (printed beside its figure). */
  baselineOf?: string;
  /** value / baseline. */
  ratio?: number;
  /** The bar, as printed: '≤ 1.5 ×' (on the ratio) or '≤ 50 ms' (on the value). */
  bar?: string;
  /** Whether the bar is met; undefined when the row has no bar. */
  met?: boolean;
  note?: string;
}

type Op = '≤' | '≥';
const holds = (x: number, op: Op, limit: number) => (op === '≤' ? x <= limit : x >= limit);
const round = (x: number) => (Math.abs(x) >= 100 ? Math.round(x) : +x.toFixed(2));

/** A row compared with its baseline: prints the ratio and, with `bar`, whether ratio op limit holds. */
export function compared(
  row: Omit<Row, 'ratio' | 'bar' | 'met' | 'baseline'> & { baseline: number },
  bar?: [Op, number],
): Row {
  const ratio = row.baseline > 0 ? row.value / row.baseline : undefined;
  return {
    ...row,
    value: round(row.value),
    baseline: round(row.baseline),
    ...(ratio !== undefined ? { ratio } : {}),
    ...(bar
      ? { bar: `${bar[0]} ${bar[1]} ×`, met: ratio !== undefined && holds(ratio, bar[0], bar[1]) }
      : {}),
  };
}

/** A bar on the figure itself (e.g. p95 ≤ 50 ms); a baseline, if given, is printed with its ratio. */
export function absolute(row: Omit<Row, 'ratio' | 'bar' | 'met'>, bar: [Op, number]): Row {
  return {
    ...row,
    value: round(row.value),
    ...(row.baseline ? { baseline: round(row.baseline), ratio: row.value / row.baseline } : {}),
    bar: `${bar[0]} ${bar[1]} ${row.unit}`,
    met: holds(row.value, bar[0], bar[1]),
  };
}

export function printTable(rows: Row[]): string {
  const lines = [
    '| database | workload | value | baseline (same run) | ratio | bar | met |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const baseline =
      r.baseline !== undefined ? `${r.baseline} ${r.unit}${r.baselineOf ? ` (${r.baselineOf})` : ''}` : '';
    const ratio = r.ratio !== undefined ? r.ratio.toFixed(2) : '';
    const met = r.met === undefined ? '' : r.met ? '✓' : '✗';
    const note = r.note ? ` ${r.note}` : '';
    lines.push(
      `| ${r.database} | ${r.workload} | ${r.value} ${r.unit} | ${baseline} | ${ratio} | ${r.bar ?? ''} | ${met}${note} |`,
    );
  }
  return lines.join('\n');
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
