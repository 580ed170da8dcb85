import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/ports.ts';
import { setUserActive } from '../../app/users/deactivation.ts';
import { inviteUser, resendInvitation, revokeInvitation } from '../../app/users/invitations.ts';
import { errorResponses } from '../../contracts/common.ts';
import { PartnerUser } from '../../contracts/partner.ts';
import {
  InvitationParams,
  InviteUserRequest,
  PendingInvitation,
  SetUserActiveRequest,
  UserParams,
} from '../../contracts/users.ts';
import { requirePrincipal, requireSession } from '../auth.ts';

const errors = errorResponses(400, 401, 403, 404, 409, 422);

// Users and invitations (issue 15 item 2), the partner's Account admin's, from a signed-in session: an
// API token neither creates accounts nor ends them (a leaked token must not outlive its owner's say).
// The list is GET /partner/users (src/http/routes/partner-roles.ts), with the pending invitations.
export const partnerUserRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/partner/users',
      {
        schema: {
          tags: ['partner'],
          summary:
            'Invite a colleague: an email with a single-use link valid 7 days (the account exists once it is used)',
          body: InviteUserRequest,
          response: { 201: PendingInvitation, ...errors },
        },
      },
      async (request, reply) => {
        requireSession(request);
        const invitation = await inviteUser(
          ctx,
          requirePrincipal(request).actor,
          request.body,
          request.locale,
        );
        return reply.code(201).send(invitation);
      },
    );

    app.patch(
      '/partner/users/:userId',
      {
        schema: {
          tags: ['partner'],
          summary:
            'Deactivate a user (every session and API token of theirs ends at once) or reactivate them',
          params: UserParams,
          body: SetUserActiveRequest,
          response: { 200: PartnerUser, ...errors },
        },
      },
      async (request) => {
        requireSession(request);
        return setUserActive(
          ctx,
          requirePrincipal(request).actor,
          request.params.userId,
          request.body.active,
        );
      },
    );

    app.post(
      '/partner/invitations/:invitationId/resend',
      {
        schema: {
          tags: ['partner'],
          summary: 'Send a pending invitation again: a new link valid 7 days (the old link stops working)',
          params: InvitationParams,
          response: { 200: PendingInvitation, ...errors },
        },
      },
      async (request) => {
        requireSession(request);
        return resendInvitation(ctx, requirePrincipal(request).actor, request.params.invitationId);
      },
    );

    app.delete(
      '/partner/invitations/:invitationId',
      {
        schema: {
          tags: ['partner'],
          summary: 'Revoke a pending invitation (its link stops working)',
          params: InvitationParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        requireSession(request);
        await revokeInvitation(ctx, requirePrincipal(request).actor, request.params.invitationId);
        return reply.code(204).send(null);
      },
    );
  };
