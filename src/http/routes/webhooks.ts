import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/ports.ts';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  redeliverWebhook,
  rotateWebhookSecret,
  sendTestWebhook,
  updateWebhookEndpoint,
  webhookDeliveryPage,
} from '../../app/webhooks/endpoints.ts';
import { errorResponses } from '../../contracts/common.ts';
import {
  CreatedWebhookEndpoint,
  CreateWebhookEndpointRequest,
  RotatedWebhookSecret,
  UpdateWebhookEndpointRequest,
  WebhookDelivery,
  WebhookDeliveryList,
  WebhookDeliveryParams,
  WebhookDeliveryQuery,
  WebhookEndpoint,
  WebhookEndpointList,
  WebhookEndpointParams,
} from '../../contracts/webhooks.ts';
import { requirePrincipal } from '../auth.ts';

const errors = errorResponses(400, 401, 403, 404, 422);
const tags = ['webhooks'];

// Webhook endpoints (issue 14, Standard Webhooks 1.0), for the partner's Incentives admins: from a
// session, or with an API token (a `read` token lists, a `write` token also changes; ADR 0019). The
// signing secret is in the answers to creation and rotation only (no-store).
export const webhookRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/webhook-endpoints',
      {
        schema: {
          tags,
          summary: 'Register a webhook endpoint (the signing secret is in this answer only)',
          body: CreateWebhookEndpointRequest,
          response: { 201: CreatedWebhookEndpoint, ...errors },
        },
      },
      async (request, reply) => {
        const created = await createWebhookEndpoint(ctx, requirePrincipal(request).actor, request.body);
        return reply.code(201).header('cache-control', 'no-store').send(created);
      },
    );

    app.get(
      '/webhook-endpoints',
      {
        schema: {
          tags,
          summary: "The partner's webhook endpoints (never the secret)",
          response: { 200: WebhookEndpointList, ...errors },
        },
      },
      async (request) => ({ value: await listWebhookEndpoints(ctx, requirePrincipal(request).actor) }),
    );

    app.get(
      '/webhook-endpoints/:endpointId',
      {
        schema: {
          tags,
          summary: 'One webhook endpoint (never the secret)',
          params: WebhookEndpointParams,
          response: { 200: WebhookEndpoint, ...errors },
        },
      },
      async (request) => getWebhookEndpoint(ctx, requirePrincipal(request).actor, request.params.endpointId),
    );

    app.patch(
      '/webhook-endpoints/:endpointId',
      {
        schema: {
          tags,
          summary:
            'Change the URL (checked as at registration), the description, the events, or enable/disable',
          params: WebhookEndpointParams,
          body: UpdateWebhookEndpointRequest,
          response: { 200: WebhookEndpoint, ...errors },
        },
      },
      async (request) =>
        updateWebhookEndpoint(ctx, requirePrincipal(request).actor, request.params.endpointId, request.body),
    );

    app.delete(
      '/webhook-endpoints/:endpointId',
      {
        schema: {
          tags,
          summary: 'Delete the endpoint and its delivery log (queued attempts are dropped)',
          params: WebhookEndpointParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await deleteWebhookEndpoint(ctx, requirePrincipal(request).actor, request.params.endpointId);
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/webhook-endpoints/:endpointId/rotate-secret',
      {
        schema: {
          tags,
          summary: 'A new signing secret; the old one also signs for 24 hours (two signatures)',
          params: WebhookEndpointParams,
          response: { 200: RotatedWebhookSecret, ...errors },
        },
      },
      async (request, reply) => {
        const rotated = await rotateWebhookSecret(
          ctx,
          requirePrincipal(request).actor,
          request.params.endpointId,
        );
        return reply.header('cache-control', 'no-store').send(rotated);
      },
    );

    app.post(
      '/webhook-endpoints/:endpointId/test',
      {
        schema: {
          tags,
          summary: 'Send a `webhook.test` message to the endpoint',
          params: WebhookEndpointParams,
          response: { 202: WebhookDelivery, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(202)
          .send(await sendTestWebhook(ctx, requirePrincipal(request).actor, request.params.endpointId)),
    );

    app.get(
      '/webhook-endpoints/:endpointId/deliveries',
      {
        schema: {
          tags,
          summary: "The endpoint's delivery log, newest first (keyset-paged)",
          params: WebhookEndpointParams,
          querystring: WebhookDeliveryQuery,
          response: { 200: WebhookDeliveryList, ...errors },
        },
      },
      async (request) => {
        const { endpointId } = request.params;
        const page = await webhookDeliveryPage(
          ctx,
          requirePrincipal(request).actor,
          endpointId,
          request.query,
        );
        if (!page.nextCursor) return { value: page.value };
        const params = new URLSearchParams({
          maxpagesize: String(request.query.maxpagesize),
          cursor: page.nextCursor,
        });
        return {
          value: page.value,
          nextLink: `/api/v1/webhook-endpoints/${endpointId}/deliveries?${params}`,
        };
      },
    );

    app.post(
      '/webhook-endpoints/:endpointId/deliveries/:deliveryId/redeliver',
      {
        schema: {
          tags,
          summary: 'Send the message again (a new delivery with the same `webhook-id`)',
          params: WebhookDeliveryParams,
          response: { 202: WebhookDelivery, ...errors },
        },
      },
      async (request, reply) => {
        const { endpointId, deliveryId } = request.params;
        return reply
          .code(202)
          .send(await redeliverWebhook(ctx, requirePrincipal(request).actor, endpointId, deliveryId));
      },
    );
  };
