import { type ConsentContactRefusal, consentContactRefusal } from '../../domain/consent.ts';
import { DomainError } from '../../domain/errors.ts';
import { emailDomain } from '../../domain/identifiers.ts';
import type { AppContext, DomainResolution } from '../ports.ts';
import type { Repositories } from '../store/index.ts';

// R34, consent comes from the customer. The directory is asked before the transaction opens (it may be
// a remote service); the rule is applied under the record's lock, with the partner's own domains.

/** Resolves the contact's domain through the customer directory (spec §7), outside any transaction. */
export async function resolveContactDomain(ctx: AppContext, email: string): Promise<DomainResolution> {
  const resolution = (await ctx.directory?.resolveDomain(emailDomain(email) ?? '')) ?? { kind: 'notFound' };
  if (resolution.kind === 'unavailable') throw new DomainError('DirectoryUnavailable');
  return resolution;
}

/** Refuses (422 ConsentContactNotCustomer) a contact who is not at one of the customer's domains. */
export async function requireCustomerContact(
  tx: Repositories,
  record: { partnerId: string; tenantId: string },
  email: string,
  resolution: DomainResolution,
): Promise<void> {
  const refusal = consentContactRefusal(emailDomain(email) ?? '', {
    partnerDomains: await tx.users.domains({ partnerId: record.partnerId }),
    customerOwnsDomain: resolution.kind === 'found' && resolution.tenantId === record.tenantId,
  });
  if (refusal) throw contactRefused(refusal, await tx.directory.domainsOf(record.tenantId));
}

function contactRefused(refusal: ConsentContactRefusal, domains: string[]): DomainError {
  const params = { domains: domains.join(', ') || '–' };
  return new DomainError('ConsentContactNotCustomer', {
    target: 'customerContact.email',
    params,
    details: [{ code: refusal, target: 'customerContact.email', params }],
  });
}
