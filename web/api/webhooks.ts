import type { z } from 'zod';
import type {
  CreatedWebhookEndpoint,
  CreateWebhookEndpointRequest,
  RotatedWebhookSecret,
  UpdateWebhookEndpointRequest,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookEndpoint,
  WebhookEndpointList,
} from '../../src/contracts/webhooks.ts';
import { api, resolveLink } from './client.ts';

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../src/contracts/values.ts';
export type { CreatedWebhookEndpoint, RotatedWebhookSecret, WebhookDelivery, WebhookEndpoint };

type EndpointList = z.infer<typeof WebhookEndpointList>;
type CreateRequest = z.input<typeof CreateWebhookEndpointRequest>;
type UpdateRequest = z.input<typeof UpdateWebhookEndpointRequest>;

/** One page of an endpoint's delivery log; `next` follows the list's opaque `nextLink`. */
export interface DeliveryPage {
  value: WebhookDelivery[];
  next: string | null;
}

const endpoint = (id: string) => `/webhook-endpoints/${encodeURIComponent(id)}`;

/** Webhook endpoints (issue 14, ADR 0019): the signing secret comes back from `create` and `rotateSecret` only. */
export const webhooksApi = {
  list: (signal?: AbortSignal) => api.get<EndpointList>('/webhook-endpoints', { signal }),
  create: (body: CreateRequest) => api.post<CreatedWebhookEndpoint>('/webhook-endpoints', body),
  update: (id: string, body: UpdateRequest) => api.patch<WebhookEndpoint>(endpoint(id), body),
  remove: (id: string) => api.delete(endpoint(id)),
  rotateSecret: (id: string) => api.post<RotatedWebhookSecret>(`${endpoint(id)}/rotate-secret`),
  sendTest: (id: string) => api.post<WebhookDelivery>(`${endpoint(id)}/test`),
  async deliveries(id: string, signal?: AbortSignal): Promise<DeliveryPage> {
    const path = `${endpoint(id)}/deliveries?maxpagesize=20`;
    return follow(await api.get<WebhookDeliveryList>(path, { signal }), path);
  },
  async nextDeliveries(link: string, signal?: AbortSignal): Promise<DeliveryPage> {
    return follow(await api.get<WebhookDeliveryList>(link, { signal }), link);
  },
  redeliver: (id: string, deliveryId: string) =>
    api.post<WebhookDelivery>(`${endpoint(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`),
};

function follow(body: WebhookDeliveryList, path: string): DeliveryPage {
  return { value: body.value, next: body.nextLink ? resolveLink(body.nextLink, path) : null };
}
