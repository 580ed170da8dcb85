// Idempotency keys (quality §1, Stripe semantics): stored with the first result, in the transaction of
// the change it describes.

interface StoredReply {
  requestHash: string;
  status: number | null;
  body: unknown;
}

export interface IdempotencyRepository {
  /** Takes the key; false when someone took it first (then `stored` has their request and reply). */
  claim(scope: string, key: string, requestHash: string, now: Date, expiresAt: Date): Promise<boolean>;
  stored(scope: string, key: string): Promise<StoredReply>;
  complete(scope: string, key: string, status: number, body: unknown): Promise<void>;
}
