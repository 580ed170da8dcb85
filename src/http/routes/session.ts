import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { updatePreferences } from '../../app/auth/preferences.ts';
import { signIn, signOut } from '../../app/auth/sessions.ts';
import type { AppContext } from '../../app/ports.ts';
import { errorResponses } from '../../contracts/common.ts';
import { PreferencesRequest, SessionResponse, SignInRequest, UserResponse } from '../../contracts/session.ts';
import { clearSessionCookie, requirePrincipal, requireSession, setSessionCookie } from '../auth.ts';
import { alsoLimit, RATE_LIMITS } from '../rate-limits.ts';

const errors = errorResponses(400, 401, 403, 429);

// The session API of quality §1: POST signs in (cookie + CSRF token), GET reads, DELETE signs out.
export const sessionRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/session',
      {
        schema: {
          tags: ['session'],
          summary: 'Sign in',
          body: SignInRequest,
          response: { 200: SessionResponse, ...errors },
        },
        // Slows down password guessing: per account and address, and per address across accounts
        // (quality §3.7, issue 10).
        config: { rateLimit: RATE_LIMITS.signIn },
        preHandler: alsoLimit(app, RATE_LIMITS.signInPerAddress),
      },
      async (request, reply) => {
        const session = await signIn(ctx, request.body);
        setSessionCookie(request, reply, session.sessionToken, ctx.settings.sessionTtlHours * 3600);
        return { user: session.user, csrfToken: session.csrfToken, features: sessionFeatures(ctx) };
      },
    );

    app.get(
      '/session',
      {
        schema: {
          tags: ['session'],
          summary: 'The current session',
          response: { 200: SessionResponse, ...errors },
        },
      },
      async (request) => {
        const session = requireSession(request);
        return {
          user: requirePrincipal(request).user,
          csrfToken: session.csrfToken,
          features: sessionFeatures(ctx),
        };
      },
    );

    app.delete(
      '/session',
      { schema: { tags: ['session'], summary: 'Sign out', response: { 204: z.null(), ...errors } } },
      async (request, reply) => {
        const session = requireSession(request);
        await signOut(ctx, session.idHash, requirePrincipal(request));
        clearSessionCookie(request, reply);
        return reply.code(204).send(null);
      },
    );

    app.patch(
      '/me/preferences',
      {
        schema: {
          tags: ['session'],
          summary: 'Remember the language and theme of the signed-in user',
          body: PreferencesRequest,
          response: { 200: UserResponse, ...errors },
        },
      },
      async (request) => {
        // The user's own preferences: a session's, not an API token's.
        requireSession(request);
        const principal = await updatePreferences(ctx, requirePrincipal(request), request.body);
        return { user: principal.user };
      },
    );
  };

/** Demo aids the SPA may show: the embedded mailbox (no SMTP_URL) and the test clock. */
export function sessionFeatures(ctx: AppContext) {
  return { mailbox: ctx.mail?.transport.kind !== 'smtp', testClock: ctx.testClock !== undefined };
}
