import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { importDirectory } from '../../app/directory/import-directory.ts';
import { requireOperator } from '../../app/operator/access.ts';
import type { AppContext } from '../../app/ports.ts';
import { ErrorResponse } from '../../contracts/common.ts';
import { DirectoryImportReport } from '../../contracts/directory.ts';
import { translate } from '../../i18n/translate.ts';
import { authorizeBeforeBody, requirePrincipal } from '../auth.ts';

// The program operator's customer directory import (spec §4.5, §7): CSV in, a report per row out.
export const operatorDirectoryRoutes =
  (ctx: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: 50 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    app.post(
      '/operator/directory/imports',
      {
        bodyLimit: 50 * 1024 * 1024,
        // Only the operator may send a directory (up to 50 MB): decided before the body is read.
        onRequest: authorizeBeforeBody((principal) => {
          requireOperator(principal.actor, 'operator.directory');
        }),
        schema: {
          tags: ['operator'],
          summary: 'Import tenants, domains, TPIDs and attributes from CSV (text/csv), with a report per row',
          body: z.string().max(50 * 1024 * 1024),
          response: {
            200: DirectoryImportReport,
            400: ErrorResponse,
            401: ErrorResponse,
            403: ErrorResponse,
            413: ErrorResponse,
            415: ErrorResponse,
          },
        },
      },
      async (request) => {
        const report = await importDirectory(ctx, requirePrincipal(request).actor, request.body);
        return {
          ...report,
          rows: report.rows.map((r) => ({
            ...r,
            errors: r.errors.map((e) => ({ ...e, message: translate(request.locale, `field.${e.code}`) })),
          })),
        };
      },
    );
  };
