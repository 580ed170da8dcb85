import { createHash } from 'node:crypto';
import { DomainError } from '../domain/errors.ts';
import type { Repositories, Store } from './store/index.ts';

// Idempotency-Key with Stripe's semantics (quality §1): the first result is stored with the key, in the
// same transaction as the change it describes, and replayed for the same key and body; the same key
// with another body is a 422. Keys are scoped (per partner) and kept 24 h at least (48 h; a caller that
// replays later, such as an import job resumed after an outage, asks for longer with `keepForMs`). A
// concurrent duplicate waits on the key's unique index until the first commits, then replays its result.
const IDEMPOTENCY_TTL_MS = 48 * 3_600_000;

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
  store: Store,
  request: { scope: string; key: string | undefined; fingerprintOf: unknown; now: Date; keepForMs?: number },
  run: (tx: Repositories) => Promise<{ status: number; body: T }>,
): Promise<Stored<T>> {
  if (!request.key) {
    const result = await store.transaction(run);
    return { ...result, replayed: false };
  }
  const key = request.key;
  const hash = fingerprint(request.fingerprintOf);
  return store.transaction(async (tx) => {
    const expiresAt = new Date(request.now.getTime() + (request.keepForMs ?? IDEMPOTENCY_TTL_MS));
    if (!(await tx.idempotency.claim(request.scope, key, hash, request.now, expiresAt))) {
      const stored = await tx.idempotency.stored(request.scope, key);
      if (stored.requestHash !== hash)
        throw new DomainError('IdempotencyKeyReused', { target: 'Idempotency-Key' });
      return { status: stored.status ?? 200, body: stored.body as T, replayed: true };
    }
    const result = await run(tx);
    await tx.idempotency.complete(request.scope, key, result.status, result.body);
    return { ...result, replayed: false };
  });
}
