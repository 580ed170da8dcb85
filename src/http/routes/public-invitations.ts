import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app/ports.ts';
import { acceptInvitation, viewInvitation } from '../../app/users/accept-invitation.ts';
import { errorResponses } from '../../contracts/common.ts';
import { SessionResponse } from '../../contracts/session.ts';
import { AcceptInvitationRequest, InvitationTokenParams, PublicInvitation } from '../../contracts/users.ts';
import { setSessionCookie } from '../auth.ts';
import { RATE_LIMITS } from '../rate-limits.ts';
import { sessionFeatures } from './session.ts';

const errors = errorResponses(400, 404, 409, 422, 429);

// The invitee's page (issue 15 item 2): no sign-in, the link's token is the credential. Rate-limited per
// address like the consent page and sign-in (quality §3.7); a GET never changes anything. Accepting
// answers like a sign-in: the session cookie, the CSRF token.
export const publicInvitationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/public/invitations/:token',
      {
        schema: {
          tags: ['public'],
          summary: 'Who invites whom, for which organisation (404 when unknown, used, revoked or expired)',
          params: InvitationTokenParams,
          response: { 200: PublicInvitation, ...errors },
        },
        config: { rateLimit: RATE_LIMITS.invitationView },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        return viewInvitation(ctx, request.params.token);
      },
    );

    app.post(
      '/public/invitations/:token',
      {
        schema: {
          tags: ['public'],
          summary:
            'Set the password (at least 12 characters, not a common one): the account is created and signed in',
          params: InvitationTokenParams,
          body: AcceptInvitationRequest,
          response: { 200: SessionResponse, ...errors },
        },
        config: { rateLimit: RATE_LIMITS.invitationAccept },
      },
      async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const session = await acceptInvitation(ctx, request.params.token, request.body);
        setSessionCookie(request, reply, session.sessionToken, ctx.settings.sessionTtlHours * 3600);
        return { user: session.user, csrfToken: session.csrfToken, features: sessionFeatures(ctx) };
      },
    );
  };
