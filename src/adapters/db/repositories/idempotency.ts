import type { IdempotencyRepository } from '../../../app/store/idempotency.ts';
import type { Q } from './db.ts';

export function idempotencyRepository(db: Q): IdempotencyRepository {
  return {
    async claim(scope, key, requestHash, now, expiresAt) {
      // A concurrent duplicate waits here on the unique index until the first transaction ends.
      const claimed = await db
        .insertInto('idempotency_keys')
        .values({ scope, key, request_hash: requestHash, created_at: now, expires_at: expiresAt })
        .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
        .returning('key')
        .executeTakeFirst();
      return claimed !== undefined;
    },
    async stored(scope, key) {
      const row = await db
        .selectFrom('idempotency_keys')
        .select(['request_hash', 'status_code', 'response_body'])
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      return { requestHash: row.request_hash, status: row.status_code, body: row.response_body };
    },
    async complete(scope, key, status, body) {
      await db
        .updateTable('idempotency_keys')
        .set({ status_code: status, response_body: JSON.stringify(body) })
        .where('scope', '=', scope)
        .where('key', '=', key)
        .execute();
    },
  };
}
