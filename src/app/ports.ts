import type { WebhookFailureCode } from '../domain/webhook-failures.ts';
import type { SessionCache } from './auth/session-cache.ts';
import type { Store } from './store/index.ts';

// What the use cases need from the outside world. Adapters implement these; use cases import only
// these types (dependency rule, docs/ARCHITECTURE.md).

export interface Clock {
  now(): Date;
}

export interface JobOptions {
  startAfter?: Date;
  /** At most one queued job of this name with this key (pg-boss singletonKey). */
  singletonKey?: string;
  retryLimit?: number;
  /** Seconds before the first retry. */
  retryDelay?: number;
  /** Doubles the delay at every retry (pg-boss caps the exponent). */
  retryBackoff?: boolean;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Whether the password is one of the commonly used ones (a new password must not be; issue 15). */
  isCommon(password: string): boolean;
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

/** One message as handed to the mail transport (already rendered). */
export interface OutgoingMail {
  from: string;
  to: string;
  toName: string | null;
  subject: string;
  text: string;
  html: string;
  /** Stable per queued message, so that a retried delivery is recognisable downstream. */
  messageId: string;
}

/** SMTP (SMTP_URL) or the embedded mailbox, where the stored message itself is the delivery. */
export interface MailTransport {
  readonly kind: 'smtp' | 'embedded';
  deliver(message: OutgoingMail): Promise<void>;
}

export interface MailSettings {
  from: string;
  transport: MailTransport;
  /** Attempts before a message is marked failed ("email failed – resend"). */
  maxAttempts: number;
  /** Delay before the second attempt in seconds; doubles at each further attempt (capped at an hour). */
  retryDelaySeconds: number;
}

/** Proof-of-execution uploads (issue 6): content-addressed blobs; the embedded store is local disk. */
export interface FileStore {
  /** Streams `body` into the store, refusing it past `maxBytes`; returns its SHA-256 and size. */
  put(
    body: AsyncIterable<Uint8Array> | NodeJS.ReadableStream,
    maxBytes: number,
  ): Promise<{ sha256: string; sizeBytes: number }>;
  /** The stored bytes, or null when the store does not have them. */
  get(sha256: string): Promise<NodeJS.ReadableStream | null>;
}

/** The test clock (MCI_TEST_CLOCK=1): an offset on the system clock shared by every instance. */
export interface TestClockControl {
  /** Re-reads the shared offset (called per request and per job). */
  sync(): Promise<void>;
  /** Moves every instance's clock forward; null when the total offset would pass its bound (R36). */
  advance(ms: number): Promise<Date | null>;
  offsetMs(): number;
}

/** One webhook POST as sent (issue 14): the answer's status, or the reason there is none. */
export type WebhookAttempt =
  | { kind: 'answered'; status: number; durationMs: number }
  | {
      kind: 'failed';
      failure: WebhookFailureCode;
      /** The socket error as the network gave it, for the receiver's developers (null: the code says all). */
      detail: string | null;
      durationMs: number;
    };

/** One webhook message as sent: Standard Webhooks signs `${messageId}.${timestamp}.${body}`. */
interface OutgoingWebhook {
  url: string;
  messageId: string;
  /** The time of this attempt (the `webhook-timestamp`). */
  at: Date;
  body: string;
  /** Every secret to sign with (`whsec_…`): one signature each in `webhook-signature`. */
  secrets: readonly string[];
}

/** Signs and sends webhook messages; resolves host names for the private-address check (ADR 0019). */
export interface WebhookSender {
  /** Every address `host` resolves to (an IP literal resolves to itself); [] when it does not resolve. */
  resolve(host: string): Promise<string[]>;
  /** POSTs the signed message; never follows a redirect, reads at most 64 KiB of the answer, gives up after 10 s. */
  send(message: OutgoingWebhook): Promise<WebhookAttempt>;
}

export interface WebhookSettings {
  sender: WebhookSender;
  /** MCI_WEBHOOKS_ALLOW_PRIVATE=1: http URLs and loopback/private targets (tests, development). */
  allowPrivate: boolean;
  /** The waits before attempts 2, 3, …; after the last, the delivery is failed. */
  retryDelaysSeconds: readonly number[];
}

export interface AppContext {
  /** The database as the use cases see it: repositories, and transactions over them (ADR 0013). */
  store: Store;
  /** Signed-in sessions in memory, dropped on the database's change notices (ADR 0017). */
  sessionCache?: SessionCache;
  clock: Clock;
  passwords: PasswordHasher;
  oidc?: OidcPort | undefined;
  directory?: CustomerDirectory;
  settings: { sessionTtlHours: number };
  /** Outgoing mail; the embedded mailbox when absent. */
  mail?: MailSettings;
  /** Base URL of links in emails (PUBLIC_URL, or the server's own address). */
  links?: { baseUrl: string };
  testClock?: TestClockControl;
  /**
   * Real time, whatever the business clock says (R36): sessions, sign-in and rate limits, cookie
   * lifetimes. Only the test clock (MCI_TEST_CLOCK=1) ever makes it differ from `clock`.
   */
  realClock: Clock;
  /** Where uploads live; the embedded store (MCI_DATA_DIR/files) when absent. */
  files?: FileStore;
  /** Outgoing webhooks (issue 14). */
  webhooks?: WebhookSettings;
}
