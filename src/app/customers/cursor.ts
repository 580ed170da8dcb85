import { DomainError } from '../../domain/errors.ts';
import { isStorableText } from '../../domain/text.ts';

// Opaque keyset cursors: the sort they belong to and the last row's sort key. A cursor is not signed,
// so every value in it is type-checked against the sort's key columns before it reaches SQL: a cursor
// from another sort, a tampered or truncated one, is a field error (never a 500, never a silent restart
// from page 1).

/** The type of one key column of a sort. */
export type KeyType = 'text' | 'timestamp' | 'uuid';
type KeyValue = string | Date;

export interface Cursor {
  sort: string;
  key: KeyValue[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_TEXT = 1000;
// Timestamps the database can compare (year 1 to 9999), from the ISO strings the server wrote.
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export function encodeCursor(cursor: Cursor): string {
  const key = cursor.key.map((v) => (v instanceof Date ? v.toISOString() : v));
  return Buffer.from(JSON.stringify([cursor.sort, key])).toString('base64url');
}

function checked(value: unknown, type: KeyType): KeyValue | undefined {
  if (typeof value !== 'string') return undefined;
  switch (type) {
    case 'uuid':
      return UUID.test(value) ? value.toLowerCase() : undefined;
    case 'timestamp': {
      const at = ISO.test(value) ? new Date(value) : null;
      return at && !Number.isNaN(at.getTime()) ? at : undefined;
    }
    case 'text':
      return value.length <= MAX_TEXT && isStorableText(value) ? value : undefined;
  }
}

/** The cursor's key values, typed as the sort's key columns say, or a 400 ValidationFailed on `cursor`. */
export function decodeCursor(value: string, sort: string, types: readonly KeyType[]): Cursor {
  const invalid = () =>
    new DomainError('ValidationFailed', {
      target: 'cursor',
      details: [{ code: 'invalid', target: 'cursor' }],
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || parsed[0] !== sort) throw invalid();
  const raw: unknown = parsed[1];
  if (!Array.isArray(raw) || raw.length !== types.length) throw invalid();
  const key = raw.map((v, i) => checked(v, types[i]!));
  if (key.some((v) => v === undefined)) throw invalid();
  return { sort, key: key as KeyValue[] };
}
