import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../app/auth/session-user.ts';
import { resumeSession } from '../app/auth/sessions.ts';
import type { AppContext } from '../app/ports.ts';
import { DomainError } from '../domain/errors.ts';
import { hasAnyIncentiveRole } from '../domain/policy.ts';
import { isLocale, negotiateLocale } from '../i18n/locales.ts';

export const SESSION_COOKIE = 'mci_session';

declare module 'fastify' {
  interface FastifyRequest {
    locale: import('../i18n/locales.ts').Locale;
    principal: Principal | null;
    session: { idHash: string; csrfToken: string } | null;
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

  app.addHook('onRequest', async (request) => {
    request.locale = negotiateLocale(request.headers['accept-language']);
    const token = request.cookies[SESSION_COOKIE];
    // Liveness never touches the database (src/http/routes/health.ts).
    if (!token || !request.url.startsWith('/api/') || request.url.startsWith('/api/v1/health/live')) return;
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
  app.addHook('onRoute', (route) => {
    const large = (route.bodyLimit ?? 0) > DEFAULT_BODY_LIMIT;
    const hooks = [route.onRequest ?? []].flat();
    if (large && !hooks.some((hook) => BEFORE_BODY.has(hook as never)))
      throw new Error(
        `${route.method} ${route.url} takes a large body but does not authorise before reading it`,
      );
  });
}

/** Fastify's body limit for every route that does not set its own (src/http/app.ts). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
const BEFORE_BODY = new WeakSet<object>();

/**
 * An onRequest hook for routes with a large body: the caller is signed in and passes `check` before any
 * byte of the body is read; a refusal answers while the client is still sending, and closes the
 * connection so that the rest is never read.
 */
export function authorizeBeforeBody(
  check: (principal: Principal, request: FastifyRequest) => Promise<void> | void,
) {
  const hook = async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      await check(requirePrincipal(request), request);
    } catch (error) {
      reply.header('connection', 'close');
      throw error;
    }
  };
  BEFORE_BODY.add(hook);
  return hook;
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('Unauthenticated');
  return request.principal;
}

/** R1: the Customers page needs an incentive role on at least one location. */
export function requireIncentiveRole(request: FastifyRequest): Principal {
  const principal = requirePrincipal(request);
  if (!hasAnyIncentiveRole(principal.actor)) throw new DomainError('NoIncentiveRole');
  return principal;
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
