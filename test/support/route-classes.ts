import type { RouteInfo } from '../../src/http/route-table.ts';

// Every route of the app's route table, classified once (quality §3.1): the isolation, CSRF and
// bad-input matrices read this, and a route that is not here fails them until someone decides what it
// is. Public routes carry a one-line reason each.

export type RouteClass =
  /** No session needed; `csrf: 'exempt'` marks the unsafe ones that need no CSRF token. */
  | { access: 'public'; reason: string; csrf?: 'exempt' }
  /** The caller's own session and preferences, or the instance's test clock. */
  | { access: 'self'; reason: string }
  /** Data of the caller's organisation, scoped by the repositories (partner, or program for the operator). */
  | { access: 'organisation' }
  /** The program operator's back office (spec §4.5). */
  | { access: 'operator' };

const SPA_FILE = { access: 'public', reason: 'a file of the built web app: no data' } as const;
const TOKEN_PAGE = {
  access: 'public',
  reason: "the customer's page, authorised by its single-purpose link token (rate-limited)",
  csrf: 'exempt',
} as const;

export const ROUTE_CLASSES: Record<string, RouteClass> = {
  'GET /api/docs': { access: 'public', reason: 'the API reference page: static, no data' },
  'GET /api/docs/reference.css': { access: 'public', reason: 'the API reference page: static, no data' },
  'GET /api/docs/reference.js': { access: 'public', reason: 'the API reference page: static, no data' },
  'GET /api/v1/openapi.json': { access: 'public', reason: 'the API description: no data' },
  'GET /api/v1/health': {
    access: 'public',
    reason: 'load balancers probe it without a session; says only ok or not',
  },
  'GET /api/v1/health/live': {
    access: 'public',
    reason: 'liveness for the orchestrator: the process answers; no data',
  },
  'GET /api/v1/health/ready': {
    access: 'public',
    reason: 'readiness for load balancers: names a failing check, never data',
  },
  'GET /metrics': {
    access: 'public',
    reason: 'Prometheus metrics: METRICS_TOKEN or a loopback peer only (ADR 0014); counts, no data',
  },
  'GET /api/v1/auth/providers': {
    access: 'public',
    reason: 'the sign-in page asks which sign-in methods exist',
  },
  'GET /api/v1/auth/oidc/login': {
    access: 'public',
    reason: 'OpenID Connect sign-in starts before any session',
  },
  'GET /api/v1/auth/oidc/callback': {
    access: 'public',
    reason: 'OpenID Connect sign-in ends here; state, nonce and PKCE protect it',
  },
  'POST /api/v1/session': {
    access: 'public',
    reason: 'signing in: there is no session yet (rate-limited per account and per address)',
    csrf: 'exempt',
  },
  'GET /api/v1/public/consent/:token': TOKEN_PAGE,
  'POST /api/v1/public/consent/:token': TOKEN_PAGE,
  'GET /api/v1/public/surveys/:token': TOKEN_PAGE,
  'POST /api/v1/public/surveys/:token': TOKEN_PAGE,
  'GET /api/v1/public/invitations/:token': {
    access: 'public',
    reason: "the invitee's page, authorised by the invitation link's single-use token (rate-limited)",
  },
  'POST /api/v1/public/invitations/:token': {
    access: 'public',
    reason:
      "setting the invitee's password: no session yet, the single-use token is the credential (rate-limited)",
    csrf: 'exempt',
  },
  'GET /invitations/:token': {
    access: 'public',
    reason: "the web app for the invitee's page; its status mirrors the link (rate-limited)",
  },
  'GET /consent/:token': {
    access: 'public',
    reason: "the web app for the customer's consent page; its status mirrors the link (rate-limited)",
  },
  'GET /survey/:token': {
    access: 'public',
    reason: "the web app for the customer's survey page; its status mirrors the link (rate-limited)",
  },
  'GET /index.html': SPA_FILE,
  'GET /favicon.svg': SPA_FILE,

  'GET /api/v1/session': { access: 'self', reason: "the caller's own session" },
  'DELETE /api/v1/session': { access: 'self', reason: "signing out the caller's own session" },
  'PATCH /api/v1/me/preferences': { access: 'self', reason: "the caller's own language and theme" },
  'GET /api/v1/test-clock': {
    access: 'self',
    reason: "the instance's test clock (MCI_TEST_CLOCK=1 only, ADR 0012)",
  },
  'POST /api/v1/test-clock': {
    access: 'self',
    reason: "the instance's test clock (MCI_TEST_CLOCK=1 only, ADR 0012)",
  },

  'GET /api/v1/engagements': { access: 'organisation' },
  'GET /api/v1/engagements/:engagementId': { access: 'organisation' },
  'GET /api/v1/engagements/:engagementId/customers': { access: 'organisation' },
  'GET /api/v1/engagements/:engagementId/customers/counts': { access: 'organisation' },
  'GET /api/v1/engagements/:engagementId/customers/export': { access: 'organisation' },
  'POST /api/v1/customer-lookups': { access: 'organisation' },
  'POST /api/v1/nominations': { access: 'organisation' },
  'GET /api/v1/nominations/:nominationId': { access: 'organisation' },
  'GET /api/v1/nominations/:nominationId/history': { access: 'organisation' },
  'POST /api/v1/nominations/:nominationId/consent-requests': { access: 'organisation' },
  'GET /api/v1/nominations/:nominationId/consent-requests/current': { access: 'organisation' },
  'PATCH /api/v1/nominations/:nominationId/consent-requests/current': { access: 'organisation' },
  'POST /api/v1/nominations/:nominationId/consent-requests/resend': { access: 'organisation' },
  'GET /api/v1/nominations/:nominationId/claim': { access: 'organisation' },
  'PATCH /api/v1/nominations/:nominationId/claim': { access: 'organisation' },
  'PUT /api/v1/nominations/:nominationId/claim/files/:kind': { access: 'organisation' },
  'GET /api/v1/nominations/:nominationId/claim/files/:kind': { access: 'organisation' },
  'PUT /api/v1/nominations/:nominationId/claim/surveys/partner': { access: 'organisation' },
  'POST /api/v1/nominations/:nominationId/claim/surveys/partner/send': { access: 'organisation' },
  'POST /api/v1/nominations/:nominationId/claim/surveys/customer/send': { access: 'organisation' },
  'POST /api/v1/nominations/:nominationId/claim/submit': { access: 'organisation' },
  'POST /api/v1/nominations/:nominationId/claim/cancel': { access: 'organisation' },
  'POST /api/v1/nominations/:nominationId/claim/dispute': { access: 'organisation' },
  'GET /api/v1/notifications': { access: 'organisation' },
  'POST /api/v1/notifications/read': { access: 'organisation' },
  'GET /api/v1/dev/mailbox': { access: 'organisation' },
  'GET /api/v1/partner/locations': { access: 'organisation' },
  'POST /api/v1/partner/locations/:locationId/enrolment': { access: 'organisation' },
  'DELETE /api/v1/partner/locations/:locationId/enrolment': { access: 'organisation' },
  'GET /api/v1/partner/users': { access: 'organisation' },
  'PUT /api/v1/partner/users/:userId/roles/:locationId': { access: 'organisation' },
  'DELETE /api/v1/partner/users/:userId/roles/:locationId': { access: 'organisation' },
  'POST /api/v1/partner/users': { access: 'organisation' },
  'PATCH /api/v1/partner/users/:userId': { access: 'organisation' },
  'POST /api/v1/partner/invitations/:invitationId/resend': { access: 'organisation' },
  'DELETE /api/v1/partner/invitations/:invitationId': { access: 'organisation' },
  'POST /api/v1/api-tokens': { access: 'organisation' },
  'GET /api/v1/api-tokens': { access: 'organisation' },
  'DELETE /api/v1/api-tokens/:tokenId': { access: 'organisation' },
  'GET /api/v1/audit-events': { access: 'organisation' },
  'POST /api/v1/webhook-endpoints': { access: 'organisation' },
  'GET /api/v1/webhook-endpoints': { access: 'organisation' },
  'GET /api/v1/webhook-endpoints/:endpointId': { access: 'organisation' },
  'PATCH /api/v1/webhook-endpoints/:endpointId': { access: 'organisation' },
  'DELETE /api/v1/webhook-endpoints/:endpointId': { access: 'organisation' },
  'POST /api/v1/webhook-endpoints/:endpointId/rotate-secret': { access: 'organisation' },
  'POST /api/v1/webhook-endpoints/:endpointId/test': { access: 'organisation' },
  'GET /api/v1/webhook-endpoints/:endpointId/deliveries': { access: 'organisation' },
  'POST /api/v1/webhook-endpoints/:endpointId/deliveries/:deliveryId/redeliver': { access: 'organisation' },
  'GET /api/v1/audit-events/export': { access: 'organisation' },
  'GET /api/v1/dashboard': { access: 'organisation' },
  'GET /api/v1/customers': { access: 'organisation' },
  'POST /api/v1/nomination-imports': { access: 'organisation' },
  'GET /api/v1/nomination-imports/:importId': { access: 'organisation' },
  'GET /api/v1/nomination-imports/:importId/report': { access: 'organisation' },

  'GET /api/v1/operator/claims': { access: 'operator' },
  'GET /api/v1/operator/claims/:nominationId': { access: 'operator' },
  'GET /api/v1/operator/claims/:nominationId/files/:kind': { access: 'operator' },
  'POST /api/v1/operator/claims/:nominationId/decisions': { access: 'operator' },
  'GET /api/v1/operator/engagements': { access: 'operator' },
  'POST /api/v1/operator/engagements': { access: 'operator' },
  'GET /api/v1/operator/engagements/:engagementId': { access: 'operator' },
  'PATCH /api/v1/operator/engagements/:engagementId': { access: 'operator' },
  'POST /api/v1/operator/directory/imports': { access: 'operator' },
};

export const routeKey = (route: { method: string; path: string }) => `${route.method} ${route.path}`;

/** The class of a route of the table, or undefined when nobody has classified it yet. */
export function classOf(route: RouteInfo): RouteClass | undefined {
  // The built web app's hashed bundles and their source maps: one route per file, all alike.
  if (route.method === 'GET' && /^\/assets\/[\w.-]+$/.test(route.path)) return SPA_FILE;
  return ROUTE_CLASSES[routeKey(route)];
}

export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
