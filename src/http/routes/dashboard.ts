import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { loadDashboard } from '../../app/dashboard/dashboard.ts';
import type { AppContext } from '../../app/ports.ts';
import { errorResponses } from '../../contracts/common.ts';
import { Dashboard } from '../../contracts/dashboard.ts';
import { requirePrincipal } from '../auth.ts';

const errors = errorResponses(401, 403, 429);

// The action centre, the partner's home (issue 15).
export const dashboardRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/dashboard',
      {
        schema: {
          tags: ['customers'],
          summary: "The partner's action centre: counts by status, deadlines, recent endings, payout",
          response: { 200: Dashboard, ...errors },
        },
      },
      async (request) => {
        const now = ctx.clock.now();
        const view = await loadDashboard(ctx.store, requirePrincipal(request).actor, now);
        return {
          counts: view.counts,
          deadlines: view.deadlines.map((d) => ({ ...d, deadline: d.deadline.toISOString() })),
          recentlyEnded: view.recentlyEnded.map(({ reason, at, ...e }) => ({
            ...e,
            at: at.toISOString(),
            ...(reason ? { reason } : {}),
          })),
          payout: view.payout.map((p) => ({
            currency: p.currency,
            expected: p.expectedMinor,
            approved: p.approvedMinor,
          })),
        };
      },
    );
  };
