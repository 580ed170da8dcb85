import { describe, expect, it } from 'vitest';
import { rowActions } from '../../../src/domain/row-actions.ts';

// R6: the Action column offers only what the row's state allows.
describe('row actions', () => {
  const row = (status: string, tab: 'eligible' | 'ineligible' | 'complete', hasClaim = false) =>
    rowActions({ status, tab, engagementActive: true, hasClaim });

  it('offers consent actions before consent and claim actions after it', () => {
    expect(row('claimed', 'eligible')).toEqual(['triggerConsent']);
    expect(row('consent_pending', 'eligible')).toEqual(['resendConsent']);
    expect(row('active', 'eligible')).toEqual(['submitWorkshopClaim']);
    expect(row('active', 'eligible', true)).toEqual(['continueWorkshopClaim']);
    expect(row('action_required', 'eligible', true)).toEqual(['continueWorkshopClaim']);
  });

  it('continues a claim only while the partner can change it; one waiting for the operator is viewed (issue 15)', () => {
    expect(row('rejected', 'eligible', true)).toEqual(['continueWorkshopClaim']);
    for (const status of ['claim_submitted', 'under_review', 'disputed'])
      expect(row(status, 'eligible', true)).toEqual(['viewWorkshopClaim']);
  });

  it('claims a candidate only while the engagement is active', () => {
    expect(row('candidate', 'eligible')).toEqual(['claimCustomer']);
    expect(
      rowActions({ status: 'candidate', tab: 'eligible', engagementActive: false, hasClaim: false }),
    ).toEqual([]);
  });

  it('every Complete-tab row opens its claim, even one that expired before anything was uploaded', () => {
    for (const status of [
      'approved',
      'rejected_final',
      'not_submitted_expired',
      'cancelled',
      'dispute_expired',
    ])
      expect(row(status, 'complete')).toEqual(['viewWorkshopClaim']);
  });

  it('offers nothing on the Ineligible tab', () => {
    expect(row('superseded', 'ineligible')).toEqual([]);
    expect(row('candidate', 'ineligible')).toEqual([]);
  });
});
