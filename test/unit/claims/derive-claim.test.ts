import { describe, expect, it } from 'vitest';
import { deriveClaimView, OPERATOR_DISPLAY_NAME } from '../../../src/app/claims/derive-claim.ts';
import type { HistoryEntry } from '../../../src/app/store/audit.ts';
import type { ReviewDecision, Survey } from '../../../src/app/store/claims.ts';
import { day, IN_TIME, LATE } from '../domain/fixtures.ts';
import { CLAIM, CUSTOMER_CONTACT, claimedFactsIn, factsIn, OPERATOR, PARTNER_CONTACT } from './fixtures.ts';

// The claim view is a pure function of the loaded facts and `now` (ADR 0013: load → derive → write).

const survey = (over: Partial<Survey> & Pick<Survey, 'audience'>): Survey => ({
  id: `00000000-0000-4000-8000-00000000010${over.audience === 'partner' ? 1 : 2}`,
  contactName: 'Someone',
  contactEmail: 'someone@example.com',
  locale: 'en',
  answers: null,
  sentAt: day(2),
  completedAt: null,
  ...over,
});

const decision = (
  kind: ReviewDecision['decision'],
  at: Date,
  comment = 'Please add the invoice',
): ReviewDecision => ({
  id: `00000000-0000-4000-8000-0000000002${String(at.getUTCDate()).padStart(2, '0')}`,
  decision: kind,
  comment,
  at,
  operator: { id: OPERATOR, name: 'Olga Operator' },
});

const event = (over: Partial<HistoryEntry> & Pick<HistoryEntry, 'action' | 'actorKind'>): HistoryEntry => ({
  at: day(2),
  actorId: null,
  actorName: null,
  tokenName: null,
  fromStatus: null,
  toStatus: null,
  data: {},
  ...over,
});

describe('claim view before the claim exists', () => {
  const view = deriveClaimView(factsIn('active'), [], IN_TIME, 'partner');

  it('shows the empty checklist, every item required and missing', () => {
    expect(view.claimId).toBeNull();
    expect(view.version).toBe(0);
    expect(view.items.map((i) => [i.kind, i.required, i.done])).toEqual([
      ['findingsReport', true, false],
      ['invoice', true, false],
      ['partnerSurvey', true, false],
      ['customerSurvey', true, false],
    ]);
    expect(view.missingItems).toEqual(['findingsReport', 'invoice', 'partnerSurvey', 'customerSurvey']);
    expect(view.items[2]!.survey).toEqual({
      audience: 'partner',
      state: 'notSent',
      contact: null,
      sentAt: null,
      completedAt: null,
      answers: null,
    });
  });

  it('shows the consent request’s contacts as the defaults', () => {
    expect(view.partnerContact).toEqual(PARTNER_CONTACT);
    expect(view.customerContact).toEqual(CUSTOMER_CONTACT);
    expect(view.contactsLocked).toBe(false);
  });

  it('counts down to the claim deadline and allows edit, submit and cancel', () => {
    expect(view.status).toBe('active');
    expect(view.daysLeft).toBe(85);
    expect(view.actions).toEqual(['edit', 'submit', 'cancel']);
  });
});

describe('claim view of an existing claim', () => {
  it('takes the contacts, comments and version of the claim; a customer contact without language reads en', () => {
    const facts = claimedFactsIn('active');
    facts.claim!.customerContact = { name: 'Cy', email: 'cy@customer.example', phone: null };
    const view = deriveClaimView(facts, [], IN_TIME, 'partner');
    expect(view).toMatchObject({ claimId: CLAIM, comments: 'Two sessions', version: 3 });
    expect(view.customerContact).toEqual({
      name: 'Cy',
      email: 'cy@customer.example',
      phone: null,
      locale: 'en',
    });
  });

  it('locks the contacts once the customer survey is done', () => {
    const facts = claimedFactsIn('active');
    facts.claim!.contactsLockedAt = day(3);
    expect(deriveClaimView(facts, [], IN_TIME, 'partner').contactsLocked).toBe(true);
  });

  it('shows uploaded files and who completed each item; operators are “Program operator” to partners', () => {
    const facts = claimedFactsIn('active', {
      items: [
        {
          kind: 'findingsReport',
          completedAt: day(2),
          completedBy: { kind: 'partnerUser', name: 'Pat Partner' },
          fileName: 'report.pdf',
          file: { sizeBytes: 1234, contentType: 'application/pdf' },
        },
        {
          kind: 'invoice',
          completedAt: day(3),
          completedBy: { kind: 'operator', name: 'Olga Operator' },
          fileName: 'invoice.pdf',
          file: null,
        },
      ],
    });
    const partner = deriveClaimView(facts, [], IN_TIME, 'partner');
    expect(partner.items[0]!.file).toEqual({
      name: 'report.pdf',
      sizeBytes: 1234,
      contentType: 'application/pdf',
      uploadedAt: day(2).toISOString(),
      uploadedBy: 'Pat Partner',
    });
    expect(partner.items[1]!.completedBy).toBe(OPERATOR_DISPLAY_NAME);
    expect(partner.items[1]!.file).toMatchObject({ sizeBytes: 0, contentType: 'application/octet-stream' });
    expect(partner.missingItems).toEqual(['partnerSurvey', 'customerSurvey']);
    expect(deriveClaimView(facts, [], IN_TIME, 'operator').items[1]!.completedBy).toBe('Olga Operator');
  });

  it('leaves out items the engagement does not require from the missing ones', () => {
    const facts = claimedFactsIn('active');
    facts.engagement.poeRequirements.customerSurvey = false;
    const view = deriveClaimView(facts, [], IN_TIME, 'partner');
    expect(view.items[3]!.required).toBe(false);
    expect(view.missingItems).toEqual(['findingsReport', 'invoice', 'partnerSurvey']);
  });

  it('shows the customer’s survey answers to the operator only, the partner’s own to both', () => {
    const facts = claimedFactsIn('active', {
      surveys: [
        survey({ audience: 'partner', answers: { rating: 5 }, completedAt: day(3) }),
        survey({ audience: 'customer', answers: { rating: 4 }, completedAt: day(4) }),
      ],
    });
    const partner = deriveClaimView(facts, [], IN_TIME, 'partner');
    const operator = deriveClaimView(facts, [], IN_TIME, 'operator');
    expect(partner.items[2]!.survey).toMatchObject({ state: 'completed', answers: { rating: 5 } });
    expect(partner.items[3]!.survey).toMatchObject({ state: 'completed', answers: null });
    expect(operator.items[3]!.survey).toMatchObject({ state: 'completed', answers: { rating: 4 } });
  });

  it('says a survey was sent and to whom', () => {
    const facts = claimedFactsIn('active', { surveys: [survey({ audience: 'customer' })] });
    expect(deriveClaimView(facts, [], IN_TIME, 'partner').items[3]!.survey).toMatchObject({
      state: 'sent',
      contact: { name: 'Someone', email: 'someone@example.com' },
      sentAt: day(2).toISOString(),
    });
  });
});

describe('expected payout', () => {
  it('is the rate fixed at consent when there is one', () => {
    const facts = factsIn('active', {
      payoutAtConsent: { market: 'B', amountMinor: 500000, currency: 'USD' },
      todaysRate: { market: 'B', amountMinor: 700000 },
    });
    expect(deriveClaimView(facts, [], IN_TIME, 'partner').expectedPayout).toEqual({
      market: 'B',
      amountMinor: 500000,
      currency: 'USD',
      atConsent: true,
    });
  });

  it('is today’s rate in the engagement’s currency before consent, and nothing without a rate', () => {
    const rated = factsIn('consent_pending', { todaysRate: { market: 'A', amountMinor: 900000 } });
    expect(deriveClaimView(rated, [], IN_TIME, 'partner').expectedPayout).toEqual({
      market: 'A',
      amountMinor: 900000,
      currency: 'EUR',
      atConsent: false,
    });
    expect(deriveClaimView(factsIn('consent_pending'), [], IN_TIME, 'partner').expectedPayout).toBeNull();
  });
});

describe('status, deadlines and actions', () => {
  it('reads an overdue record as the end state its sweep will write, with nothing left to do', () => {
    const view = deriveClaimView(claimedFactsIn('active'), [], LATE, 'partner');
    expect(view.status).toBe('not_submitted_expired');
    expect(view.daysLeft).toBe(0);
    expect(view.actions).toEqual([]);
  });

  it('stops counting the claim window once submitted', () => {
    const view = deriveClaimView(claimedFactsIn('claim_submitted'), [], IN_TIME, 'partner');
    expect(view.daysLeft).toBeNull();
    expect(view.firstSubmittedAt).toBe(day(2).toISOString());
    expect(view.submittedAt).toBe(day(2).toISOString());
    expect(view.actions).toEqual([]);
  });

  it('counts the dispute window after a rejection until a dispute is filed', () => {
    const rejected = deriveClaimView(claimedFactsIn('rejected'), [], IN_TIME, 'partner');
    expect(rejected.disputeDaysLeft).toBe(27);
    expect(rejected.actions).toEqual(['dispute']);
    expect(deriveClaimView(claimedFactsIn('disputed'), [], IN_TIME, 'partner').disputeDaysLeft).toBeNull();
  });

  it('allows edit and resubmit after “action required”', () => {
    expect(deriveClaimView(claimedFactsIn('action_required'), [], IN_TIME, 'partner').actions).toEqual([
      'edit',
      'submit',
    ]);
  });
});

describe('operator decisions', () => {
  const decisions = [decision('requestInfo', day(3)), decision('reject', day(5), 'No invoice')];

  it('shows the latest decision’s comment while the status is about it', () => {
    const rejected = deriveClaimView(claimedFactsIn('rejected', { decisions }), [], IN_TIME, 'partner');
    expect(rejected.operatorComment).toEqual({
      decision: 'reject',
      comment: 'No invoice',
      at: day(5).toISOString(),
    });
    const asked = claimedFactsIn('action_required', { decisions: decisions.slice(0, 1) });
    expect(deriveClaimView(asked, [], IN_TIME, 'partner').operatorComment).toMatchObject({
      decision: 'requestInfo',
    });
  });

  it('shows no comment when the latest decision is not what the status is about', () => {
    const view = deriveClaimView(claimedFactsIn('action_required', { decisions }), [], IN_TIME, 'partner');
    expect(view.operatorComment).toBeNull();
    expect(
      deriveClaimView(claimedFactsIn('under_review', { decisions }), [], IN_TIME, 'partner').operatorComment,
    ).toBeNull();
  });

  it('lists every review for operators only', () => {
    const facts = claimedFactsIn('rejected', { decisions });
    expect(deriveClaimView(facts, [], IN_TIME, 'partner').reviews).toBeUndefined();
    expect(deriveClaimView(facts, [], IN_TIME, 'operator').reviews).toEqual([
      { decision: 'requestInfo', comment: 'Please add the invoice', at: day(3).toISOString() },
      { decision: 'reject', comment: 'No invoice', at: day(5).toISOString() },
    ]);
  });
});

describe('history', () => {
  const history = [
    event({
      action: 'submitClaim',
      actorKind: 'partnerUser',
      actorName: 'Pat Partner',
      fromStatus: 'active',
      toStatus: 'claim_submitted',
      data: { claimId: CLAIM },
    }),
    event({
      action: 'reject',
      actorKind: 'operator',
      actorName: 'Olga Operator',
      data: { comment: 'No invoice', decisionId: 'x' },
    }),
    event({
      action: 'completePoeItem',
      actorKind: 'customer',
      data: { kind: 'customerSurvey', via: 'link' },
    }),
  ];

  it('shows only the known facts of each event, and names as the audience may see them', () => {
    const partner = deriveClaimView(claimedFactsIn('rejected'), history, IN_TIME, 'partner').history;
    expect(partner.map((e) => e.actor)).toEqual([
      { kind: 'partnerUser', name: 'Pat Partner' },
      { kind: 'operator', name: OPERATOR_DISPLAY_NAME },
      { kind: 'customer', name: null },
    ]);
    expect(partner.map((e) => e.data)).toEqual([
      {},
      { comment: 'No invoice' },
      { kind: 'customerSurvey', via: 'link' },
    ]);
    expect(partner[0]).toMatchObject({
      at: day(2).toISOString(),
      fromStatus: 'active',
      toStatus: 'claim_submitted',
    });
    const operator = deriveClaimView(claimedFactsIn('rejected'), history, IN_TIME, 'operator').history;
    expect(operator[1]!.actor).toEqual({ kind: 'operator', name: 'Olga Operator' });
  });
});
