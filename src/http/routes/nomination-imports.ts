import { stringify } from 'csv-stringify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  getNominationImport,
  importReportRows,
  requireImporter,
  startNominationImport,
} from '../../app/customers/nomination-imports.ts';
import type { AppContext } from '../../app/ports.ts';
import type { ImportRow } from '../../app/store/nomination-imports.ts';
import { errorResponses, IdempotencyKeyHeaders } from '../../contracts/common.ts';
import {
  NOMINATION_IMPORT_COLUMNS,
  NOMINATION_IMPORT_MAX_BYTES,
  NOMINATION_IMPORT_REPORT_COLUMNS,
  NominationImport,
  NominationImportAccepted,
  NominationImportParams,
  NominationImportQuery,
} from '../../contracts/nomination-imports.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Locale } from '../../i18n/locales.ts';
import { authorizeBeforeBody, requirePrincipal } from '../auth.ts';
import { CSV_OPTIONS, sendCsv } from '../csv.ts';
import { errorMessage } from '../errors.ts';
import { sendIdempotent } from '../idempotent-reply.ts';
import { RATE_LIMITS } from '../rate-limits.ts';

const errors = errorResponses(400, 401, 403, 404, 409, 413, 415, 422, 429, 503);

// Bulk add from CSV (issue 14): the upload (202, processed by the `nominations.import` job), its
// progress, and the per-row report.
export const nominationImportRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    // The body is a raw stream, never buffered; the parser exists only in this encapsulated context.
    await app.register(async (uploads) => {
      uploads.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
      uploads.withTypeProvider<ZodTypeProvider>().post(
        '/nomination-imports',
        {
          bodyLimit: NOMINATION_IMPORT_MAX_BYTES,
          // Who may send up to 10 MB is decided before the body is read: a partner user who may add
          // customers somewhere (each row's location is checked again when the row is added).
          // Only CSV is taken (415 for anything else, also before the body).
          onRequest: authorizeBeforeBody((principal, request) => {
            requireImporter(principal.actor);
            const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
            if (type !== 'text/csv') throw new DomainError('UnsupportedMediaType');
            // A declared length over the limit is refused now; a chunked body is cut off at the limit.
            if (Number(request.headers['content-length'] ?? 0) > NOMINATION_IMPORT_MAX_BYTES)
              throw new DomainError('PayloadTooLarge');
          }),
          schema: {
            tags: ['customers'],
            summary:
              'Add customers from CSV (text/csv, ≤ 10 MB; header mpnLocationId,email,workshops,tenantId,tpid,mismatchReason; ' +
              'workshops: engagement codes separated by ";"). Every row goes through the Add customer rules; ' +
              '?dryRun=true validates only. Idempotency-Key honoured. 202 with the import to poll in Location.',
            headers: IdempotencyKeyHeaders,
            querystring: NominationImportQuery,
            response: { 202: NominationImportAccepted, ...errors },
          },
        },
        async (request, reply) => {
          const result = await startNominationImport(
            ctx,
            requirePrincipal(request).actor,
            request.body as NodeJS.ReadableStream,
            { dryRun: request.query.dryRun === 'true', idempotencyKey: request.headers['idempotency-key'] },
          );
          reply.header('location', `/api/v1/nomination-imports/${result.body.id}`);
          return sendIdempotent(reply, result);
        },
      );
    });

    app.get(
      '/nomination-imports/:importId',
      {
        schema: {
          tags: ['customers'],
          summary: 'The progress of a CSV import',
          params: NominationImportParams,
          response: { 200: NominationImport, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request) =>
        getNominationImport(ctx.store, requirePrincipal(request).actor, request.params.importId),
    );

    app.get(
      '/nomination-imports/:importId/report',
      {
        schema: {
          tags: ['customers'],
          summary:
            'CSV report of an import: the input columns plus line, outcome, nominationIds, errorCode and a localised ' +
            'errorMessage (formula-safe)',
          params: NominationImportParams,
          response: errorResponses(400, 401, 403, 404, 429),
        },
        config: { rateLimit: RATE_LIMITS.export },
      },
      async (request, reply) => {
        const { actor } = requirePrincipal(request);
        const found = await getNominationImport(ctx.store, actor, request.params.importId);
        const csv = stringify(CSV_OPTIONS);
        csv.write([...NOMINATION_IMPORT_COLUMNS, ...NOMINATION_IMPORT_REPORT_COLUMNS]);
        // Page by page, as the reader takes it; access was checked above, so the answer is the CSV.
        void (async () => {
          try {
            for await (const page of importReportRows(ctx.store, actor, found.id))
              for (const row of page) if (!csv.write(reportLine(request.locale, row))) await drained(csv);
            csv.end();
          } catch (error) {
            csv.destroy(error as Error);
          }
        })();
        return sendCsv(reply, `nomination-import-${found.id}.csv`, csv);
      },
    );
  };

const drained = (stream: NodeJS.WritableStream) =>
  new Promise<void>((resolve) => stream.once('drain', () => resolve()));

function reportLine(locale: Locale, row: ImportRow): unknown[] {
  const error = row.error;
  return [
    ...NOMINATION_IMPORT_COLUMNS.map((_, i) => row.cells[i] ?? ''),
    row.line,
    row.outcome ?? 'pending',
    row.nominationIds.join(';'),
    error?.code ?? '',
    // The column at fault first (the file's own column names), then the sentence.
    error ? `${error.target ? `${error.target}: ` : ''}${errorMessage(locale, error)}` : '',
  ];
}
