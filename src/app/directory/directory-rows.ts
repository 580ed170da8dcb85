import { DomainError } from '../../domain/errors.ts';
import type { DirectoryTenant } from '../store/directory.ts';

// The rows of a directory import (spec §7), read and validated without a database. Columns (header row
// required, any order): tenantId, name, tpid, tpidName, country, segment, seats, products (a;b;c),
// domains (a.com;b.com). Only tenantId, name and domains must be present.

const REQUIRED_COLUMNS = ['tenantId', 'name', 'domains'] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const TPID = /^[1-9][0-9]{0,15}$/;
const SEATS = /^[0-9]{1,9}$/;
const COUNTRY = /^[A-Z]{2}$/;

export interface FieldError {
  field: string;
  code: string;
}

/** A row of the CSV, good (its tenant) or bad (what is wrong with it, field by field). */
export type DirectoryRow =
  | { line: number; tenant: DirectoryTenant }
  | { line: number; tenantId: string | null; errors: FieldError[] };

/** Reads one cell by column name: trimmed, and empty when the column or the cell is absent. */
export type CellReader = (cells: readonly string[], column: string) => string;

/** The columns of the header row; a missing required column fails the whole import. */
export function readHeader(header: { cells: string[] } | undefined): CellReader {
  if (!header)
    throw new DomainError('ValidationFailed', {
      target: 'csv',
      details: [{ code: 'required', target: 'csv' }],
    });
  const index = new Map(header.cells.map((name, i) => [name.trim(), i]));
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (missing.length)
    throw new DomainError('ValidationFailed', {
      target: 'csv',
      details: missing.map((c) => ({ code: 'required', target: c })),
    });
  return (cells, column) => {
    const i = index.get(column);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
}

const list = (text: string) =>
  text
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean);

/** Validates one row; every problem of the row is reported, not just the first. */
export function readRow(row: { line: number; cells: string[] }, cell: CellReader): DirectoryRow {
  const get = (column: string) => cell(row.cells, column);
  const tenantId = get('tenantId').toLowerCase();
  const name = get('name');
  const tpid = get('tpid');
  const seats = get('seats');
  const country = get('country').toUpperCase();
  const domains = list(get('domains').toLowerCase());
  const errors: FieldError[] = [];
  if (!GUID.test(tenantId)) errors.push({ field: 'tenantId', code: 'uuid' });
  if (!name || name.length > 200) errors.push({ field: 'name', code: name ? 'tooLong' : 'required' });
  if (tpid && !TPID.test(tpid)) errors.push({ field: 'tpid', code: 'invalid' });
  if (seats && !SEATS.test(seats)) errors.push({ field: 'seats', code: 'invalid' });
  if (country && !COUNTRY.test(country)) errors.push({ field: 'country', code: 'invalid' });
  if (domains.length === 0) errors.push({ field: 'domains', code: 'required' });
  for (const d of domains) if (!DOMAIN.test(d)) errors.push({ field: 'domains', code: 'invalid' });
  if (errors.length) return { line: row.line, tenantId: tenantId || null, errors };
  return {
    line: row.line,
    tenant: {
      id: tenantId,
      name,
      tpid: tpid ? Number(tpid) : null,
      tpidName: get('tpidName') || name,
      country: country || null,
      segment: get('segment') || null,
      seats: seats ? Number(seats) : null,
      products: list(get('products')),
      domains,
    },
  };
}
