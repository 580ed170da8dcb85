import type {
  ApiToken as ApiTokenView,
  CreateApiTokenRequest,
  CreatedApiToken,
} from '../../contracts/api-tokens.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Actor, type Role, requireAccess } from '../../domain/policy.ts';
import { hashSecret, newId, newSecret } from '../ids.ts';
import type { AppContext } from '../ports.ts';
import type { ApiToken } from '../store/api-tokens.ts';
import type { Principal } from './session-user.ts';

// API tokens (issue 14). A token acts as its creator with at most the creator's CURRENT roles (loaded
// with the token on every request, so a role taken away narrows every token at once), narrowed to its
// locations; a `read` token changes nothing. Token times are real time, like sessions (R36).

const TOKEN_PREFIX = 'mci_';
const DAY = 86_400_000;
/** How often the last use is written: reads stay reads. */
const TOUCH_EVERY_MS = 60_000;

type PartnerActor = Extract<Actor, { kind: 'partnerUser' }>;

function requireTokenAdmin(actor: Actor): asserts actor is PartnerActor {
  if (actor.kind !== 'partnerUser') throw new DomainError('Forbidden');
  requireAccess(actor, 'apiTokens.manage', { partnerId: actor.partnerId });
}

const view = (t: ApiToken): ApiTokenView => ({
  id: t.id,
  name: t.name,
  scopes: t.scopes,
  locationIds: t.locationIds,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  expiresAt: t.expiresAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  lastUsedIp: t.lastUsedIp,
});

export async function createApiToken(
  ctx: AppContext,
  actor: Actor,
  input: CreateApiTokenRequest,
): Promise<CreatedApiToken> {
  requireTokenAdmin(actor);
  const scope = { partnerId: actor.partnerId };
  const now = ctx.realClock.now();
  // 256 bits from the CSPRNG; only the SHA-256 is kept.
  const secret = `${TOKEN_PREFIX}${newSecret()}`;
  const locationIds = input.locationIds ? [...new Set(input.locationIds)].sort() : null;
  const token: ApiToken = {
    id: newId(),
    partnerId: actor.partnerId,
    userId: actor.userId,
    name: input.name,
    scopes: [...input.scopes],
    locationIds,
    prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
    createdAt: now,
    expiresAt: new Date(now.getTime() + input.expiresInDays * DAY),
    lastUsedAt: null,
    lastUsedIp: null,
    revokedAt: null,
  };
  await ctx.store.transaction(async (tx) => {
    if (locationIds) {
      // Another partner's location is the same as one that does not exist.
      const found = await tx.users.locations(scope, locationIds);
      if (found.length !== locationIds.length) throw new DomainError('NotFound', { target: 'locationIds' });
    }
    await tx.apiTokens.insert({ ...token, tokenHash: hashSecret(secret) });
    await tx.audit.record({
      actor: { kind: 'partnerUser', id: actor.userId },
      action: 'apiToken.create',
      at: now,
      partnerId: actor.partnerId,
      data: { tokenId: token.id, name: token.name, scopes: token.scopes, locationIds },
    });
  });
  const { lastUsedAt: _a, lastUsedIp: _b, ...created } = view(token);
  return { ...created, token: secret };
}

export async function listApiTokens(ctx: AppContext, actor: Actor): Promise<ApiTokenView[]> {
  requireTokenAdmin(actor);
  return (await ctx.store.apiTokens.list({ partnerId: actor.partnerId })).map(view);
}

export async function revokeApiToken(ctx: AppContext, actor: Actor, tokenId: string): Promise<void> {
  requireTokenAdmin(actor);
  const now = ctx.realClock.now();
  await ctx.store.transaction(async (tx) => {
    if (!(await tx.apiTokens.revoke({ partnerId: actor.partnerId }, tokenId, now)))
      throw new DomainError('NotFound');
    await tx.audit.record({
      actor: { kind: 'partnerUser', id: actor.userId },
      action: 'apiToken.revoke',
      at: now,
      partnerId: actor.partnerId,
      data: { tokenId },
    });
  });
}

export interface TokenPrincipal extends Principal {
  token: { id: string; name: string; scopes: ApiToken['scopes']; locationIds: string[] | null };
}

const refused = (reason: 'invalid' | 'expired' | 'revoked') =>
  new DomainError('Unauthenticated', { target: 'authorization', details: [{ code: `token.${reason}` }] });

/**
 * The caller behind `Authorization: Bearer mci_…`: its creator as they are now, narrowed to the token's
 * locations (an Account admin's role assignment only for a token of every location). Unknown, revoked
 * or expired: 401.
 */
export async function authenticateApiToken(
  ctx: AppContext,
  secret: string,
  ip: string,
): Promise<TokenPrincipal> {
  if (!/^mci_[A-Za-z0-9_-]{43}$/.test(secret)) throw refused('invalid');
  const found = await ctx.store.apiTokens.byHash(hashSecret(secret));
  if (!found) throw refused('invalid');
  const { token, principal } = found;
  const now = ctx.realClock.now();
  if (token.revokedAt) throw refused('revoked');
  if (token.expiresAt.getTime() <= now.getTime()) throw refused('expired');
  if (principal.actor.kind !== 'partnerUser') throw refused('invalid');
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= TOUCH_EVERY_MS)
    await ctx.store.apiTokens.touch(token.id, now, ip);
  return {
    ...narrow(principal, token.locationIds),
    token: { id: token.id, name: token.name, scopes: token.scopes, locationIds: token.locationIds },
  };
}

/** The principal with only the roles on `locationIds` (all of them when null). */
function narrow(principal: Principal, locationIds: readonly string[] | null): Principal {
  const { user, actor } = principal;
  if (!locationIds || actor.kind !== 'partnerUser') return principal;
  const allowed = new Set(locationIds);
  return {
    user: { ...user, isAccountAdmin: false, roles: user.roles.filter((r) => allowed.has(r.locationId)) },
    actor: {
      ...actor,
      isAccountAdmin: false,
      roles: new Map<string, Role>([...actor.roles].filter(([location]) => allowed.has(location))),
    },
  };
}
