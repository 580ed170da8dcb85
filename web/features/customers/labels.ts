import type { IntlShape } from 'react-intl';
import { DEADLINE_OWNER } from '../../../src/contracts/lifecycle.ts';
import type { CustomerRow, CustomerSort, CustomerTab, RowAction } from '../../api/types.ts';

// The words of the Customers page (spec §3, §5) for the values the API returns (the statuses' words
// are shared with the other pages: components/statusLabels.ts).

export const TAB_MESSAGE_IDS = {
  eligible: 'customers.tab.eligible',
  ineligible: 'customers.tab.ineligible',
  complete: 'customers.tab.complete',
} as const satisfies Record<CustomerTab, string>;

export const SORT_MESSAGE_IDS = {
  name: 'customers.sort.name',
  '-name': 'customers.sort.nameDesc',
  daysLeft: 'customers.sort.daysLeft',
  '-daysLeft': 'customers.sort.daysLeftDesc',
  status: 'customers.sort.status',
  '-status': 'customers.sort.statusDesc',
} as const satisfies Record<CustomerSort, string>;

export const ACTION_MESSAGE_IDS = {
  claimCustomer: 'customers.action.claimCustomer',
  triggerConsent: 'customers.action.triggerConsent',
  resendConsent: 'customers.action.resendConsent',
  submitWorkshopClaim: 'customers.action.submitWorkshopClaim',
  continueWorkshopClaim: 'customers.action.continueWorkshopClaim',
  viewWorkshopClaim: 'customers.action.viewWorkshopClaim',
} as const satisfies Record<RowAction, string>;

/**
 * The countdown of the Status column ("12 days left for consent (your deadline)"), or null when there
 * is none. Issue 15: sorting by days left mixes the partner's deadlines with the program's review, so
 * the cell says whose deadline it is.
 */
export function countdownText(intl: IntlShape, row: CustomerRow): string | null {
  if (row.countdown === null || row.daysLeft === null) return null;
  const countdown = countdownWords(intl, row.countdown, row.daysLeft);
  return intl.formatMessage(
    {
      id:
        DEADLINE_OWNER[row.countdown] === 'program'
          ? 'customers.countdown.program'
          : 'customers.countdown.yours',
    },
    { countdown },
  );
}

/** A countdown in the words the Customers page, the claim page and the home page share. */
export function countdownWords(
  intl: IntlShape,
  kind: NonNullable<CustomerRow['countdown']>,
  days: number,
): string {
  switch (kind) {
    case 'consent':
      return intl.formatMessage({ id: 'customers.countdown.consent' }, { days });
    case 'claim':
      return intl.formatMessage({ id: 'customers.countdown.claim' }, { days });
    case 'resubmit':
      return intl.formatMessage({ id: 'claim.summary.daysLeftResubmit' }, { days });
    case 'dispute':
      return intl.formatMessage({ id: 'customers.countdown.dispute' }, { days });
    case 'review':
      return intl.formatMessage({ id: 'customers.countdown.review' }, { days });
  }
}
