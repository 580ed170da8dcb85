import { type Options, stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

// Every CSV the API writes (the Customers export, the audit export, the import report): RFC 4180
// with CRLF, a byte-order mark so that spreadsheets read UTF-8, and safe to open in a spreadsheet
// (quality §3.6): csv-stringify's escape_formulas prefixes a cell that starts with = + - @, tab or
// carriage return with an apostrophe.
export const CSV_OPTIONS = {
  escape_formulas: true,
  record_delimiter: 'windows',
  bom: true,
} as const satisfies Options;

/** A whole CSV file of these rows. */
export const csvFile = (rows: unknown[][]): string => stringify(rows, CSV_OPTIONS);

/** Answers with a CSV download named `fileName` (ASCII; callers build it from codes and dates). */
export function sendCsv(reply: FastifyReply, fileName: string, body: string | NodeJS.ReadableStream) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'private, no-store')
    .send(body);
}

/** A code or id as part of a download's file name: letters, digits, dot, dash and underscore only. */
export const fileNamePart = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, '-');
