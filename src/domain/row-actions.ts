import { PARTNER_CLAIM_TURN, SUBMITTED_STATUSES } from './lifecycle-sets.ts';
import type { NominationStatus } from './status.ts';

// R6 Action column: the actions a row's state allows (only those valid in the row's state).
export type RowAction =
  | 'claimCustomer'
  | 'triggerConsent'
  | 'resendConsent'
  | 'submitWorkshopClaim'
  | 'continueWorkshopClaim'
  | 'viewWorkshopClaim';

export interface RowFacts {
  /** A nomination status, or 'candidate' for a known customer without a record here (R4, R18). */
  status: string;
  tab: 'eligible' | 'ineligible' | 'complete';
  engagementActive: boolean;
  hasClaim: boolean;
}

export function rowActions(row: RowFacts): RowAction[] {
  if (row.tab === 'ineligible') return [];
  // Every outcome opens its (read-only) claim: also one that expired before anything was uploaded,
  // whose claim page then explains what was missing and when the window closed.
  if (row.tab === 'complete') return ['viewWorkshopClaim'];
  switch (row.status) {
    case 'candidate':
      // §6: an expired engagement accepts no new add or claim.
      return row.engagementActive ? ['claimCustomer'] : [];
    case 'claimed':
      return ['triggerConsent'];
    case 'consent_pending':
      return ['resendConsent'];
    case 'active':
      return row.hasClaim ? ['continueWorkshopClaim'] : ['submitWorkshopClaim'];
    default:
      // Issue 15: "Continue" only while the partner can still change the claim; while it waits for the
      // operator (submitted, under review, disputed) there is nothing to continue, only to view.
      if (PARTNER_CLAIM_TURN.includes(row.status as NominationStatus)) return ['continueWorkshopClaim'];
      if (SUBMITTED_STATUSES.includes(row.status as NominationStatus)) return ['viewWorkshopClaim'];
      return [];
  }
}
