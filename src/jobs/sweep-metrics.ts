import { Histogram, register } from 'prom-client';

// Sweeps (deadline transitions, reminders and notices): how many records each run handled and how long
// it took. A sweep that suddenly handles thousands, or takes minutes, is what an operator wants to see.
const records =
  (register.getSingleMetric('mci_sweep_records') as Histogram<'sweep'>) ??
  new Histogram({
    name: 'mci_sweep_records',
    help: 'Records a sweep run transitioned or notified, by sweep',
    labelNames: ['sweep'] as const,
    buckets: [0, 1, 10, 100, 1000, 10_000, 100_000],
  });

const duration =
  (register.getSingleMetric('mci_sweep_duration_seconds') as Histogram<'sweep'>) ??
  new Histogram({
    name: 'mci_sweep_duration_seconds',
    help: 'Time a sweep run took, by sweep',
    labelNames: ['sweep'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
  });

/** Runs one sweep and records its size and duration. */
export async function measuredSweep(sweep: string, run: () => Promise<number>): Promise<number> {
  const started = performance.now();
  const count = await run();
  records.observe({ sweep }, count);
  duration.observe({ sweep }, (performance.now() - started) / 1000);
  return count;
}
