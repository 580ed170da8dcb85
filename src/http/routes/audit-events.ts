import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditLogAll, auditLogPage } from '../../app/audit-log/audit-log.ts';
import type { AppContext } from '../../app/ports.ts';
import { AuditEventList, AuditEventQuery, AuditExportQuery } from '../../contracts/audit.ts';
import { errorResponses } from '../../contracts/common.ts';
import { translate } from '../../i18n/translate.ts';
import { requirePrincipal } from '../auth.ts';
import { csvFile, sendCsv } from '../csv.ts';
import { RATE_LIMITS } from '../rate-limits.ts';

const errors = errorResponses(400, 401, 403, 429);
/** The export stops here; narrower filters get the rest. */
const EXPORT_MAX_ROWS = 100_000;

const COLUMNS = [
  'id',
  'at',
  'actorKind',
  'actorId',
  'actorName',
  'tokenName',
  'action',
  'nominationId',
  'claimId',
  'fromStatus',
  'toStatus',
] as const;

// The audit log (issue 14): partner-scoped, keyset-paged, and a CSV export that a spreadsheet opens
// safely (quality §3.6: a cell starting with = + - @ tab or CR is prefixed with an apostrophe).
export const auditEventRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/audit-events',
      {
        schema: {
          tags: ['audit'],
          summary: 'The audit log, newest first (partner-scoped; the operator may filter by partner)',
          querystring: AuditEventQuery,
          response: { 200: AuditEventList, ...errors },
        },
      },
      async (request) => {
        const { actor } = requirePrincipal(request);
        const caller = { actor, locationIds: request.apiToken?.locationIds };
        const page = await auditLogPage(ctx.store, caller, request.query);
        if (!page.nextCursor) return { value: page.value };
        const params = new URLSearchParams();
        for (const [key, value] of Object.entries(request.query))
          if (value !== undefined && key !== 'cursor') params.set(key, String(value));
        params.set('cursor', page.nextCursor);
        return { value: page.value, nextLink: `/api/v1/audit-events?${params}` };
      },
    );

    app.get(
      '/audit-events/export',
      {
        schema: {
          tags: ['audit'],
          summary: 'CSV (RFC 4180, formula-safe) of the audit events the filters select',
          querystring: AuditExportQuery,
        },
        config: { rateLimit: RATE_LIMITS.export },
      },
      async (request, reply) => {
        const { actor } = requirePrincipal(request);
        const caller = { actor, locationIds: request.apiToken?.locationIds };
        const t = (key: string) => translate(request.locale, key);
        const rows: unknown[][] = [COLUMNS.map((c) => t(`auditCsv.${c}`))];
        // Every page is read before the answer starts, so a refusal keeps the error shape.
        for await (const events of auditLogAll(ctx.store, caller, request.query)) {
          for (const e of events)
            rows.push([
              e.id,
              e.at,
              e.actor.kind,
              e.actor.id,
              e.actor.name,
              e.actor.tokenName ?? '',
              e.action,
              e.target.nominationId,
              e.target.claimId,
              e.fromStatus,
              e.toStatus,
            ]);
          if (rows.length > EXPORT_MAX_ROWS) break;
        }
        const file = `audit-events-${ctx.clock.now().toISOString().slice(0, 10)}.csv`;
        return sendCsv(reply, file, csvFile(rows));
      },
    );
  };
