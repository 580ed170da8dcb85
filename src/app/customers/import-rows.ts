import { NOMINATION_IMPORT_COLUMNS } from '../../contracts/nomination-imports.ts';
import { CreateNominationsRequest } from '../../contracts/nominations.ts';
import { DomainError } from '../../domain/errors.ts';
import type { ImportRowError } from '../store/nomination-imports.ts';

// The rows of a nomination import (issue 14), read without a database: the header, and one row into
// the very request the Add wizard sends (POST /api/v1/nominations), or what is wrong with it.

const REQUIRED_COLUMNS = ['mpnLocationId', 'email', 'workshops'] as const;

/** Where each template column is in the file; a missing required column fails the whole upload. */
export function readImportHeader(header: readonly string[] | undefined): (number | undefined)[] {
  if (!header)
    throw new DomainError('ValidationFailed', {
      target: 'csv',
      details: [{ code: 'required', target: 'csv' }],
    });
  const index = new Map(header.map((name, i) => [name.trim(), i]));
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length)
    throw new DomainError('ValidationFailed', {
      target: 'csv',
      details: missing.map((c) => ({ code: 'required', target: c })),
    });
  // Rows are stored in the template's column order, whatever the file's.
  return NOMINATION_IMPORT_COLUMNS.map((c) => index.get(c));
}

/** A record of the file in the template's column order, trimmed. */
export const canonicalCells = (record: readonly string[], columns: readonly (number | undefined)[]) =>
  columns.map((i) => (i === undefined ? '' : (record[i] ?? '').trim()));

/** What a row needs resolved: workshops by code (case-insensitive), locations by MPN ID. */
export interface ImportCatalogue {
  engagementIdByCode: ReadonlyMap<string, string>;
  locationIdByMpnId: ReadonlyMap<string, string>;
}

/** The request field a row's column feeds, and back (errors name the file's columns). */
const COLUMN_OF_FIELD: Record<string, string> = { locationId: 'mpnLocationId', engagementIds: 'workshops' };
const columnOf = (target: string | undefined) =>
  target === undefined ? undefined : (COLUMN_OF_FIELD[target.replace(/\[\d+\]$/, '')] ?? target);

type ReadRow = { input: Extract<CreateNominationsRequest, { origin: 'add' }> } | { error: ImportRowError };

/**
 * One row as the Add wizard's request. Workshops are engagement codes (`engagements.code`, unique)
 * separated by `;`; the location is the partner's location with that MPN ID.
 */
export function readImportRow(cells: readonly string[], catalogue: ImportCatalogue): ReadRow {
  const [mpnLocationId = '', email = '', workshops = '', tenantId = '', tpid = '', mismatchReason = ''] =
    cells;
  const invalid = (code: string, target: string, params?: Record<string, unknown>): ReadRow => ({
    error: { code: 'ValidationFailed', target, details: [{ code, target, ...(params ? { params } : {}) }] },
  });
  if (!mpnLocationId) return invalid('required', 'mpnLocationId');
  const locationId = catalogue.locationIdByMpnId.get(mpnLocationId);
  if (!locationId) return { error: { code: 'NotFound', target: 'mpnLocationId' } };
  const codes = [
    ...new Set(
      workshops
        .split(';')
        .map((c) => c.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
  if (!codes.length) return invalid('required', 'workshops');
  const unknown = codes.filter((c) => !catalogue.engagementIdByCode.has(c));
  if (unknown.length)
    return {
      error: {
        code: 'NotFound',
        target: 'workshops',
        details: unknown.map((code) => ({
          code: 'import.unknownWorkshop',
          target: 'workshops',
          params: { code },
        })),
      },
    };
  if (tpid && !/^[1-9][0-9]{0,15}$/.test(tpid)) return invalid('invalid', 'tpid');
  const parsed = CreateNominationsRequest.safeParse({
    origin: 'add',
    locationId,
    engagementIds: codes.map((c) => catalogue.engagementIdByCode.get(c)!),
    email,
    ...(tenantId ? { tenantId: tenantId.toLowerCase() } : {}),
    ...(tpid ? { tpid: Number(tpid) } : {}),
    ...(mismatchReason ? { mismatchReason } : {}),
  });
  if (parsed.success) return { input: parsed.data as Extract<CreateNominationsRequest, { origin: 'add' }> };
  const details = parsed.error.issues.map((issue) => {
    const target = columnOf(String(issue.path[0] ?? '')) ?? 'csv';
    if (issue.code === 'too_small' && target === 'mismatchReason')
      return { code: 'tooShort', target, params: { min: Number(issue.minimum) } };
    if (issue.code === 'too_big') return { code: 'tooLong', target, params: { max: Number(issue.maximum) } };
    if (target === 'email') return { code: 'email', target };
    if (target === 'tenantId') return { code: 'uuid', target };
    return { code: 'invalid', target };
  });
  return { error: { code: 'ValidationFailed', target: details[0]!.target, details } };
}

/** A refusal of the use case as a row's error, naming the file's columns. */
export function rowErrorOf(error: DomainError): ImportRowError {
  const target = columnOf(error.target);
  return {
    code: error.code,
    ...(target ? { target } : {}),
    ...(error.params ? { params: { ...error.params } } : {}),
    ...(error.details?.length
      ? {
          details: error.details.map((d) => ({
            code: d.code,
            ...(d.target ? { target: columnOf(d.target)! } : {}),
            ...(d.params ? { params: { ...d.params } } : {}),
          })),
        }
      : {}),
  };
}
