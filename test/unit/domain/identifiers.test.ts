import { describe, expect, it } from 'vitest';
import {
  domainNeverResolves,
  emailDomain,
  isMpnLocationId,
  isValidMismatchReason,
  parseCustomerId,
} from '../../../src/domain/index.ts';

describe('parseCustomerId (R11, R14)', () => {
  it('a GUID is a tenant, lower-cased', () => {
    expect(parseCustomerId(' 72F988BF-86F1-41AF-91AB-2D7CD011DB47 ')).toEqual({
      kind: 'tenant',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    });
  });
  it('a positive integer is a TPID', () => {
    expect(parseCustomerId('123456')).toEqual({ kind: 'tpid', tpid: 123456 });
  });
  it('anything else is malformed', () => {
    for (const bad of [
      '',
      '0',
      '-5',
      '12.5',
      '0123',
      '1e5',
      '99999999999999999',
      'contoso',
      '72f988bf-86f1-41af-91ab',
    ]) {
      expect(parseCustomerId(bad), bad).toBeNull();
    }
  });
});

describe('identifiers', () => {
  it('MPN location IDs have 6–10 digits', () => {
    expect(isMpnLocationId('123456')).toBe(true);
    expect(isMpnLocationId('1234567890')).toBe(true);
    expect(isMpnLocationId('12345')).toBe(false);
    expect(isMpnLocationId('12345678901')).toBe(false);
    expect(isMpnLocationId('12345a')).toBe(false);
  });
  it('emailDomain', () => {
    expect(emailDomain('Ana@Contoso.COM')).toBe('contoso.com');
    expect(emailDomain('a@b@fabrikam.com')).toBe('fabrikam.com');
    expect(emailDomain('nobody')).toBeNull();
    expect(emailDomain('@contoso.com')).toBeNull();
    expect(emailDomain('ana@')).toBeNull();
  });
  it('R13: free mail and .invalid never resolve', () => {
    expect(domainNeverResolves('gmail.com')).toBe(true);
    expect(domainNeverResolves('Outlook.com')).toBe(true);
    expect(domainNeverResolves('nobody.invalid')).toBe(true);
    expect(domainNeverResolves('contoso.com')).toBe(false);
  });
  it('R14: a mismatch reason has 10–500 characters', () => {
    expect(isValidMismatchReason('too short')).toBe(false);
    expect(isValidMismatchReason('subsidiary')).toBe(true);
    expect(isValidMismatchReason(`  ${'x'.repeat(500)}  `)).toBe(true);
    expect(isValidMismatchReason('x'.repeat(501))).toBe(false);
  });
});
