import { toPrincipal } from '../../../app/auth/session-user.ts';
import type { ApiToken, ApiTokenRepository } from '../../../app/store/api-tokens.ts';
import type { Q } from './db.ts';
import { principalQuery, toProfile } from './users.ts';

const COLUMNS = [
  't.id',
  't.partner_id',
  't.user_id',
  't.name',
  't.scopes',
  't.location_ids',
  't.prefix',
  't.created_at',
  't.expires_at',
  't.last_used_at',
  't.last_used_ip',
  't.revoked_at',
] as const;

type Row = {
  id: string;
  partner_id: string;
  user_id: string;
  name: string;
  scopes: ApiToken['scopes'];
  location_ids: string[] | null;
  prefix: string;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  last_used_ip: string | null;
  revoked_at: Date | null;
};

const toToken = (r: Row): ApiToken => ({
  id: r.id,
  partnerId: r.partner_id,
  userId: r.user_id,
  name: r.name,
  scopes: r.scopes,
  locationIds: r.location_ids,
  prefix: r.prefix,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  lastUsedIp: r.last_used_ip,
  revokedAt: r.revoked_at,
});

/** The partner's live tokens, newest first (served by api_tokens_partner). */
const apiTokenListQuery = (db: Q, partnerId: string) =>
  db
    .selectFrom('api_tokens as t')
    .select(COLUMNS)
    .where('t.partner_id', '=', partnerId)
    .where('t.revoked_at', 'is', null)
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id');

export function apiTokenRepository(db: Q): ApiTokenRepository {
  return {
    async insert(token) {
      await db
        .insertInto('api_tokens')
        .values({
          id: token.id,
          partner_id: token.partnerId,
          user_id: token.userId,
          name: token.name,
          token_hash: token.tokenHash,
          scopes: token.scopes,
          location_ids: token.locationIds,
          prefix: token.prefix,
          created_at: token.createdAt,
          expires_at: token.expiresAt,
        })
        .execute();
    },

    async list(scope) {
      return (await apiTokenListQuery(db, scope.partnerId).execute()).map(toToken);
    },

    async revoke(scope, id, at) {
      const row = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('partner_id', '=', scope.partnerId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async byHash(tokenHash) {
      // The creator's current roles come with the token in the one query (a lost role narrows it at once).
      const row = await principalQuery(db)
        .innerJoin('api_tokens as t', (join) =>
          join.onRef('t.user_id', '=', 'users.id').onRef('t.partner_id', '=', 'users.partner_id'),
        )
        .select([
          't.id as token_id',
          't.name as token_name',
          't.scopes',
          't.location_ids',
          't.prefix',
          't.created_at',
          't.expires_at',
          't.last_used_at',
          't.last_used_ip',
          't.revoked_at',
        ])
        .where('t.token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (!row) return undefined;
      const token = toToken({
        id: row.token_id,
        partner_id: row.partner_id!,
        user_id: row.id,
        name: row.token_name,
        scopes: row.scopes,
        location_ids: row.location_ids,
        prefix: row.prefix,
        created_at: row.created_at,
        expires_at: row.expires_at,
        last_used_at: row.last_used_at,
        last_used_ip: row.last_used_ip,
        revoked_at: row.revoked_at,
      });
      return { token, principal: toPrincipal(toProfile(row)) };
    },

    async touch(id, at, ip) {
      await db
        .updateTable('api_tokens')
        .set({ last_used_at: at, last_used_ip: ip })
        .where('id', '=', id)
        .execute();
    },
  };
}
