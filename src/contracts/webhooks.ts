import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../domain/webhook-events.ts';
import { WEBHOOK_FAILURE_CODES } from '../domain/webhook-failures.ts';
import { Id, page } from './common.ts';

// Webhooks (issue 14, Standard Webhooks 1.0): a partner's endpoints, the events they subscribe to, and
// the delivery log. The signing secret is in the answers to creation and rotation only.

const EndpointUrl = z
  .string()
  .trim()
  .max(2048)
  .pipe(z.url({ protocol: /^https?$/ }))
  .meta({ description: 'https (http only where MCI_WEBHOOKS_ALLOW_PRIVATE=1); never a private address.' });

const EventTypes = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length);

const Description = z.string().trim().max(500);

export const CreateWebhookEndpointRequest = z.strictObject({
  url: EndpointUrl,
  events: EventTypes,
  description: Description.optional(),
});
export type CreateWebhookEndpointRequest = z.infer<typeof CreateWebhookEndpointRequest>;

export const UpdateWebhookEndpointRequest = z
  .strictObject({
    /** A new URL is checked exactly as at registration. */
    url: EndpointUrl.optional(),
    /** null or an empty string removes it. */
    description: Description.nullable().optional(),
    events: EventTypes.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((v) => Object.values(v).some((field) => field !== undefined), { message: 'empty' });
export type UpdateWebhookEndpointRequest = z.infer<typeof UpdateWebhookEndpointRequest>;

export const WebhookEndpoint = z
  .object({
    id: Id,
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()),
    enabled: z.boolean(),
    /** `failing`: disabled by the system after 5 days of failed deliveries. */
    disabledReason: z.enum(['failing']).nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookEndpoint' });
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

const Secret = z.string().meta({ description: '`whsec_` and 256 random bits (base64); shown once.' });

export const CreatedWebhookEndpoint = WebhookEndpoint.extend({ secret: Secret }).meta({
  id: 'CreatedWebhookEndpoint',
});
export type CreatedWebhookEndpoint = z.infer<typeof CreatedWebhookEndpoint>;

export const RotatedWebhookSecret = z
  .object({
    secret: Secret,
    /** Until then, messages carry a signature with the previous secret too. */
    previousSecretExpiresAt: z.iso.datetime(),
  })
  .meta({ id: 'RotatedWebhookSecret' });
export type RotatedWebhookSecret = z.infer<typeof RotatedWebhookSecret>;

export const WebhookEndpointList = page(WebhookEndpoint);

export const WebhookDelivery = z
  .object({
    id: Id,
    /** The `webhook-id` header: the same on every attempt and redelivery of one message. */
    messageId: z.string(),
    event: z.string(),
    /** Attempts made so far. */
    attempt: z.number().int(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    /** The receiver's HTTP status at the last attempt (null: no answer). */
    responseStatus: z.number().int().nullable(),
    durationMs: z.number().int().nullable(),
    failureCode: z
      .enum(WEBHOOK_FAILURE_CODES)
      .nullable()
      .meta({
        description: [
          'Why the last attempt failed (null: it succeeded, or no attempt yet). `httpStatus`: the',
          'receiver answered, not with a 2xx (`responseStatus`; a redirect is never followed);',
          '`timeout`: no answer within 10 s; `connectionRefused`: nothing accepts connections at the',
          'address and port; `connectionFailed`: the connection could not be made or broke off;',
          '`dnsNotFound`: the host name does not resolve; `tlsError`: the TLS handshake failed',
          '(certificate); `invalidResponse`: the answer was not HTTP; `privateAddress`: not sent, the',
          'host resolves to a private, loopback, link-local or reserved address; `httpsRequired`: not',
          'sent, an http URL; `endpointDisabled`: not sent, the endpoint is disabled.',
        ].join(' '),
      }),
    /** The socket error of the last attempt as the network gave it, in English (null when `failureCode` says all). */
    error: z.string().nullable(),
    /** The last attempt, or when the message was queued. */
    at: z.iso.datetime(),
  })
  .meta({ id: 'WebhookDelivery' });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryList = page(WebhookDelivery);
export type WebhookDeliveryList = z.infer<typeof WebhookDeliveryList>;

export const WebhookDeliveryQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  maxpagesize: z.coerce.number().int().min(1).max(200).default(50),
});
export type WebhookDeliveryQuery = z.infer<typeof WebhookDeliveryQuery>;

export const WebhookEndpointParams = z.object({ endpointId: Id });
export const WebhookDeliveryParams = z.object({ endpointId: Id, deliveryId: Id });

/** The body of every message (the `data` of `webhook.test` is `{ endpointId }`). */
export const WebhookEventBody = z
  .object({
    type: z.string(),
    timestamp: z.iso.datetime(),
    data: z.object({
      nominationId: Id,
      engagementId: Id,
      locationId: Id,
      customer: z.object({ tenantId: Id, name: z.string() }),
      /** The record's status after the change. */
      status: z.string(),
      /** Its status before (null for nomination.created). */
      previousStatus: z.string().nullable(),
    }),
  })
  .meta({ id: 'WebhookEventBody' });
