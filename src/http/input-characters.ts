import type { FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.ts';
import { isStorableText } from '../domain/text.ts';

// Bad input is a clear 400, never a 500 (issue 10): PostgreSQL cannot store U+0000 in text, and an
// unpaired surrogate has no UTF-8 form (drivers silently replace it, so what is stored differs from
// what was sent). One rule, in one place, before any schema or handler sees the request: such a
// character anywhere in the path, the query or a parsed body is refused with ValidationFailed.

/** Parsed JSON, a query or path parameters; never a stream (uploads) or a buffer. */
function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  return !Buffer.isBuffer(value) && typeof (value as { pipe?: unknown }).pipe !== 'function';
}

/**
 * The path (e.g. `customerContact.name`; '' for the value itself) of the first string holding an
 * unstorable character, or null when there is none.
 */
function unstorableAt(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path.join('.');
  if (!isPlain(value) || depth > 32) return null;
  for (const [key, child] of Object.entries(value)) {
    if (!isStorableText(key)) return [...path, key].join('.');
    const found = unstorableAt(child, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

export async function refuseUnstorableInput(request: FastifyRequest): Promise<void> {
  for (const [part, value] of [
    ['params', request.params],
    ['query', request.query],
    ['body', request.body],
  ] as const) {
    const at = unstorableAt(value);
    if (at === null) continue;
    const target = part === 'body' ? at || 'body' : [part, at].filter(Boolean).join('.');
    throw new DomainError('ValidationFailed', {
      target,
      details: [{ code: 'invalidCharacters', target }],
    });
  }
}
