import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { WebhookEventBody } from '../contracts/webhooks.ts';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT } from '../domain/webhook-events.ts';

// The OpenAPI 3.1 `webhooks` section (issue 14): one entry per event type, each a POST the partner's
// receiver gets, with the Standard Webhooks headers. examples/webhook-receiver.ts is a receiver.

const WEBHOOK_EVENT_BODY_ID = String(WebhookEventBody.meta()?.id);

type Webhooks = NonNullable<
  Extract<NonNullable<FastifyDynamicSwaggerOptions['openapi']>, { webhooks?: unknown }>['webhooks']
>;

const HEADERS = [
  ['webhook-id', 'The message id (`msg_…`): the same on every retry and redelivery. Deduplicate on it.'],
  ['webhook-timestamp', 'Unix seconds of this attempt. Refuse messages more than 5 minutes off.'],
  [
    'webhook-signature',
    'Space-separated `v1,<base64 HMAC-SHA256 of id.timestamp.body>`; two during the 24 hours after a secret rotation.',
  ],
] as const;

export function openApiWebhooks(): Webhooks {
  // The contract has an id, so it is a component (app.ts's transformObject puts it there): a reference
  // to it resolves, where the inline `$defs` z.toJSONSchema makes for a schema with an id did not.
  const body = { $ref: `#/components/schemas/${WEBHOOK_EVENT_BODY_ID}` };
  const entries = [...WEBHOOK_EVENT_TYPES, WEBHOOK_TEST_EVENT].map((type) => [
    type,
    {
      post: {
        tags: ['webhooks'],
        summary: `\`${type}\`, signed per Standard Webhooks 1.0`,
        parameters: HEADERS.map(([name, description]) => ({
          name,
          in: 'header',
          required: true,
          description,
          schema: { type: 'string' },
        })),
        requestBody: { required: true, content: { 'application/json': { schema: body } } },
        responses: { '200': { description: 'Any 2xx within 10 s: delivered. Anything else is retried.' } },
      },
    },
  ]);
  return Object.fromEntries(entries) as Webhooks;
}
