import { DomainError } from '../../domain/errors.ts';

// Opaque keyset cursors: the sort they belong to and the last row's sort key. A cursor from another
// sort, or a tampered one, is a field error (never a 500, never a silent restart from page 1).
export interface Cursor {
  sort: string;
  key: (string | number | null)[];
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key])).toString('base64url');
}

export function decodeCursor(value: string, sort: string): Cursor {
  try {
    const [s, key] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as [unknown, unknown];
    if (
      s !== sort ||
      !Array.isArray(key) ||
      key.some((k) => k !== null && typeof k !== 'string' && typeof k !== 'number')
    )
      throw new Error('shape');
    return { sort: s, key: key as Cursor['key'] };
  } catch {
    throw new DomainError('ValidationFailed', {
      target: 'cursor',
      details: [{ code: 'invalid', target: 'cursor' }],
    });
  }
}
