import { createHash, randomBytes, randomUUID } from 'node:crypto';

// Identifiers and secrets. Secrets (session ids, link tokens, API tokens) are 256 random bits from the
// CSPRNG, handed out once and stored only as their SHA-256.
export const newId = (): string => randomUUID();
export const newSecret = (): string => randomBytes(32).toString('base64url');
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
