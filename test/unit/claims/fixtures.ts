// The facts of one claim as the claim repository loads them (src/app/store/claims.ts), on the
// timeline of test/unit/domain/fixtures.ts: a record in any status, with its claim, items, surveys
// and decisions as a test wants them.
import type { ClaimFacts } from '../../../src/app/store/claims.ts';
import type { NominationStatus } from '../../../src/domain/index.ts';
import { day, recordIn } from '../domain/fixtures.ts';

export const NOMINATION = '00000000-0000-4000-8000-000000000001';
export const CLAIM = '00000000-0000-4000-8000-000000000002';
export const OPERATOR = '00000000-0000-4000-8000-000000000003';

export const PARTNER_CONTACT = { name: 'Pat Partner', email: 'pat@partner.example', phone: null };
export const CUSTOMER_CONTACT = {
  name: 'Cy Customer',
  email: 'cy@customer.example',
  phone: '+1 555',
  locale: 'de',
};

/** A record in `status` without a claim yet (the consent request's contacts are its defaults). */
export function factsIn(status: NominationStatus, over: Partial<ClaimFacts> = {}): ClaimFacts {
  return {
    record: {
      ...recordIn(status),
      id: NOMINATION,
      partnerId: '00000000-0000-4000-8000-0000000000a1',
      locationId: '00000000-0000-4000-8000-0000000000b1',
      engagementId: '00000000-0000-4000-8000-0000000000c1',
      tenantId: '00000000-0000-4000-8000-0000000000d1',
    },
    submittedAt: null,
    endedAt: null,
    partner: { id: '00000000-0000-4000-8000-0000000000a1', name: 'Contoso Partners' },
    location: {
      id: '00000000-0000-4000-8000-0000000000b1',
      mpnId: '1234567',
      name: 'Contoso Berlin',
      country: 'DE',
    },
    customer: { tenantId: '00000000-0000-4000-8000-0000000000d1', name: 'Fabrikam', tpid: 42, country: 'DE' },
    engagement: {
      id: '00000000-0000-4000-8000-0000000000c1',
      code: 'AI-WS',
      name: 'AI workshop',
      currency: 'EUR',
      poeRequirements: { findingsReport: true, invoice: true, partnerSurvey: true, customerSurvey: true },
    },
    payoutAtConsent: null,
    todaysRate: null,
    claim: null,
    consentContacts: { partnerContact: PARTNER_CONTACT, customerContact: CUSTOMER_CONTACT },
    items: [],
    surveys: [],
    decisions: [],
    ...over,
  };
}

/** A record in `status` whose claim exists (created on day 2 with the consent request's contacts). */
export function claimedFactsIn(status: NominationStatus, over: Partial<ClaimFacts> = {}): ClaimFacts {
  return factsIn(status, {
    claim: {
      id: CLAIM,
      nominationId: NOMINATION,
      comments: 'Two sessions',
      partnerContact: PARTNER_CONTACT,
      customerContact: CUSTOMER_CONTACT,
      contactsLockedAt: null,
      version: 3,
    },
    consentContacts: null,
    submittedAt: recordIn(status).firstSubmittedAt ? day(2) : null,
    ...over,
  });
}
