import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../adapters/db/schema.ts';
import type { JobName, JobPayload } from '../jobs/registry.ts';

// What the use cases need from the outside world. Adapters implement these; use cases import only
// these types (dependency rule, docs/ARCHITECTURE.md).
export type Db = Kysely<Database>;
export type Trx = Transaction<Database> | Kysely<Database>;

export interface Clock {
  now(): Date;
}

/** Enqueues a job inside the caller's transaction (outbox). */
export interface JobEnqueuer {
  enqueue<N extends JobName>(
    trx: Kysely<any>,
    name: N,
    payload: JobPayload<N>,
    options?: { startAfter?: Date },
  ): Promise<string | null>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface OidcClaims {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export interface OidcChecks {
  verifier: string;
  state: string;
  nonce: string;
}

/** OpenID Connect provider (configured with OIDC_ISSUER / OIDC_CLIENT_ID). */
export interface OidcPort {
  issuer: string;
  start(redirectUri: string): Promise<{ url: string; checks: OidcChecks }>;
  finish(currentUrl: string, checks: OidcChecks): Promise<OidcClaims>;
}

/** Resolving an email domain to a tenant (spec §7). Failures of the directory are values, not throws. */
export type DomainResolution =
  | { kind: 'found'; tenantId: string }
  | { kind: 'notFound' }
  | { kind: 'unavailable' };

export interface CustomerDirectory {
  resolveDomain(domain: string): Promise<DomainResolution>;
}

export interface AppContext {
  db: Db;
  clock: Clock;
  jobs: JobEnqueuer;
  passwords: PasswordHasher;
  oidc?: OidcPort | undefined;
  directory?: CustomerDirectory;
  settings: { sessionTtlHours: number };
}
