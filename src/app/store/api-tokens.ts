import type { Principal } from '../auth/session-user.ts';
import type { PartnerScope } from './scope.ts';

// API tokens (issue 14): a partner user's credential for integrations. Only the SHA-256 of the secret
// is stored; the token acts as its creator with at most the creator's current roles.

type TokenScope = 'read' | 'write';

export interface ApiToken {
  id: string;
  partnerId: string;
  userId: string;
  name: string;
  scopes: TokenScope[];
  /** Null: every location its creator holds a role on. */
  locationIds: string[] | null;
  /** The first characters of the secret, to recognise it in a list. */
  prefix: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
}

type NewApiToken = Omit<ApiToken, 'lastUsedAt' | 'lastUsedIp' | 'revokedAt'> & { tokenHash: string };

export interface ApiTokenRepository {
  insert(token: NewApiToken): Promise<void>;
  /** The partner's tokens that are not revoked (expired ones included), newest first. */
  list(scope: PartnerScope): Promise<ApiToken[]>;
  /** Revokes one of the partner's tokens; false when there is none (another partner's is none). */
  revoke(scope: PartnerScope, id: string, at: Date): Promise<boolean>;
  /**
   * Authentication, before any scope is known: the token with this hash and its creator as the
   * session API shows them (current roles), or undefined.
   */
  byHash(tokenHash: string): Promise<{ token: ApiToken; principal: Principal } | undefined>;
  /** Records a use (the caller writes at most once a minute). */
  touch(id: string, at: Date, ip: string): Promise<void>;
}
