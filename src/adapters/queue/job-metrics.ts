import { Counter, Histogram, register } from 'prom-client';

// Per-process job counters (Prometheus sums them over processes); the queue depth by state is read
// from the database at scrape time (src/main/metrics.ts), since it is shared by every process.
const jobsFinished =
  (register.getSingleMetric('mci_jobs_finished_total') as Counter<'name' | 'result'>) ??
  new Counter({
    name: 'mci_jobs_finished_total',
    help: 'Jobs run by this process, by job name and result (completed or failed)',
    labelNames: ['name', 'result'] as const,
  });

const jobDuration =
  (register.getSingleMetric('mci_job_duration_seconds') as Histogram<'name'>) ??
  new Histogram({
    name: 'mci_job_duration_seconds',
    help: 'Time a job handler took, by job name',
    labelNames: ['name'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
  });

export const jobMetrics = {
  finished(name: string, result: 'completed' | 'failed', seconds: number): void {
    jobsFinished.inc({ name, result });
    jobDuration.observe({ name }, seconds);
  },
};
