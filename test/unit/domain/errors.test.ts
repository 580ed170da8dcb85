import { describe, expect, it } from 'vitest';
import {
  DomainError,
  ERROR_CODES,
  ERROR_STATUS,
  errorFromRefusal,
  isDomainError,
  isErrorCode,
  RETRYABLE_CODES,
} from '../../../src/domain/index.ts';

describe('error codes', () => {
  it('map to stable HTTP statuses', () => {
    expect(ERROR_STATUS).toEqual({
      BadRequest: 400,
      ValidationFailed: 400,
      Unauthenticated: 401,
      InvalidCredentials: 401,
      DemoSignInDisabled: 401,
      OidcNoAccount: 401,
      OidcEmailMismatch: 403,
      CsrfTokenMissing: 403,
      Forbidden: 403,
      NoIncentiveRole: 403,
      NotFound: 404,
      NotAvailableForEngagement: 404,
      InvitationNotValid: 404,
      Conflict: 409,
      InvalidTransition: 409,
      AlreadyNominated: 409,
      ContactsLocked: 409,
      UseClaimCustomer: 409,
      DeadlinePassed: 410,
      PreconditionFailed: 412,
      IdempotencyKeyReused: 422,
      UnprocessableEntity: 422,
      TenantNotFound: 422,
      CustomerNotEligible: 422,
      MismatchReasonRequired: 422,
      ConsentContactNotCustomer: 422,
      ClaimIncomplete: 422,
      EngagementNotActive: 422,
      PayloadTooLarge: 413,
      UnsupportedMediaType: 415,
      RateLimited: 429,
      InternalError: 500,
      DirectoryUnavailable: 503,
      ServiceUnavailable: 503,
      DatabaseUnavailable: 503,
    });
    expect(ERROR_CODES).toHaveLength(35);
    expect([...RETRYABLE_CODES].sort()).toEqual([
      'DatabaseUnavailable',
      'DirectoryUnavailable',
      'RateLimited',
      'ServiceUnavailable',
    ]);
  });

  it('recognises codes', () => {
    expect(isErrorCode('DeadlinePassed')).toBe(true);
    expect(isErrorCode('constructor')).toBe(false);
  });
});

describe('DomainError', () => {
  it('carries code, target, details and params; the message is the code, not prose', () => {
    const cause = new Error('socket hang up');
    const e = new DomainError('ValidationFailed', {
      target: 'email',
      details: [{ code: 'domainMismatch', target: 'reason', params: { min: 10 } }],
      params: { field: 'email' },
      cause,
    });
    expect(e).toBeInstanceOf(Error);
    expect(isDomainError(e)).toBe(true);
    expect(e.name).toBe('DomainError');
    expect(e.message).toBe('ValidationFailed');
    expect(e.status).toBe(400);
    expect(e.target).toBe('email');
    expect(e.details?.[0]?.code).toBe('domainMismatch');
    expect(e.params).toEqual({ field: 'email' });
    expect(e.cause).toBe(cause);
  });

  it('leaves optional fields absent', () => {
    const e = new DomainError('NotFound');
    expect(e.target).toBeUndefined();
    expect(e.details).toBeUndefined();
    expect(e.params).toBeUndefined();
    expect(e.status).toBe(404);
    expect(isDomainError(new Error('x'))).toBe(false);
  });
});

describe('errorFromRefusal', () => {
  const deadline = new Date('2025-01-31T00:00:00Z');
  it('DeadlinePassed keeps its deadline (410)', () => {
    const e = errorFromRefusal({
      code: 'DeadlinePassed',
      from: 'consent_pending',
      event: 'acceptConsent',
      deadline,
    });
    expect(e.code).toBe('DeadlinePassed');
    expect(e.status).toBe(410);
    expect(e.params).toEqual({ from: 'consent_pending', event: 'acceptConsent', deadline });
  });
  it('InvalidTransition (409)', () => {
    const e = errorFromRefusal({ code: 'InvalidTransition', from: 'approved', event: 'approve' }, 'status');
    expect([e.code, e.status, e.target]).toEqual(['InvalidTransition', 409, 'status']);
    expect(e.details).toBeUndefined();
  });
  it('AlreadyDisputed and DeadlineNotReached become details of InvalidTransition', () => {
    for (const code of ['AlreadyDisputed', 'DeadlineNotReached'] as const) {
      const e = errorFromRefusal({ code, from: 'rejected_final', event: 'dispute' });
      expect(e.code).toBe('InvalidTransition');
      expect(e.details?.[0]?.code).toBe(code);
    }
  });
});
