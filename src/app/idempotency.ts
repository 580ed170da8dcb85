import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { Db, Trx } from './ports.ts';

// Idempotency-Key with Stripe's semantics (quality §1): the first result is stored with the key, in the
// same transaction as the change it describes, and replayed for the same key and body; the same key
// with another body is a 422. Keys are scoped (per partner) and kept 24 h at least. A concurrent
// duplicate waits on the key's unique index until the first commits, then replays its result.
export const IDEMPOTENCY_TTL_MS = 48 * 3_600_000;

export interface Stored<T> {
  status: number;
  body: T;
  replayed: boolean;
}

function fingerprint(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v as object)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex');
}

export async function idempotent<T>(
  db: Db,
  request: { scope: string; key: string | undefined; fingerprintOf: unknown; now: Date },
  run: (trx: Trx) => Promise<{ status: number; body: T }>,
): Promise<Stored<T>> {
  if (!request.key) {
    const result = await db.transaction().execute(run);
    return { ...result, replayed: false };
  }
  const key = request.key;
  const hash = fingerprint(request.fingerprintOf);
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('idempotency_keys')
      .values({
        scope: request.scope,
        key,
        request_hash: hash,
        created_at: request.now,
        expires_at: new Date(request.now.getTime() + IDEMPOTENCY_TTL_MS),
      })
      .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!claimed) {
      const stored = await trx
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('scope', '=', request.scope)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (stored.request_hash !== hash)
        throw new DomainError('IdempotencyKeyReused', { target: 'Idempotency-Key' });
      return { status: stored.status_code ?? 200, body: stored.response_body as T, replayed: true };
    }
    const result = await run(trx);
    await trx
      .updateTable('idempotency_keys')
      .set({ status_code: result.status, response_body: JSON.stringify(result.body) })
      .where('scope', '=', request.scope)
      .where('key', '=', key)
      .execute();
    return { ...result, replayed: false };
  });
}
