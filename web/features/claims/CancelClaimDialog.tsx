import { useRef } from 'react';
import { useIntl } from 'react-intl';
import { claimsApi } from '../../api/claims.ts';
import { ApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useClaim } from './claimShared.ts';

/**
 * "Cancel claim" asks first in the shared destructive confirmation (issue 15: "Yes, cancel the claim"
 * was the primary blue button): the confirm button is red and "Go back" has the focus. The
 * Idempotency-Key is kept for the dialog, so that a retry cancels once.
 */
export function CancelClaimDialog({ onClose }: { onClose: () => void }) {
  const intl = useIntl();
  const { claim, nominationId, applied, reload } = useClaim();
  const key = useRef(crypto.randomUUID());
  const customer = claim.customer.name;

  const cancel = async () => {
    let next: Awaited<ReturnType<typeof claimsApi.cancel>>;
    try {
      next = await claimsApi.cancel(nominationId, key.current);
    } catch (e) {
      // The state or a deadline moved on: the dialog shows the server's reason, the page the claim as it is now.
      if (e instanceof ApiError && (e.status === 409 || e.status === 410 || e.status === 422)) await reload();
      throw e;
    }
    applied(next, intl.formatMessage({ id: 'claim.cancel.done' }, { customer }));
    onClose();
  };

  return (
    <ConfirmDialog
      title={intl.formatMessage({ id: 'claim.cancel.title' }, { customer })}
      body={intl.formatMessage({ id: 'claim.cancel.body' }, { customer })}
      confirmLabel={intl.formatMessage({ id: 'claim.cancel.confirm' })}
      backLabel={intl.formatMessage({ id: 'claim.dialog.back' })}
      onConfirm={cancel}
      onClose={onClose}
    />
  );
}
