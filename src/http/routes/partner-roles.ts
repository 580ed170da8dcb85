import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/ports.ts';
import {
  assignRole,
  listPartnerLocations,
  listPartnerUsers,
  revokeRole,
} from '../../app/roles/partner-roles.ts';
import { listInvitations } from '../../app/users/invitations.ts';
import { errorResponses } from '../../contracts/common.ts';
import {
  AssignRoleRequest,
  PartnerLocationList,
  PartnerUser,
  PartnerUserList,
  UserRoleParams,
} from '../../contracts/partner.ts';
import { requirePrincipal } from '../auth.ts';

const errors = errorResponses(400, 401, 403, 404);

// The Account admin's page: incentive roles per user and location (spec §1, R33).
export const partnerRoleRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/partner/locations',
      {
        schema: {
          tags: ['partner'],
          summary: "The partner's locations",
          response: { 200: PartnerLocationList, ...errors },
        },
      },
      async (request) => ({ value: await listPartnerLocations(ctx, requirePrincipal(request).actor) }),
    );

    app.get(
      '/partner/users',
      {
        schema: {
          tags: ['partner'],
          summary: "The partner's users and their incentive roles, and the pending invitations",
          response: { 200: PartnerUserList, ...errors },
        },
      },
      async (request) => {
        const actor = requirePrincipal(request).actor;
        // Issue 15 item 2: the Users page shows the invitations beside the users.
        return { value: await listPartnerUsers(ctx, actor), invitations: await listInvitations(ctx, actor) };
      },
    );

    app.put(
      '/partner/users/:userId/roles/:locationId',
      {
        schema: {
          tags: ['partner'],
          summary: 'Grant an incentive role on a location',
          params: UserRoleParams,
          body: AssignRoleRequest,
          response: { 200: PartnerUser, ...errors },
        },
      },
      async (request) =>
        assignRole(ctx, requirePrincipal(request).actor, { ...request.params, role: request.body.role }),
    );

    app.delete(
      '/partner/users/:userId/roles/:locationId',
      {
        schema: {
          tags: ['partner'],
          summary: 'Remove the incentive role on a location',
          params: UserRoleParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await revokeRole(ctx, requirePrincipal(request).actor, request.params);
        return reply.code(204).send(null);
      },
    );
  };
