import { CsvError, type Options, parse } from 'csv-parse/sync';
import { DomainError } from '../../domain/errors.ts';

/** The options every CSV upload is read with (the directory import and the nomination imports). */
export const CSV_READ_OPTIONS: Options = {
  bom: true,
  skip_empty_lines: true,
  // Any of the three line ends, even mixed in one file (a file edited on two systems).
  record_delimiter: ['\r\n', '\n', '\r'],
  relax_column_count: true,
  // A quote inside an unquoted cell is text, as spreadsheets write it.
  relax_quotes: true,
  info: true,
};

/**
 * The line a record starts on. csv-parse counts the lines read when the record ends; a quoted cell
 * can hold line breaks, which are subtracted so that a report names the line a person sees first.
 */
export function startLine(lines: number, cells: readonly string[]): number {
  let breaks = 0;
  for (const cell of cells) breaks += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  return lines - breaks;
}

/** A malformed file (an unterminated quote…) is the caller's mistake: a 400 that says where. */
export function csvFailure(error: unknown): unknown {
  if (!(error instanceof CsvError)) return error;
  return new DomainError('ValidationFailed', {
    target: 'csv',
    details: [{ code: 'csv.malformed', target: 'csv', params: { line: error.lines ?? 0 } }],
  });
}

// RFC 4180 with csv-parse: quoted fields, doubled quotes, CRLF or LF line ends, a BOM. Returns the
// rows with their line numbers, so that an import can report per row.
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  try {
    // csv-parse's types do not model `info: true`, under which each record comes with its position.
    const parsed: unknown[] = parse(text, CSV_READ_OPTIONS);
    const records = parsed as { record: string[]; info: { lines: number } }[];
    return records.map(({ record, info }) => ({ line: startLine(info.lines, record), cells: record }));
  } catch (error) {
    throw csvFailure(error);
  }
}
