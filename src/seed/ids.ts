import { createHash, randomBytes } from 'node:crypto';

// Deterministic ids for seeded rows, so that tests, e2e journeys and the README can name a demo
// object by a stable key instead of looking it up. RFC 9562 name-based UUIDs (version 5, SHA-1)
// in a namespace of our own: valid for every UUID validator, never equal to a random v4 id.

/** The namespace of every demo id (a fixed random UUID; never change it, tests rely on it). */
const DEMO_NAMESPACE = '3f6c2a9e-51d4-4b7a-9e0c-8d2f1b6a7c45';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** UUID version 5 of `name` in `namespace` (RFC 9562 §5.5). */
function nameUuid(namespace: string, name: string): string {
  const digest = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC variant
  return formatUuid(bytes);
}

/** The id of a demo object, e.g. demoId('tenant:contoso'), demoId('nomination:trey/SEC-WS/tailspin'). */
export function demoId(name: string): string {
  return nameUuid(DEMO_NAMESPACE, name);
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A token nobody keeps: seeded links cannot be opened (a resend issues a working one). */
export function unusableTokenHash(): string {
  return sha256Hex(randomBytes(32));
}
