import { useMemo } from 'react';
import type { RowAction } from '../../api/types.ts';
import { navigate } from '../../routes/router.tsx';
import type { OpenDialog } from './CustomerDialogs.tsx';
import { claimHref } from './customersUrl.ts';
import { ACTION_MESSAGE_IDS } from './labels.ts';
import type { RowActionHandlers } from './table/RowActions.tsx';

// What each row action does on the Customers page: the customer and consent actions open their
// dialog, the workshop-claim actions open the claim page.

const WORKING_ACTIONS = new Set<RowAction>([
  'claimCustomer',
  'triggerConsent',
  'resendConsent',
  'submitWorkshopClaim',
  'continueWorkshopClaim',
  'viewWorkshopClaim',
]);
const CLAIM_ACTIONS = new Set<RowAction>([
  'submitWorkshopClaim',
  'continueWorkshopClaim',
  'viewWorkshopClaim',
]);

/** Every action the API can offer works here (else the page notes which are not available yet). */
export const ALL_ACTIONS_WORK = Object.keys(ACTION_MESSAGE_IDS).every((a) =>
  WORKING_ACTIONS.has(a as RowAction),
);

export function useRowActionHandlers(
  engagementId: string,
  open: (dialog: OpenDialog) => void,
): RowActionHandlers {
  return useMemo<RowActionHandlers>(
    () => ({
      has: (action) => WORKING_ACTIONS.has(action),
      run: (action, row) => {
        if (action === 'claimCustomer')
          open({ mode: 'claim', customer: { id: row.customerId, name: row.name } });
        else if (action === 'triggerConsent') open({ mode: 'triggerConsent', row });
        else if (action === 'resendConsent') open({ mode: 'resendConsent', row });
        else if (CLAIM_ACTIONS.has(action) && row.nominationId)
          navigate(
            claimHref(engagementId, row.nominationId, new URLSearchParams(window.location.search).get('tab')),
          );
      },
    }),
    [open, engagementId],
  );
}
