// How customers and locations are identified (spec §2, R11–R14). Parsing is pure so that a
// malformed ID becomes a field error, never a 500 (R14), and so that the contracts and the
// directory adapters agree on one reading.

export type CustomerId = { kind: 'tenant'; tenantId: string } | { kind: 'tpid'; tpid: number };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const POSITIVE_INTEGER = /^[1-9][0-9]{0,15}$/;
const MPN_ID = /^[0-9]{6,10}$/;

/**
 * R11/R14: the optional "tenant ID or TPID" field. A GUID is a tenant (lower-cased: Entra shows
 * both cases); a positive integer is a TPID. Anything else is malformed (null).
 */
export function parseCustomerId(input: string): CustomerId | null {
  const value = input.trim();
  if (GUID.test(value)) return { kind: 'tenant', tenantId: value.toLowerCase() };
  if (POSITIVE_INTEGER.test(value)) {
    const tpid = Number(value);
    if (Number.isSafeInteger(tpid)) return { kind: 'tpid', tpid };
  }
  return null;
}

/** §2: an MPN location ID (PartnerID) is a 6–10 digit number. */
export function isMpnLocationId(input: string): boolean {
  return MPN_ID.test(input);
}

/** The domain of an email address, lower-cased; null when there is none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at <= 0 || at === email.length - 1) return null;
  return (
    email
      .slice(at + 1)
      .trim()
      .toLowerCase()
      .replace(/\.$/, '') || null
  );
}

/** R13: free-mail domains never resolve to a tenant: anyone can have an address there. */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'msn.com',
  'yahoo.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.net',
  'mail.com',
  'yandex.com',
  'zoho.com',
  'wp.pl',
  'o2.pl',
  'onet.pl',
  'interia.pl',
  'sapo.pt',
  'hotmail.se',
]);

/**
 * R13 and §8: a domain that never resolves to a tenant, whatever the directory holds: free mail,
 * or the reserved `.invalid` TLD (RFC 2606), which the demo uses for "no tenant found".
 */
export function domainNeverResolves(domain: string): boolean {
  const d = domain.toLowerCase();
  return FREE_MAIL_DOMAINS.has(d) || d === 'invalid' || d.endsWith('.invalid');
}

/** R14: a domain/ID mismatch needs a reason of 10–500 characters (stored, shown to reviewers). */
const MISMATCH_REASON_LENGTH = { min: 10, max: 500 } as const;

export function isValidMismatchReason(reason: string): boolean {
  const length = [...reason.trim()].length;
  return length >= MISMATCH_REASON_LENGTH.min && length <= MISMATCH_REASON_LENGTH.max;
}
