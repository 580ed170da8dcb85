import type { WebhookFailureCode } from '../../domain/webhook-failures.ts';
import type { AppContext, WebhookSettings } from '../ports.ts';
import { SYSTEM_SCOPE } from '../store/scope.ts';
import type { AttemptResult, DeliveryToSend } from '../store/webhooks.ts';
import { type TargetRefusal, targetRefusal } from './target.ts';

// The delivery job (issue 14, Standard Webhooks 1.0): one attempt of one message to one endpoint.
// Signed with the endpoint's secret (and a rotated one while it is still valid: both signatures, so the
// receiver can switch at its own pace); 2xx within 10 s is success. A failure is counted on the
// delivery, which queues its own next attempt on the retry schedule in the same transaction, or is
// failed after the last. Times are real time (R36): the wait is real, whatever the test clock says.

/** A refusal of the target check before anything is sent, as the delivery log's failure code. */
const FAILURE_OF_REFUSAL: Readonly<Record<TargetRefusal, WebhookFailureCode>> = {
  'webhook.httpsRequired': 'httpsRequired',
  'webhook.unresolvable': 'dnsNotFound',
  'webhook.privateAddress': 'privateAddress',
};

/** An endpoint failing for this long without one success is disabled and its partner told. */
const DISABLE_AFTER_MS = 5 * 86_400_000;

export type DeliveryOutcome = 'succeeded' | 'retrying' | 'failed' | 'skipped';

export function webhookSettings(ctx: AppContext): WebhookSettings {
  if (!ctx.webhooks) throw new Error('webhooks are not configured in this context');
  return ctx.webhooks;
}

/** The secrets valid at `at`: the current one, and a rotated one for its 24 hours. */
function signingSecrets(endpoint: DeliveryToSend['endpoint'], at: Date): string[] {
  const secrets = [endpoint.secret];
  if (endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > at)
    secrets.push(endpoint.previousSecret);
  return secrets;
}

export async function deliverWebhook(
  ctx: AppContext,
  deliveryId: string,
  attempt: number,
): Promise<{ outcome: DeliveryOutcome; eventType: string }> {
  const settings = webhookSettings(ctx);
  const found = await ctx.store.webhooks.toSend(SYSTEM_SCOPE, deliveryId);
  // Gone (endpoint deleted), done, or this attempt already made by an earlier run of the job.
  if (found?.delivery.status !== 'pending' || found.delivery.attempts !== attempt - 1)
    return { outcome: 'skipped', eventType: found?.delivery.eventType ?? 'unknown' };
  const { delivery, endpoint } = found;
  const at = ctx.realClock.now();
  let result: Omit<AttemptResult, 'at'>;
  const notSent = (failureCode: WebhookFailureCode) => ({
    responseStatus: null,
    durationMs: 0,
    error: null,
    failureCode,
  });
  if (!endpoint.enabled) result = notSent('endpointDisabled');
  else {
    const refusal = await targetRefusal(settings, endpoint.url);
    if (refusal) result = notSent(FAILURE_OF_REFUSAL[refusal]);
    else {
      const body = JSON.stringify(delivery.payload);
      const sent = await settings.sender.send({
        url: endpoint.url,
        messageId: delivery.messageId,
        at,
        body,
        secrets: signingSecrets(endpoint, at),
      });
      if (sent.kind === 'failed')
        result = {
          responseStatus: null,
          durationMs: sent.durationMs,
          error: sent.detail,
          failureCode: sent.failure,
        };
      else {
        const answered = sent.status >= 200 && sent.status < 300;
        result = {
          responseStatus: sent.status,
          durationMs: sent.durationMs,
          error: null,
          failureCode: answered ? null : 'httpStatus',
        };
      }
    }
  }
  const ok = result.failureCode === null;
  const delays = settings.retryDelaysSeconds;
  // A disabled endpoint gets no further attempts; a redelivery after it is enabled starts a new one.
  const last = !endpoint.enabled || attempt > delays.length;
  const outcome: DeliveryOutcome = ok ? 'succeeded' : last ? 'failed' : 'retrying';
  await ctx.store.transaction(async (tx) => {
    const status = outcome === 'retrying' ? 'pending' : outcome === 'succeeded' ? 'succeeded' : 'failed';
    if (!(await tx.webhooks.recordAttempt(SYSTEM_SCOPE, deliveryId, attempt, status, { at, ...result })))
      return;
    if (outcome === 'retrying')
      await tx.outbox.enqueue(
        'webhook.deliver',
        { deliveryId, attempt: attempt + 1 },
        { startAfter: new Date(at.getTime() + delays[attempt - 1]! * 1000) },
      );
    if (ok || !endpoint.enabled) return;
    // Five days of failures without one success: the endpoint is disabled and its admins told in-app.
    if (
      await tx.webhooks.disableFailing(
        SYSTEM_SCOPE,
        endpoint.id,
        new Date(at.getTime() - DISABLE_AFTER_MS),
        at,
      )
    )
      await tx.webhooks.notifyAdmins(
        { partnerId: delivery.partnerId },
        {
          kind: 'webhookDisabled',
          params: { url: endpoint.url },
          dedupeKey: `webhookDisabled:${endpoint.id}:${at.toISOString()}`,
        },
        at,
      );
  });
  return { outcome, eventType: delivery.eventType };
}
