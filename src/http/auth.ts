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
  });

  app.addHook('preHandler', async (request) => {
    if (!UNSAFE.has(request.method) || !request.session) return;
    const path = request.url.split('?')[0] ?? '';
    if (CSRF_EXEMPT.some((re) => re.test(path)) && request.method === 'POST') return;
    if (request.headers['x-csrf-token'] !== request.session.csrfToken)
      throw new DomainError('CsrfTokenMissing');
  });
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
