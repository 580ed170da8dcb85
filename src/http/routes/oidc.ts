import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signInWithOidc } from '../../app/auth/sessions.ts';
import type { AppContext, OidcChecks } from '../../app/ports.ts';
import { acceptInvitationWithOidc } from '../../app/users/accept-invitation.ts';
import { isDomainError } from '../../domain/errors.ts';
import { setSessionCookie } from '../auth.ts';

const FLOW_COOKIE = 'mci_oidc';
const FLOW_PATH = '/api/v1/auth/oidc';

/** Only same-site paths: never an open redirect. */
const safeReturnTo = (value: unknown) =>
  typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : '/';

/** An invitation link's token (43 base64url characters), carried through the provider's round trip. */
const InvitationToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** Why taking an invitation with an organisation account failed, as the invitation page words it. */
function invitationFailure(error: unknown): string {
  if (!isDomainError(error)) return 'oidcFailed';
  if (error.code === 'OidcEmailMismatch') return 'oidcEmailMismatch';
  if (error.code === 'Conflict')
    return error.details?.[0]?.code === 'OidcIdentityTaken' ? 'oidcIdentityTaken' : 'emailTaken';
  return error.code === 'InvitationNotValid' ? 'invitationNotValid' : 'oidcFailed';
}

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
          summary:
            'Start signing in with OpenID Connect (redirects); with `invitation`, take that invitation with the organisation account',
          querystring: z.object({
            returnTo: z.string().max(500).optional(),
            invitation: InvitationToken.optional(),
          }),
        },
      },
      async (request, reply) => {
        const origin = `${request.protocol}://${request.host}`;
        const { url, checks } = await provider.start(redirectUri(origin));
        const flow = {
          ...checks,
          returnTo: safeReturnTo(request.query.returnTo),
          ...(request.query.invitation ? { invitation: request.query.invitation } : {}),
        };
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
        let flow: (OidcChecks & { returnTo: string; invitation?: string }) | undefined;
        try {
          flow = JSON.parse(Buffer.from(request.cookies[FLOW_COOKIE] ?? '', 'base64url').toString('utf8'));
        } catch {
          flow = undefined;
        }
        if (!flow?.state) return reply.redirect('/signin?error=oidcFailed', 302);
        const invitation = InvitationToken.safeParse(flow.invitation);
        if (invitation.success) {
          // Issue 15 item 2: the invitee takes the invitation with their organisation account.
          const page = `/invitations/${invitation.data}`;
          try {
            const origin = publicUrl ?? `${request.protocol}://${request.host}`;
            const claims = await provider.finish(`${origin}${request.url}`, flow);
            const session = await acceptInvitationWithOidc(ctx, invitation.data, claims);
            setSessionCookie(request, reply, session.sessionToken, ctx.settings.sessionTtlHours * 3600);
            return reply.redirect('/', 302);
          } catch (error) {
            const reason = invitationFailure(error);
            if (reason === 'oidcFailed') request.log.warn({ err: error }, 'OpenID Connect invitation failed');
            return reply.redirect(`${page}?error=${reason}`, 302);
          }
        }
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
