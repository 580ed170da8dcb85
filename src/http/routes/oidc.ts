import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signInWithOidc } from '../../app/auth/sessions.ts';
import type { AppContext, OidcChecks } from '../../app/ports.ts';
import { isDomainError } from '../../domain/errors.ts';
import { setSessionCookie } from '../auth.ts';

const FLOW_COOKIE = 'mci_oidc';
const FLOW_PATH = '/api/v1/auth/oidc';

/** Only same-site paths: never an open redirect. */
const safeReturnTo = (value: unknown) =>
  typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';

// OpenID Connect sign-in. The callback creates the session on a GET because that is how the
// authorization code flow returns; state, nonce and PKCE make it single-use and bound to this browser.
export const oidcRoutes =
  (ctx: AppContext, publicUrl: string | undefined): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/auth/providers',
      {
        schema: {
          tags: ['session'],
          summary: 'How users can sign in here',
          response: {
            200: z.object({ password: z.boolean(), oidc: z.object({ loginUrl: z.string() }).nullable() }),
          },
        },
      },
      async () => ({ password: true, oidc: ctx.oidc ? { loginUrl: `${FLOW_PATH}/login` } : null }),
    );

    if (!ctx.oidc) return;
    const provider = ctx.oidc;
    const redirectUri = (origin: string) => `${publicUrl ?? origin}${FLOW_PATH}/callback`;

    app.get(
      '/auth/oidc/login',
      {
        schema: {
          tags: ['session'],
          summary: 'Start signing in with OpenID Connect (redirects)',
          querystring: z.object({ returnTo: z.string().max(500).optional() }),
        },
      },
      async (request, reply) => {
        const origin = `${request.protocol}://${request.host}`;
        const { url, checks } = await provider.start(redirectUri(origin));
        const flow = { ...checks, returnTo: safeReturnTo(request.query.returnTo) };
        reply.setCookie(FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
          path: FLOW_PATH,
          httpOnly: true,
          sameSite: 'lax',
          secure: request.protocol === 'https',
          maxAge: 600,
        });
        return reply.redirect(url, 302);
      },
    );

    app.get(
      '/auth/oidc/callback',
      { schema: { tags: ['session'], summary: 'Return from the OpenID Connect provider' } },
      async (request, reply) => {
        reply.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
        let flow: (OidcChecks & { returnTo: string }) | undefined;
        try {
          flow = JSON.parse(Buffer.from(request.cookies[FLOW_COOKIE] ?? '', 'base64url').toString('utf8'));
        } catch {
          flow = undefined;
        }
        if (!flow?.state) return reply.redirect('/signin?error=oidcFailed', 302);
        try {
          const origin = publicUrl ?? `${request.protocol}://${request.host}`;
          const claims = await provider.finish(`${origin}${request.url}`, flow);
          const session = await signInWithOidc(ctx, claims);
          setSessionCookie(request, reply, session.sessionToken, ctx.settings.sessionTtlHours * 3600);
          return reply.redirect(safeReturnTo(flow.returnTo), 302);
        } catch (error) {
          const reason =
            isDomainError(error) && error.code === 'OidcNoAccount' ? 'oidcNoAccount' : 'oidcFailed';
          if (reason === 'oidcFailed') request.log.warn({ err: error }, 'OpenID Connect sign-in failed');
          return reply.redirect(`/signin?error=${reason}`, 302);
        }
      },
    );
  };
