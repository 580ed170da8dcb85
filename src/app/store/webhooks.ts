import type { NominationStatus } from '../../domain/status.ts';
import type { WebhookFailureCode } from '../../domain/webhook-failures.ts';
import type { PartnerScope, Scope } from './scope.ts';

// Webhooks (issue 14, Standard Webhooks 1.0): a partner's endpoints and the deliveries of its events.

export interface WebhookEndpoint {
  id: string;
  partnerId: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: boolean;
  /** Disabled by the system after 5 days of failures (null: enabled, or disabled by a person). */
  disabledReason: 'failing' | null;
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The secrets an endpoint is signed with: the current one, and a rotated one until it lapses. */
interface EndpointSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretUntil: Date | null;
}

type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface WebhookDelivery {
  id: string;
  /** Orders the delivery log (newest first). */
  seq: string;
  endpointId: string;
  messageId: string;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  durationMs: number | null;
  /** The socket error of the last attempt, for the receiver's developers (never translated). */
  error: string | null;
  /** Why the last attempt failed (null: it succeeded, or none was made yet). */
  failureCode: WebhookFailureCode | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
}

export interface NewDelivery {
  id: string;
  partnerId: string;
  endpointId: string;
  messageId: string;
  eventType: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** What a delivery attempt needs: the message, and where and how to send it. */
export interface DeliveryToSend {
  delivery: WebhookDelivery & { partnerId: string; payload: Record<string, unknown> };
  endpoint: WebhookEndpoint & EndpointSecrets;
}

/** The facts of a record that every event's `data` carries. */
export interface WebhookRecordFacts {
  nominationId: string;
  partnerId: string;
  engagementId: string;
  locationId: string;
  tenantId: string;
  customerName: string;
  status: NominationStatus;
}

export interface AttemptResult {
  at: Date;
  responseStatus: number | null;
  durationMs: number;
  error: string | null;
  failureCode: WebhookFailureCode | null;
}

export interface WebhookRepository {
  insertEndpoint(endpoint: WebhookEndpoint & EndpointSecrets & { createdBy: string }): Promise<void>;
  /** The partner's endpoints, oldest first. */
  listEndpoints(scope: PartnerScope): Promise<WebhookEndpoint[]>;
  endpoint(scope: PartnerScope, id: string): Promise<WebhookEndpoint | undefined>;
  /** Changes the given fields; false when the partner has no such endpoint. */
  updateEndpoint(
    scope: PartnerScope,
    id: string,
    change: { url?: string; description?: string | null; events?: string[]; enabled?: boolean },
    at: Date,
  ): Promise<WebhookEndpoint | undefined>;
  deleteEndpoint(scope: PartnerScope, id: string): Promise<boolean>;
  /** A new current secret; the current one stays valid until `previousUntil`. */
  rotateSecret(
    scope: PartnerScope,
    id: string,
    secret: string,
    previousUntil: Date,
    at: Date,
  ): Promise<boolean>;
  /** The enabled endpoints of the partner subscribed to any of `eventTypes`. */
  subscribers(
    scope: PartnerScope,
    eventTypes: readonly string[],
  ): Promise<Pick<WebhookEndpoint, 'id' | 'events'>[]>;
  /** The facts of the partner's records that the events' bodies carry. */
  recordFacts(scope: PartnerScope, nominationIds: readonly string[]): Promise<WebhookRecordFacts[]>;
  insertDeliveries(deliveries: readonly NewDelivery[]): Promise<void>;
  /** The delivery log of one endpoint, newest first, after the keyset `afterSeq`. */
  deliveries(
    scope: PartnerScope,
    endpointId: string,
    page: { limit: number; afterSeq?: string | undefined },
  ): Promise<WebhookDelivery[]>;
  /** One delivery of the partner's endpoint, with its message (a redelivery copies it). */
  delivery(
    scope: PartnerScope,
    endpointId: string,
    deliveryId: string,
  ): Promise<(WebhookDelivery & { payload: Record<string, unknown> }) | undefined>;
  /** The delivery job's view of a delivery, whichever partner's it is (the job is the system). */
  toSend(scope: Scope, deliveryId: string): Promise<DeliveryToSend | undefined>;
  /**
   * Records attempt number `attempt` (a no-op, false, if another run already recorded it): its result,
   * the new status, and on the endpoint the start of a run of failures or its end.
   */
  recordAttempt(
    scope: Scope,
    deliveryId: string,
    attempt: number,
    status: DeliveryStatus,
    result: AttemptResult,
  ): Promise<boolean>;
  /** Disables an endpoint failing since `failingBefore` or earlier; true when it did. */
  disableFailing(scope: Scope, endpointId: string, failingBefore: Date, at: Date): Promise<boolean>;
  /** In-app notices to the partner's Incentives admins; returns how many were written. */
  notifyAdmins(
    scope: PartnerScope,
    notice: { kind: string; params: Record<string, unknown>; dedupeKey: string },
    at: Date,
  ): Promise<number>;
}
