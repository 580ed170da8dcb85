import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticateApiToken, type TokenPrincipal } from '../app/auth/api-tokens.ts';
import type { Principal } from '../app/auth/session-user.ts';
import { resumeSession } from '../app/auth/sessions.ts';
import type { AppContext } from '../app/ports.ts';
import { type ActingToken, withCredentials } from '../app/request-credentials.ts';
import { DomainError } from '../domain/errors.ts';
import { isLocale, negotiateLocale } from '../i18n/locales.ts';
import { RATE_LIMITS } from './rate-limits.ts';

const SESSION_COOKIE = 'mci_session';

declare module 'fastify' {
  interface FastifyRequest {
    locale: import('../i18n/locales.ts').Locale;
    principal: Principal | null;
    session: { idHash: string; csrfToken: string } | null;
    /** The API token of a bearer request (issue 14); null for a session or no credentials. */
    apiToken: TokenPrincipal['token'] | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Unsafe routes that no cookie protects and so need no CSRF token: signing in, public customer pages
// (they carry a single-purpose token in the path instead).
const CSRF_EXEMPT = [/^\/api\/v1\/session$/, /^\/api\/v1\/public\//];

/**
 * Resolves who is calling (session cookie) and in which language to answer, and enforces CSRF on
 * cookie-authenticated state changes (quality §3.4): the token from the session API must come back in
 * X-CSRF-Token. A missing or wrong token is 403 before any handler runs.
 */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('locale', 'en');
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);

  app.decorateRequest('apiToken', null);

  // The token a request acts with, for the audit events it causes (src/app/request-credentials.ts).
  const holders = new WeakMap<FastifyRequest, { token: ActingToken | null }>();
  app.addHook('onRequest', (request, _reply, done) => {
    const holder = { token: null };
    holders.set(request, holder);
    withCredentials(holder, done);
  });
  const perToken = app.createRateLimit(RATE_LIMITS.apiToken);

  app.addHook('onRequest', async (request, reply) => {
    request.locale = negotiateLocale(request.headers['accept-language']);
    // Liveness never touches the database (src/http/routes/health.ts).
    if (!request.url.startsWith('/api/') || request.url.startsWith('/api/v1/health/live')) return;
    const bearer = bearerOf(request.headers.authorization);
    if (bearer !== undefined) {
      // Issue 14: an API token. Cookies are ignored and no CSRF token is needed: no browser sends it
      // on its own. Everything is decided from the headers, before any byte of the body is read.
      try {
        const caller = await authenticateApiToken(ctx, bearer, request.ip);
        request.principal = { user: caller.user, actor: caller.actor };
        request.apiToken = caller.token;
        const holder = holders.get(request);
        if (holder) holder.token = { id: caller.token.id, userId: caller.user.id };
        if (!request.headers['accept-language'] && isLocale(caller.user.locale))
          request.locale = caller.user.locale;
        const limit = await perToken(request);
        if (!limit.isAllowed && limit.isExceeded) {
          reply.header('retry-after', String(limit.ttlInSeconds));
          throw Object.assign(new Error('rate limited'), { statusCode: 429 });
        }
        if (UNSAFE.has(request.method) && !caller.token.scopes.includes('write'))
          throw new DomainError('Forbidden', { details: [{ code: 'token.readOnly' }] });
      } catch (error) {
        // A refused upload is not read: the connection closes after the answer.
        if (request.headers['content-length'] || request.headers['transfer-encoding'])
          reply.header('connection', 'close');
        throw error;
      }
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await resumeSession(ctx, token);
    if (!session) return;
    request.principal = { user: session.user, actor: session.actor };
    request.session = { idHash: session.idHash, csrfToken: session.csrfToken };
    // An explicit Accept-Language wins; otherwise the language the user chose.
    if (!request.headers['accept-language'] && isLocale(session.user.locale))
      request.locale = session.user.locale;
    // CSRF needs only the headers, so it is checked before any byte of the body is read.
    if (!UNSAFE.has(request.method)) return;
    const path = request.url.split('?')[0] ?? '';
    if (CSRF_EXEMPT.some((re) => re.test(path)) && request.method === 'POST') return;
    if (request.headers['x-csrf-token'] !== session.csrfToken) throw new DomainError('CsrfTokenMissing');
  });

  // A route that takes a body larger than the default limit must decide who may send it before the
  // body is read (issue 10: unauthenticated uploads were read whole before the 401): it declares an
  // onRequest hook, normally `authorizeBeforeBody`. A route without one does not start.
  // On any refusal, such a route discards the unread rest of the body and closes the connection
  // after answering, so that a refused upload is not read to its end.
  app.addHook('onRoute', (route) => {
    const large = (route.bodyLimit ?? 0) > DEFAULT_BODY_LIMIT;
    if (!large) return;
    const hooks = [route.onRequest ?? []].flat();
    if (!hooks.some((hook) => BEFORE_BODY.has(hook as never)))
      throw new Error(
        `${route.method} ${route.url} takes a large body but does not authorise before reading it`,
      );
    route.onError = [...[route.onError ?? []].flat(), discardUnreadBody];
  });
}

async function discardUnreadBody(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.raw.complete) return;
  reply.header('connection', 'close');
  request.raw.resume();
}

/** Fastify's body limit for every route that does not set its own (src/http/app.ts). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
const BEFORE_BODY = new WeakSet<object>();

/**
 * An onRequest hook for routes with a large body: the caller is signed in and passes `check` before any
 * byte of the body is read; a refusal answers while the client is still sending, and closes the
 * connection so that the rest is never read (discardUnreadBody, added to every large-body route).
 */
export function authorizeBeforeBody(
  check: (principal: Principal, request: FastifyRequest) => Promise<void> | void,
) {
  const hook = async (request: FastifyRequest) => {
    await check(requirePrincipal(request), request);
  };
  BEFORE_BODY.add(hook);
  return hook;
}

/** The secret of `Authorization: Bearer …`, or undefined when the request carries no bearer. */
function bearerOf(header: string | undefined): string | undefined {
  const match = header ? /^Bearer[ \t]+(\S*)[ \t]*$/i.exec(header) : null;
  return match ? (match[1] ?? '') : undefined;
}

/** A route of the signed-in user's own session (an API token has none: 403). */
export function requireSession(request: FastifyRequest): { idHash: string; csrfToken: string } {
  requirePrincipal(request);
  if (!request.session) throw new DomainError('Forbidden', { details: [{ code: 'token.sessionRequired' }] });
  return request.session;
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('Unauthenticated');
  return request.principal;
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeSeconds: number,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}
