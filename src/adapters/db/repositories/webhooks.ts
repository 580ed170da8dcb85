import { sql } from 'kysely';
import type { Scope } from '../../../app/store/scope.ts';
import type {
  DeliveryToSend,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookRepository,
} from '../../../app/store/webhooks.ts';
import type { WebhookFailureCode } from '../../../domain/webhook-failures.ts';
import type { Q } from './db.ts';

// Webhooks (issue 14): endpoints and deliveries, always filtered by the partner of the scope; the
// delivery job acts for the system (SYSTEM_SCOPE) and names it.

const ENDPOINT = [
  'e.id',
  'e.partner_id',
  'e.url',
  'e.description',
  'e.events',
  'e.enabled',
  'e.disabled_reason',
  'e.failing_since',
  'e.created_at',
  'e.updated_at',
] as const;

type EndpointRow = {
  id: string;
  partner_id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  disabled_reason: 'failing' | null;
  failing_since: Date | null;
  created_at: Date;
  updated_at: Date;
};

const toEndpoint = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id,
  partnerId: r.partner_id,
  url: r.url,
  description: r.description,
  events: r.events,
  enabled: r.enabled,
  disabledReason: r.disabled_reason,
  failingSince: r.failing_since,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const DELIVERY = [
  'd.id',
  'd.seq',
  'd.endpoint_id',
  'd.message_id',
  'd.event_type',
  'd.status',
  'd.attempts',
  'd.response_status',
  'd.duration_ms',
  'd.error',
  'd.failure_code',
  'd.created_at',
  'd.last_attempt_at',
] as const;

type DeliveryRow = {
  id: string;
  seq: string;
  endpoint_id: string;
  message_id: string;
  event_type: string;
  status: WebhookDelivery['status'];
  attempts: number;
  response_status: number | null;
  duration_ms: number | null;
  error: string | null;
  failure_code: WebhookFailureCode | null;
  created_at: Date;
  last_attempt_at: Date | null;
};

const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  seq: String(r.seq),
  endpointId: r.endpoint_id,
  messageId: r.message_id,
  eventType: r.event_type,
  status: r.status,
  attempts: r.attempts,
  responseStatus: r.response_status,
  durationMs: r.duration_ms,
  error: r.error,
  failureCode: r.failure_code,
  createdAt: r.created_at,
  lastAttemptAt: r.last_attempt_at,
});

/** The delivery log of one endpoint of the partner, newest first (served by webhook_deliveries_endpoint). */
const webhookDeliveryLogQuery = (
  db: Q,
  partnerId: string,
  endpointId: string,
  page: { limit: number; afterSeq?: string | undefined },
) => {
  let query = db
    .selectFrom('webhook_deliveries as d')
    .select(DELIVERY)
    .where('d.partner_id', '=', partnerId)
    .where('d.endpoint_id', '=', endpointId);
  if (page.afterSeq !== undefined) query = query.where('d.seq', '<', page.afterSeq);
  return query.orderBy('d.seq', 'desc').limit(page.limit);
};

/** The partner of a scope, or none for the system (the delivery job). */
const partnerOf = (scope: Scope) => scope.partnerId;

export function webhookRepository(db: Q): WebhookRepository {
  return {
    async insertEndpoint(e) {
      await db
        .insertInto('webhook_endpoints')
        .values({
          id: e.id,
          partner_id: e.partnerId,
          url: e.url,
          description: e.description,
          events: e.events,
          enabled: e.enabled,
          secret: e.secret,
          previous_secret: e.previousSecret,
          previous_secret_until: e.previousSecretUntil,
          failing_since: e.failingSince,
          disabled_reason: e.disabledReason,
          created_by: e.createdBy,
          created_at: e.createdAt,
          updated_at: e.updatedAt,
        })
        .execute();
    },

    async listEndpoints(scope) {
      const rows = await db
        .selectFrom('webhook_endpoints as e')
        .select(ENDPOINT)
        .where('e.partner_id', '=', scope.partnerId)
        .orderBy('e.created_at')
        .orderBy('e.id')
        .execute();
      return rows.map(toEndpoint);
    },

    async endpoint(scope, id) {
      const row = await db
        .selectFrom('webhook_endpoints as e')
        .select(ENDPOINT)
        .where('e.partner_id', '=', scope.partnerId)
        .where('e.id', '=', id)
        .executeTakeFirst();
      return row && toEndpoint(row);
    },

    async updateEndpoint(scope, id, change, at) {
      const row = await db
        .updateTable('webhook_endpoints as e')
        .set((eb) => ({
          // A new URL is a new receiver: the run of failures that would disable the endpoint starts
          // afresh. Saving the same URL again keeps it (it must not put off the 5 days).
          ...(change.url === undefined
            ? {}
            : {
                url: change.url,
                failing_since: eb
                  .case()
                  .when('e.url', '=', change.url)
                  .then(eb.ref('e.failing_since'))
                  .else(null)
                  .end(),
              }),
          ...(change.description === undefined ? {} : { description: change.description }),
          ...(change.events === undefined ? {} : { events: change.events }),
          // Enabling by hand starts afresh: no run of failures, no reason.
          ...(change.enabled === undefined
            ? {}
            : change.enabled
              ? { enabled: true, disabled_reason: null, failing_since: null }
              : { enabled: false }),
          updated_at: at,
        }))
        .where('e.partner_id', '=', scope.partnerId)
        .where('e.id', '=', id)
        .returning(ENDPOINT)
        .executeTakeFirst();
      return row && toEndpoint(row);
    },

    async deleteEndpoint(scope, id) {
      const row = await db
        .deleteFrom('webhook_endpoints')
        .where('partner_id', '=', scope.partnerId)
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async rotateSecret(scope, id, secret, previousUntil, at) {
      const row = await db
        .updateTable('webhook_endpoints')
        .set((eb) => ({
          previous_secret: eb.ref('secret'),
          previous_secret_until: previousUntil,
          secret,
          updated_at: at,
        }))
        .where('partner_id', '=', scope.partnerId)
        .where('id', '=', id)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async subscribers(scope, eventTypes) {
      return db
        .selectFrom('webhook_endpoints')
        .select(['id', 'events'])
        .where('partner_id', '=', scope.partnerId)
        .where('enabled', '=', true)
        .where(sql<boolean>`events && ${sql.val([...eventTypes])}::text[]`)
        .orderBy('id')
        .execute();
    },

    async recordFacts(scope, nominationIds) {
      if (nominationIds.length === 0) return [];
      const rows = await db
        .selectFrom('nominations as n')
        .innerJoin('tenants as t', 't.id', 'n.tenant_id')
        .select([
          'n.id',
          'n.partner_id',
          'n.engagement_id',
          'n.location_id',
          'n.tenant_id',
          't.name',
          'n.status',
        ])
        .where('n.partner_id', '=', scope.partnerId)
        .where('n.id', 'in', [...nominationIds])
        .execute();
      return rows.map((r) => ({
        nominationId: r.id,
        partnerId: r.partner_id,
        engagementId: r.engagement_id,
        locationId: r.location_id,
        tenantId: r.tenant_id,
        customerName: r.name,
        status: r.status,
      }));
    },

    async insertDeliveries(deliveries) {
      if (deliveries.length === 0) return;
      await db
        .insertInto('webhook_deliveries')
        .values(
          deliveries.map((d) => ({
            id: d.id,
            partner_id: d.partnerId,
            endpoint_id: d.endpointId,
            message_id: d.messageId,
            event_type: d.eventType,
            payload: JSON.stringify(d.payload),
            created_at: d.createdAt,
          })),
        )
        .execute();
    },

    async deliveries(scope, endpointId, page) {
      return (await webhookDeliveryLogQuery(db, scope.partnerId, endpointId, page).execute()).map(toDelivery);
    },

    async delivery(scope, endpointId, deliveryId) {
      const row = await db
        .selectFrom('webhook_deliveries as d')
        .select([...DELIVERY, 'd.payload'])
        .where('d.partner_id', '=', scope.partnerId)
        .where('d.endpoint_id', '=', endpointId)
        .where('d.id', '=', deliveryId)
        .executeTakeFirst();
      return row && { ...toDelivery(row), payload: row.payload };
    },

    async toSend(scope, deliveryId) {
      let query = db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhook_endpoints as e', 'e.id', 'd.endpoint_id')
        .select([
          ...DELIVERY,
          'd.partner_id as delivery_partner_id',
          'd.payload',
          'e.partner_id as endpoint_partner_id',
          'e.url as endpoint_url',
          'e.description as endpoint_description',
          'e.events as endpoint_events',
          'e.enabled as endpoint_enabled',
          'e.disabled_reason as endpoint_disabled_reason',
          'e.failing_since as endpoint_failing_since',
          'e.created_at as endpoint_created_at',
          'e.updated_at as endpoint_updated_at',
          'e.secret',
          'e.previous_secret',
          'e.previous_secret_until',
        ])
        .where('d.id', '=', deliveryId);
      const partnerId = partnerOf(scope);
      if (partnerId !== null) query = query.where('d.partner_id', '=', partnerId);
      const r = await query.executeTakeFirst();
      if (!r) return undefined;
      const found: DeliveryToSend = {
        delivery: { ...toDelivery(r), partnerId: r.delivery_partner_id, payload: r.payload },
        endpoint: {
          ...toEndpoint({
            id: r.endpoint_id,
            partner_id: r.endpoint_partner_id,
            url: r.endpoint_url,
            description: r.endpoint_description,
            events: r.endpoint_events,
            enabled: r.endpoint_enabled,
            disabled_reason: r.endpoint_disabled_reason,
            failing_since: r.endpoint_failing_since,
            created_at: r.endpoint_created_at,
            updated_at: r.endpoint_updated_at,
          }),
          secret: r.secret,
          previousSecret: r.previous_secret,
          previousSecretUntil: r.previous_secret_until,
        },
      };
      return found;
    },

    async recordAttempt(scope, deliveryId, attempt, status, result) {
      let query = db
        .updateTable('webhook_deliveries')
        .set({
          attempts: attempt,
          status,
          response_status: result.responseStatus,
          duration_ms: result.durationMs,
          error: result.error,
          failure_code: result.failureCode,
          last_attempt_at: result.at,
        })
        .where('id', '=', deliveryId)
        .where('attempts', '=', attempt - 1)
        .where('status', '=', 'pending');
      const partnerId = partnerOf(scope);
      if (partnerId !== null) query = query.where('partner_id', '=', partnerId);
      const row = await query.returning('endpoint_id').executeTakeFirst();
      if (!row) return false;
      // A success ends a run of failures; a failure starts one (or continues it).
      await db
        .updateTable('webhook_endpoints')
        .set(
          status === 'succeeded'
            ? { failing_since: null }
            : (eb) => ({ failing_since: eb.fn.coalesce('failing_since', sql<Date>`${result.at}`) }),
        )
        .where('id', '=', row.endpoint_id)
        .execute();
      return true;
    },

    async disableFailing(scope, endpointId, failingBefore, at) {
      let query = db
        .updateTable('webhook_endpoints')
        .set({ enabled: false, disabled_reason: 'failing', updated_at: at })
        .where('id', '=', endpointId)
        .where('enabled', '=', true)
        .where('failing_since', '<=', failingBefore);
      const partnerId = partnerOf(scope);
      if (partnerId !== null) query = query.where('partner_id', '=', partnerId);
      return (await query.returning('id').executeTakeFirst()) !== undefined;
    },

    async notifyAdmins(scope, notice, at) {
      // Every user of the partner with the Incentives admin role on any of its locations.
      const admins = await db
        .selectFrom('users as u')
        .innerJoin('user_location_roles as r', 'r.user_id', 'u.id')
        .select('u.id')
        .distinct()
        .where('u.partner_id', '=', scope.partnerId)
        .where('r.role', '=', 'incentivesAdmin')
        .execute();
      if (admins.length === 0) return 0;
      const rows = await db
        .insertInto('notifications')
        .values(
          admins.map((a) => ({
            id: crypto.randomUUID(),
            user_id: a.id,
            partner_id: scope.partnerId,
            nomination_id: null,
            kind: notice.kind,
            params: JSON.stringify(notice.params),
            dedupe_key: notice.dedupeKey,
            created_at: at,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['user_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing(),
        )
        .returning('id')
        .execute();
      return rows.length;
    },
  };
}
