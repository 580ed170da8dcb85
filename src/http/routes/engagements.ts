import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getEngagement, listEngagements } from '../../app/engagements/engagements.ts';
import type { AppContext } from '../../app/ports.ts';
import { errorResponses } from '../../contracts/common.ts';
import {
  EngagementDetail,
  EngagementList,
  EngagementListQuery,
  EngagementParams,
} from '../../contracts/engagements.ts';
import type { CustomerCriterion } from '../../domain/eligibility.ts';
import { requirePrincipal } from '../auth.ts';
import { describeCustomerCriterion, describePartnerCriteria, describePartnerReason } from '../present.ts';

const errors = errorResponses(400, 401, 403, 404);

export const engagementRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/engagements',
      {
        schema: {
          tags: ['engagements'],
          summary: "Engagements, with the eligibility of the user's locations and their active customers",
          querystring: EngagementListQuery,
          response: { 200: EngagementList, ...errors },
        },
      },
      async (request) => {
        const { maxpagesize, cursor: _cursor, ...filters } = request.query;
        const all = await listEngagements(ctx.store, requirePrincipal(request).actor, filters);
        // The catalogue is small (tens of engagements): one page unless a smaller page is asked for.
        const size = maxpagesize ?? 200;
        const start = request.query.cursor
          ? Math.max(0, all.findIndex((e) => e.id === request.query.cursor) + 1)
          : 0;
        const value = all.slice(start, start + size);
        const more = start + size < all.length;
        const params = new URLSearchParams(
          Object.entries({ ...filters, maxpagesize: String(size), cursor: value.at(-1)?.id ?? '' }).filter(
            ([, v]) => v,
          ) as [string, string][],
        );
        return { value, ...(more ? { nextLink: `/api/v1/engagements?${params}` } : {}) };
      },
    );

    app.get(
      '/engagements/:engagementId',
      {
        schema: {
          tags: ['engagements'],
          summary: 'One engagement: criteria, windows, POE requirements, rates, eligibility per location',
          params: EngagementParams,
          response: { 200: EngagementDetail, ...errors },
        },
      },
      async (request) => {
        const e = await getEngagement(
          ctx.store,
          requirePrincipal(request).actor,
          request.params.engagementId,
        );
        const locale = request.locale;
        return {
          ...e,
          partnerCriteria: describePartnerCriteria(locale, e.partnerCriteria),
          customerCriteria: e.customerCriteria.map((c: CustomerCriterion) =>
            describeCustomerCriterion(locale, c),
          ),
          locations: e.locations.map((l) => ({
            ...l,
            reasons: l.reasons.map((r) => describePartnerReason(locale, r)),
          })),
        };
      },
    );
  };
