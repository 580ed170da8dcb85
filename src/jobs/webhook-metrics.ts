import { Counter, register } from 'prom-client';
import type { DeliveryOutcome } from '../app/webhooks/deliver.ts';

// Webhook delivery attempts by event and outcome (issue 14): succeeded, retrying (an attempt failed and
// another is queued), failed (the last attempt failed). A rising `retrying` is a partner's receiver down.
const deliveries =
  (register.getSingleMetric('webhook_deliveries_total') as Counter<'event' | 'outcome'>) ??
  new Counter({
    name: 'webhook_deliveries_total',
    help: 'Webhook delivery attempts, by event type and outcome',
    labelNames: ['event', 'outcome'] as const,
  });

export function countDelivery(event: string, outcome: DeliveryOutcome): void {
  // A run that found nothing to do (a repeated job) sent nothing.
  if (outcome !== 'skipped') deliveries.inc({ event, outcome });
}
