import { randomBytes } from 'node:crypto';
import type {
  CreatedWebhookEndpoint,
  CreateWebhookEndpointRequest,
  RotatedWebhookSecret,
  UpdateWebhookEndpointRequest,
  WebhookDeliveryQuery,
  WebhookDelivery as WebhookDeliveryView,
  WebhookEndpoint as WebhookEndpointView,
} from '../../contracts/webhooks.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Actor, requireAccess } from '../../domain/policy.ts';
import { WEBHOOK_TEST_EVENT } from '../../domain/webhook-events.ts';
import { decodeCursor, encodeCursor } from '../customers/cursor.ts';
import { newId } from '../ids.ts';
import type { AppContext } from '../ports.ts';
import type { PartnerScope } from '../store/scope.ts';
import type { WebhookDelivery, WebhookEndpoint } from '../store/webhooks.ts';
import { webhookSettings } from './deliver.ts';
import { eventBody, newMessageId, queueDeliveries } from './emit.ts';
import { requireAllowedTarget } from './target.ts';

// Managing webhook endpoints (issue 14): the partner's Incentives admins, from a session or with an API
// token (write scope for changes; ADR 0019). Another partner's endpoint is the same 404 as a missing one.
// The secret is shown in the answers to creation and rotation only. Times are real time (the rotated
// secret's 24 hours are compared with the time a message is signed).

const ROTATION_OVERLAP_MS = 86_400_000;
const SORT = 'webhookDeliveries';
const SEQ = /^\d{1,18}$/;

type PartnerActor = Extract<Actor, { kind: 'partnerUser' }>;

function requireWebhookAdmin(actor: Actor): PartnerScope {
  if (actor.kind !== 'partnerUser') throw new DomainError('Forbidden');
  requireAccess(actor, 'webhooks.manage', { partnerId: actor.partnerId });
  return { partnerId: (actor as PartnerActor).partnerId };
}

const newSigningSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

const view = (e: WebhookEndpoint): WebhookEndpointView => ({
  id: e.id,
  url: e.url,
  description: e.description,
  events: e.events,
  enabled: e.enabled,
  disabledReason: e.disabledReason,
  createdAt: e.createdAt.toISOString(),
  updatedAt: e.updatedAt.toISOString(),
});

const deliveryView = (d: WebhookDelivery): WebhookDeliveryView => ({
  id: d.id,
  messageId: d.messageId,
  event: d.eventType,
  attempt: d.attempts,
  status: d.status,
  responseStatus: d.responseStatus,
  durationMs: d.durationMs,
  error: d.error,
  failureCode: d.failureCode,
  at: (d.lastAttemptAt ?? d.createdAt).toISOString(),
});

const notFound = () => new DomainError('NotFound');

export async function createWebhookEndpoint(
  ctx: AppContext,
  actor: Actor,
  input: CreateWebhookEndpointRequest,
): Promise<CreatedWebhookEndpoint> {
  const scope = requireWebhookAdmin(actor);
  await requireAllowedTarget(webhookSettings(ctx), input.url);
  const now = ctx.realClock.now();
  const endpoint: WebhookEndpoint = {
    id: newId(),
    partnerId: scope.partnerId,
    url: input.url,
    description: input.description || null,
    events: [...new Set(input.events)],
    enabled: true,
    disabledReason: null,
    failingSince: null,
    createdAt: now,
    updatedAt: now,
  };
  const secret = newSigningSecret();
  await ctx.store.transaction(async (tx) => {
    await tx.webhooks.insertEndpoint({
      ...endpoint,
      secret,
      previousSecret: null,
      previousSecretUntil: null,
      createdBy: actor.userId,
    });
    await tx.audit.record({
      actor: { kind: 'partnerUser', id: actor.userId },
      action: 'webhookEndpoint.create',
      at: now,
      partnerId: scope.partnerId,
      data: { endpointId: endpoint.id, url: endpoint.url, events: endpoint.events },
    });
  });
  return { ...view(endpoint), secret };
}

export async function listWebhookEndpoints(ctx: AppContext, actor: Actor): Promise<WebhookEndpointView[]> {
  return (await ctx.store.webhooks.listEndpoints(requireWebhookAdmin(actor))).map(view);
}

export async function getWebhookEndpoint(ctx: AppContext, actor: Actor, id: string) {
  const found = await ctx.store.webhooks.endpoint(requireWebhookAdmin(actor), id);
  if (!found) throw notFound();
  return view(found);
}

export async function updateWebhookEndpoint(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateWebhookEndpointRequest,
): Promise<WebhookEndpointView> {
  const scope = requireWebhookAdmin(actor);
  // Another partner's endpoint is a 404 before its new URL is looked at.
  if (!(await ctx.store.webhooks.endpoint(scope, id))) throw notFound();
  if (input.url !== undefined) await requireAllowedTarget(webhookSettings(ctx), input.url);
  const now = ctx.realClock.now();
  return ctx.store.transaction(async (tx) => {
    const updated = await tx.webhooks.updateEndpoint(
      scope,
      id,
      {
        ...(input.url === undefined ? {} : { url: input.url }),
        // An empty description is none, as at creation.
        ...(input.description === undefined ? {} : { description: input.description || null }),
        ...(input.events === undefined ? {} : { events: [...new Set(input.events)] }),
        ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
      },
      now,
    );
    if (!updated) throw notFound();
    await tx.audit.record({
      actor: { kind: 'partnerUser', id: actor.userId },
      action: 'webhookEndpoint.update',
      at: now,
      partnerId: scope.partnerId,
      data: { endpointId: id, ...input },
    });
    return view(updated);
  });
}

export async function deleteWebhookEndpoint(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const scope = requireWebhookAdmin(actor);
  const now = ctx.realClock.now();
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.webhooks.deleteEndpoint(scope, id))) throw notFound();
    await tx.audit.record({
      actor: { kind: 'partnerUser', id: actor.userId },
      action: 'webhookEndpoint.delete',
      at: now,
      partnerId: scope.partnerId,
      data: { endpointId: id },
    });
  });
}

/** A new secret; the current one keeps signing (as a second signature) for 24 hours. */
export async function rotateWebhookSecret(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<RotatedWebhookSecret> {
  const scope = requireWebhookAdmin(actor);
  const now = ctx.realClock.now();
  const until = new Date(now.getTime() + ROTATION_OVERLAP_MS);
  const secret = newSigningSecret();
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.webhooks.rotateSecret(scope, id, secret, until, now))) throw notFound();
    await tx.audit.record({
      actor: { kind: 'partnerUser', id: actor.userId },
      action: 'webhookEndpoint.rotateSecret',
      at: now,
      partnerId: scope.partnerId,
      data: { endpointId: id },
    });
  });
  return { secret, previousSecretExpiresAt: until.toISOString() };
}

/** Queues a `webhook.test` message to the endpoint (whatever it subscribes to). */
export async function sendTestWebhook(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<WebhookDeliveryView> {
  const scope = requireWebhookAdmin(actor);
  const now = ctx.realClock.now();
  return ctx.store.transaction(async (tx) => {
    if (!(await tx.webhooks.endpoint(scope, id))) throw notFound();
    const delivery = {
      id: newId(),
      partnerId: scope.partnerId,
      endpointId: id,
      messageId: newMessageId(),
      eventType: WEBHOOK_TEST_EVENT,
      payload: eventBody(WEBHOOK_TEST_EVENT, now, { endpointId: id }),
      createdAt: now,
    };
    await queueDeliveries(tx, [delivery]);
    return deliveryView({
      ...delivery,
      seq: '0',
      status: 'pending',
      attempts: 0,
      responseStatus: null,
      durationMs: null,
      error: null,
      failureCode: null,
      lastAttemptAt: null,
    });
  });
}

/** One page of an endpoint's delivery log, newest first. */
export async function webhookDeliveryPage(
  ctx: AppContext,
  actor: Actor,
  endpointId: string,
  query: WebhookDeliveryQuery,
): Promise<{ value: WebhookDeliveryView[]; nextCursor?: string }> {
  const scope = requireWebhookAdmin(actor);
  if (!(await ctx.store.webhooks.endpoint(scope, endpointId))) throw notFound();
  let afterSeq: string | undefined;
  if (query.cursor) {
    const key = decodeCursor(query.cursor, SORT, ['text']).key[0] as string;
    if (!SEQ.test(key))
      throw new DomainError('ValidationFailed', {
        target: 'cursor',
        details: [{ code: 'invalid', target: 'cursor' }],
      });
    afterSeq = key;
  }
  const rows = await ctx.store.webhooks.deliveries(scope, endpointId, {
    limit: query.maxpagesize + 1,
    afterSeq,
  });
  const more = rows.length > query.maxpagesize;
  const shown = rows.slice(0, query.maxpagesize);
  const last = shown.at(-1);
  const value = shown.map(deliveryView);
  return more && last ? { value, nextCursor: encodeCursor({ sort: SORT, key: [last.seq] }) } : { value };
}

/** Sends a message again, as a new delivery with the same `webhook-id` (it is the same message). */
export async function redeliverWebhook(
  ctx: AppContext,
  actor: Actor,
  endpointId: string,
  deliveryId: string,
): Promise<WebhookDeliveryView> {
  const scope = requireWebhookAdmin(actor);
  const now = ctx.realClock.now();
  return ctx.store.transaction(async (tx) => {
    const original = await tx.webhooks.delivery(scope, endpointId, deliveryId);
    if (!original) throw notFound();
    const copy = {
      id: newId(),
      partnerId: scope.partnerId,
      endpointId,
      messageId: original.messageId,
      eventType: original.eventType,
      payload: original.payload,
      createdAt: now,
    };
    await queueDeliveries(tx, [copy]);
    await tx.audit.record({
      actor: { kind: 'partnerUser', id: actor.userId },
      action: 'webhookDelivery.redeliver',
      at: now,
      partnerId: scope.partnerId,
      data: { endpointId, deliveryId, messageId: original.messageId },
    });
    return deliveryView({
      ...copy,
      seq: '0',
      status: 'pending',
      attempts: 0,
      responseStatus: null,
      durationMs: null,
      error: null,
      failureCode: null,
      lastAttemptAt: null,
    });
  });
}
