import { z } from 'zod';
import { Id, Name, page } from './common.ts';

// API tokens (issue 14): an integration's credential, `Authorization: Bearer mci_…`. The secret is in the
// answer to its creation only; lists show its first characters.

const TOKEN_SCOPES = ['read', 'write'] as const;
const TokenScopes = z.union([z.tuple([z.literal('read')]), z.tuple([z.literal('read'), z.literal('write')])]);

export const CreateApiTokenRequest = z.strictObject({
  name: Name(100),
  scopes: TokenScopes,
  /** Narrows the token to these locations of the partner; absent: every location of its creator. */
  locationIds: z.array(Id).min(1).max(100).optional(),
  expiresInDays: z.number().int().min(1).max(366).default(90),
});
export type CreateApiTokenRequest = z.infer<typeof CreateApiTokenRequest>;

export const ApiToken = z
  .object({
    id: Id,
    name: z.string(),
    scopes: z.array(z.enum(TOKEN_SCOPES)),
    /** Null: every location its creator holds a role on. */
    locationIds: z.array(Id).nullable(),
    /** The first characters of the secret. */
    prefix: z.string(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    lastUsedIp: z.string().nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

/** The one answer that carries the secret: keep it now, it is never shown again. */
export const CreatedApiToken = ApiToken.omit({ lastUsedAt: true, lastUsedIp: true })
  .extend({ token: z.string().meta({ description: '`mci_` and 256 random bits; shown once.' }) })
  .meta({ id: 'CreatedApiToken' });
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;

export const ApiTokenList = page(ApiToken);
export type ApiTokenList = z.infer<typeof ApiTokenList>;

export const ApiTokenParams = z.object({ tokenId: Id });
