// The contracts' value lists without zod: the web's first-paint code (language switcher, Engagements
// and Customers pages) takes them from here, so that zod only travels in the lazily loaded forms
// (initial JS budget, quality §2). The schemas are built on these lists, so there is one of each.

export const LOCALE_VALUES = ['en', 'pl', 'sv', 'pt-PT', 'tr', 'nl'] as const;

export const ENGAGEMENT_KINDS = ['workshop', 'deployment', 'consumption'] as const;
export const AVAILABILITIES = ['upcoming', 'active', 'expired'] as const;

export const CUSTOMER_TABS = ['eligible', 'ineligible', 'complete'] as const;
export const CUSTOMER_SORTS = ['name', '-name', 'daysLeft', '-daysLeft', 'status', '-status'] as const;

// The webhook event types a partner's system can subscribe to (the Webhooks page's checkboxes).
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../domain/webhook-events.ts';
