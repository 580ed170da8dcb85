// One error type with a small, stable set of top-level codes (quality §1, architecture §3).
// Finer detail goes into `details`; the human message is localised in src/i18n from `code` and
// `params`, so nothing here builds an English sentence for users.

import type { Refusal } from './lifecycle.ts';

export const ERROR_STATUS = {
  BadRequest: 400,
  ValidationFailed: 400,
  Unauthenticated: 401,
  InvalidCredentials: 401,
  DemoSignInDisabled: 401, // §8: demo sign-ins only while the demo data is loaded
  OidcNoAccount: 401,
  OidcEmailMismatch: 403, // issue 15: an invitation taken with an organisation account of another address
  CsrfTokenMissing: 403,
  Forbidden: 403,
  NoIncentiveRole: 403, // R1
  NotFound: 404,
  NotAvailableForEngagement: 404, // R2
  InvitationNotValid: 404, // §4.3: unknown, replaced or superseded consent/survey link (never says why)
  Conflict: 409,
  InvalidTransition: 409, // §5: a lost race or an action not valid in the state
  AlreadyNominated: 409, // R9 duplicate
  ContactsLocked: 409, // S7: customer contacts are locked once the customer survey is done
  UseClaimCustomer: 409, // R9: known customer, use "Claim customer"
  DeadlinePassed: 410, // §5: e.g. "this invitation has expired"
  PreconditionFailed: 412, // If-Match does not match the current ETag
  IdempotencyKeyReused: 422,
  UnprocessableEntity: 422,
  TenantNotFound: 422, // R13: no tenant for the domain or id; ask for another email or a tenant ID/TPID
  CustomerNotEligible: 422, // §6: the location or the customer cannot take this workshop
  MismatchReasonRequired: 422, // R14
  ConsentContactNotCustomer: 422, // R34: consent comes from the customer
  ClaimIncomplete: 422, // S9: a required proof-of-execution item is missing
  EngagementNotActive: 422, // §6: an expired engagement accepts no new add/claim
  PayloadTooLarge: 413,
  UnsupportedMediaType: 415,
  RateLimited: 429, // R29
  InternalError: 500,
  DirectoryUnavailable: 503, // §7
  ServiceUnavailable: 503,
  DatabaseUnavailable: 503, // quality §3.9: the database is restarting or unreachable; retry later
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}

/** Worth retrying unchanged later (the `isRetryable` field of the error shape). */
export const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'RateLimited',
  'DirectoryUnavailable',
  'ServiceUnavailable',
  'DatabaseUnavailable',
]);

/** Values for the localised message (ICU arguments). */
export type MessageParams = Readonly<Record<string, unknown>>;

export interface ErrorDetail {
  code: string;
  target?: string;
  params?: MessageParams;
}

export interface DomainErrorOptions {
  target?: string;
  details?: ErrorDetail[];
  params?: MessageParams;
  cause?: unknown;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly target?: string;
  readonly details?: ErrorDetail[];
  readonly params?: MessageParams;

  constructor(code: ErrorCode, options: DomainErrorOptions = {}) {
    // The message is the code: for logs only, never shown to a user.
    super(code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    if (options.target !== undefined) this.target = options.target;
    if (options.details !== undefined) this.details = options.details;
    if (options.params !== undefined) this.params = options.params;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/**
 * A lifecycle refusal as an error. AlreadyDisputed and DeadlineNotReached are finer detail under
 * InvalidTransition (409) rather than new top-level codes; DeadlinePassed keeps its deadline.
 */
export function errorFromRefusal(refusal: Refusal, target?: string): DomainError {
  const params: Record<string, unknown> = { from: refusal.from, event: refusal.event };
  if (refusal.deadline) params.deadline = refusal.deadline;
  const base = target === undefined ? { params } : { params, target };
  if (refusal.code === 'DeadlinePassed') return new DomainError('DeadlinePassed', base);
  if (refusal.code === 'InvalidTransition') return new DomainError('InvalidTransition', base);
  return new DomainError('InvalidTransition', { ...base, details: [{ code: refusal.code, params }] });
}
