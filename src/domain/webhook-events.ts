import type { EventType } from './transitions.ts';

// Webhook event types (issue 14, Standard Webhooks 1.0): what a partner's system can subscribe to. Each
// lifecycle event of the transition table maps to at most one of them, so the emission follows the
// table: a new lifecycle event fails to compile here until someone decides what it sends.

export const WEBHOOK_EVENT_TYPES = [
  'nomination.created',
  'consent.requested',
  'consent.accepted',
  'consent.declined',
  'consent.expired',
  'nomination.superseded',
  'claim.submitted',
  'claim.action_required',
  'claim.approved',
  'claim.rejected',
  'claim.disputed',
  'claim.expired',
  'claim.cancelled',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** The event `POST …/{id}/test` sends; never subscribed to, always delivered to the one endpoint. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

const OF_LIFECYCLE_EVENT: Readonly<Record<EventType, WebhookEventType | null>> = {
  requestConsent: 'consent.requested',
  // A reminder or a changed contact is not news to the partner's system: nothing changed state.
  resendConsent: null,
  updateConsentContact: null,
  acceptConsent: 'consent.accepted',
  declineConsent: 'consent.declined',
  expireConsent: 'consent.expired',
  supersede: 'nomination.superseded',
  submitClaim: 'claim.submitted',
  // The operator picking the claim up is internal to the review.
  startReview: null,
  requestInfo: 'claim.action_required',
  resubmitClaim: 'claim.submitted',
  approve: 'claim.approved',
  reject: 'claim.rejected',
  dispute: 'claim.disputed',
  expireClaim: 'claim.expired',
  expireReview: 'claim.expired',
  expireDispute: 'claim.expired',
  cancelClaim: 'claim.cancelled',
};

/** The webhook event a lifecycle event sends, or null when it sends none. */
export const webhookEventOf = (event: EventType): WebhookEventType | null => OF_LIFECYCLE_EVENT[event];
