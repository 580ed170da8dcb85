import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listNotifications, markNotificationsRead } from '../../app/notifications/list-notifications.ts';
import type { AppContext } from '../../app/ports.ts';
import { errorResponses } from '../../contracts/common.ts';
import { MarkNotificationsRead, NotificationList, NotificationQuery } from '../../contracts/notifications.ts';
import { requirePrincipal } from '../auth.ts';

const errors = errorResponses(400, 401, 403);

export const notificationRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/notifications',
      {
        schema: {
          tags: ['notifications'],
          summary: "The signed-in user's notifications, newest first, with the unread count",
          querystring: NotificationQuery,
          response: { 200: NotificationList, ...errors },
        },
      },
      async (request) =>
        listNotifications(ctx, requirePrincipal(request).actor, request.locale, request.query.maxpagesize),
    );
    app.post(
      '/notifications/read',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Mark notifications read (all of them when no ids are given)',
          body: MarkNotificationsRead,
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await markNotificationsRead(ctx, requirePrincipal(request).actor, request.body.ids, ctx.clock.now());
        return reply.code(204).send(null);
      },
    );
  };
