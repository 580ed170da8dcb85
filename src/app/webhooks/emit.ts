import type { WebhookEventType } from '../../domain/webhook-events.ts';
import { newId } from '../ids.ts';
import type { Repositories } from '../store/index.ts';
import type { NewDelivery, WebhookRecordFacts } from '../store/webhooks.ts';

// Emitting webhook events (issue 14): inside the transaction of the change, one delivery row and one
// delivery job per subscribed, enabled endpoint of the record's partner. The rows and jobs exist if and
// only if the change commits (exactly-once enqueue); delivery itself is at-least-once.

export interface WebhookEvent {
  type: WebhookEventType;
  nominationId: string;
  /** The status before the change (null for a new record). */
  previousStatus?: string | null;
}

/** A Standard Webhooks message id: `msg_` and 128 random bits, the same on every retry. */
export const newMessageId = (): string => `msg_${newId().replaceAll('-', '')}`;

/** The body of an event about one record (the documented shape, docs/api.md). */
export function eventBody(type: string, at: Date, data: Record<string, unknown>) {
  return { type, timestamp: at.toISOString(), data };
}

function recordData(facts: WebhookRecordFacts, previousStatus: string | null | undefined) {
  return {
    nominationId: facts.nominationId,
    engagementId: facts.engagementId,
    locationId: facts.locationId,
    customer: { tenantId: facts.tenantId, name: facts.customerName },
    status: facts.status,
    ...(previousStatus === undefined ? {} : { previousStatus }),
  };
}

/** Queues the deliveries of `events`, all about records of one partner, in the caller's transaction. */
export async function emitWebhookEvents(
  tx: Repositories,
  partnerId: string,
  events: readonly WebhookEvent[],
  now: Date,
): Promise<void> {
  if (events.length === 0) return;
  const scope = { partnerId };
  // The common case is a partner without endpoints: one indexed query, nothing else.
  const endpoints = await tx.webhooks.subscribers(scope, [...new Set(events.map((e) => e.type))]);
  if (endpoints.length === 0) return;
  const facts = new Map(
    (
      await tx.webhooks.recordFacts(
        scope,
        events.map((e) => e.nominationId),
      )
    ).map((f) => [f.nominationId, f]),
  );
  const deliveries: NewDelivery[] = [];
  for (const event of events) {
    const record = facts.get(event.nominationId);
    if (!record) continue;
    const payload = eventBody(event.type, now, recordData(record, event.previousStatus));
    const messageId = newMessageId();
    for (const endpoint of endpoints)
      if (endpoint.events.includes(event.type))
        deliveries.push({
          id: newId(),
          partnerId,
          endpointId: endpoint.id,
          messageId,
          eventType: event.type,
          payload,
          createdAt: now,
        });
  }
  await queueDeliveries(tx, deliveries);
}

/** Writes delivery rows and queues their first attempts, in the caller's transaction. */
export async function queueDeliveries(tx: Repositories, deliveries: readonly NewDelivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  await tx.webhooks.insertDeliveries(deliveries);
  const jobs = deliveries.map((d) => ({ deliveryId: d.id, attempt: 1 }));
  if (jobs.length === 1) await tx.outbox.enqueue('webhook.deliver', jobs[0]!);
  else await tx.outbox.enqueueMany('webhook.deliver', jobs);
}
