import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// Every rate limit of the product in one place (quality §3.7), counted in the database by all
// instances together (src/adapters/db/rate-limit-store.ts). A key names its purpose, so two routes
// that share a key share a limit: the HTML consent page counts with its API twin.

const MINUTE = 60_000;

function emailOf(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : '';
}

export const RATE_LIMITS = {
  /** Password guessing on one account from one address. */
  signIn: {
    max: 10,
    timeWindow: MINUTE,
    keyGenerator: (r: FastifyRequest) => `signin:${r.ip}:${emailOf(r)}`,
  },
  /** One password tried on many accounts from one address (issue 10). */
  signInPerAddress: { max: 20, timeWindow: MINUTE, keyGenerator: (r: FastifyRequest) => `signin-ip:${r.ip}` },
  /** The public consent page (HTML and API): opening it. */
  consentView: { max: 60, timeWindow: MINUTE, keyGenerator: (r: FastifyRequest) => `consent-view:${r.ip}` },
  consentDecide: {
    max: 20,
    timeWindow: MINUTE,
    keyGenerator: (r: FastifyRequest) => `consent-decide:${r.ip}`,
  },
  /** The public survey page (HTML and API). */
  surveyView: { max: 60, timeWindow: MINUTE, keyGenerator: (r: FastifyRequest) => `survey-view:${r.ip}` },
  surveyAnswer: { max: 20, timeWindow: MINUTE, keyGenerator: (r: FastifyRequest) => `survey-answer:${r.ip}` },
  /** The public invitation page (HTML and API, issue 15 item 2): opening it, and setting the password. */
  invitationView: {
    max: 60,
    timeWindow: MINUTE,
    keyGenerator: (r: FastifyRequest) => `invitation-view:${r.ip}`,
  },
  invitationAccept: {
    max: 10,
    timeWindow: MINUTE,
    keyGenerator: (r: FastifyRequest) => `invitation-accept:${r.ip}`,
  },
  /** CSV exports, per user. */
  export: {
    max: 20,
    timeWindow: MINUTE,
    keyGenerator: (r: FastifyRequest) => `export:${r.principal?.user.id ?? r.ip}`,
  },
  /** Every request made with one API token (issue 14). */
  apiToken: {
    max: 600,
    timeWindow: MINUTE,
    keyGenerator: (r: FastifyRequest) => `api-token:${r.apiToken?.id ?? r.ip}`,
  },
} as const;

type Limit = (typeof RATE_LIMITS)[keyof typeof RATE_LIMITS];

/**
 * A second limit on a route that already has one in its `config.rateLimit` (the plugin runs one
 * limiter per request): a preHandler that counts the hit and refuses with 429 and Retry-After.
 */
export function alsoLimit(app: FastifyInstance, limit: Limit) {
  const check = app.createRateLimit(limit);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await check(request);
    if (result.isAllowed || !result.isExceeded) return;
    reply.header('retry-after', String(result.ttlInSeconds));
    throw Object.assign(new Error('rate limited'), { statusCode: 429 });
  };
}
