import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireCustomersPage } from '../../app/customers/engagement-access.ts';
import { countCustomers, listCustomers } from '../../app/customers/list-customers.ts';
import { searchCustomersAcross } from '../../app/customers/search-across.ts';
import type { AppContext } from '../../app/ports.ts';
import { errorResponses } from '../../contracts/common.ts';
import {
  CustomerCounts,
  CustomerCountsQuery,
  CustomerExportQuery,
  CustomerList,
  CustomerListQuery,
  type CustomerRow,
  CustomerSearchQuery,
  CustomerSearchResult,
} from '../../contracts/customers.ts';
import { EngagementParams } from '../../contracts/engagements.ts';
import { statusMessageId } from '../../contracts/status-words.ts';
import type { Locale } from '../../i18n/locales.ts';
import { screenWords, translate } from '../../i18n/translate.ts';
import { requirePrincipal } from '../auth.ts';
import { csvFile, fileNamePart, sendCsv } from '../csv.ts';
import { describeFailure, type FailureLike } from '../present.ts';
import { RATE_LIMITS } from '../rate-limits.ts';

const errors = errorResponses(400, 401, 403, 404, 429);

type ListedRow = Awaited<ReturnType<typeof listCustomers>>['rows'][number];

function present(locale: Locale, row: ListedRow): CustomerRow {
  const { reason, failedCriteria, ...rest } = row;
  return {
    ...rest,
    ineligibleReason: reason
      ? {
          code: reason,
          message: translate(locale, `ineligible.${reason}`),
          ...(failedCriteria
            ? { failedCriteria: failedCriteria.map((f) => describeFailure(locale, f as FailureLike)) }
            : {}),
        }
      : null,
  };
}

// The Customers page of one workshop engagement (spec §3): the three tabs, counts and CSV export.
export const customerRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/engagements/:engagementId/customers',
      {
        schema: {
          tags: ['customers'],
          summary: 'One tab of the Customers page, searched, filtered, sorted and keyset-paged',
          params: EngagementParams,
          querystring: CustomerListQuery,
          response: { 200: CustomerList, ...errors },
        },
      },
      async (request) => {
        const { engagementId } = request.params;
        const q = request.query;
        const page = await listCustomers(
          ctx.store,
          requirePrincipal(request).actor,
          {
            engagementId,
            tab: q.tab,
            search: q.search,
            sort: q.sort,
            limit: q.maxpagesize,
            cursor: q.cursor,
            locationId: q.locationId,
            status: q.status,
          },
          ctx.clock.now(),
        );
        // The next page keeps every filter (issue 15: a filtered list pages through the filtered rows).
        const next = page.next
          ? `/api/v1/engagements/${engagementId}/customers?${new URLSearchParams({ tab: q.tab, sort: q.sort, maxpagesize: String(q.maxpagesize), ...(q.search ? { search: q.search } : {}), ...(q.locationId ? { locationId: q.locationId } : {}), ...(q.status ? { status: q.status } : {}), cursor: page.next })}`
          : undefined;
        return {
          value: page.rows.map((r) => present(request.locale, r)),
          ...(next ? { nextLink: next } : {}),
        };
      },
    );

    app.get(
      '/customers',
      {
        schema: {
          tags: ['customers'],
          summary:
            "The partner's customers across workshops by name, domain, tenant ID or TPID (first 50 by name)",
          querystring: CustomerSearchQuery,
          response: { 200: CustomerSearchResult, ...errors },
        },
      },
      async (request) => ({
        value: await searchCustomersAcross(
          ctx.store,
          requirePrincipal(request).actor,
          request.query.search,
          ctx.clock.now(),
        ),
      }),
    );

    app.get(
      '/engagements/:engagementId/customers/counts',
      {
        schema: {
          tags: ['customers'],
          summary: 'Rows per tab (with the same search)',
          params: EngagementParams,
          querystring: CustomerCountsQuery,
          response: { 200: CustomerCounts, ...errors },
        },
      },
      async (request) =>
        countCustomers(
          ctx.store,
          requirePrincipal(request).actor,
          request.params.engagementId,
          request.query.search,
          ctx.clock.now(),
        ),
    );

    app.get(
      '/engagements/:engagementId/customers/export',
      {
        schema: {
          tags: ['customers'],
          summary: 'CSV (RFC 4180) of what the tab, search and filters show',
          params: EngagementParams,
          querystring: CustomerExportQuery,
        },
        config: { rateLimit: RATE_LIMITS.export },
      },
      async (request, reply) => {
        const actor = requirePrincipal(request).actor;
        const { engagementId } = request.params;
        const { tab, search, sort, locationId, status } = request.query;
        const locale = request.locale;
        const now = ctx.clock.now();
        // Checks access and the engagement before anything is sent (errors keep the error shape).
        const engagement = await requireCustomersPage(ctx.store, actor, engagementId);
        let page = await listCustomers(
          ctx.store,
          actor,
          { engagementId, tab, search, sort, locationId, status, limit: 1000 },
          now,
        );
        const t = (key: string) => translate(locale, key);
        const screen = (key: string) => screenWords(locale, key);
        const rows: unknown[][] = [
          [
            'csv.customer',
            'csv.tenantId',
            'csv.tpid',
            'csv.domain',
            'csv.mpnId',
            'csv.location',
            'csv.type',
            'csv.status',
            'csv.daysLeft',
            'csv.deadline',
            'csv.reason',
          ].map(t),
        ];
        for (;;) {
          for (const r of page.rows) {
            const status = statusMessageId(r.status);
            rows.push([
              r.name,
              r.tenantId,
              r.tpid,
              r.domain,
              r.location?.mpnId,
              r.location?.name,
              // The statuses and types in the words of the screen (issue 15).
              r.type ? screen(`customers.type.${r.type}`) : '',
              status ? screen(status) : r.status,
              r.daysLeft,
              r.deadline,
              r.reason ? t(`ineligible.${r.reason}`) : '',
            ]);
          }
          if (!page.next) break;
          page = await listCustomers(
            ctx.store,
            actor,
            { engagementId, tab, search, sort, locationId, status, limit: 1000, cursor: page.next },
            now,
          );
        }
        // The file names the workshop by its code (issue 15: "customers-<tab>-<date>" did not).
        const file = `customers-${fileNamePart(engagement.code)}-${tab}-${now.toISOString().slice(0, 10)}.csv`;
        return sendCsv(reply, file, csvFile(rows));
      },
    );
  };
