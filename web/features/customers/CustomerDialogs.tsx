import { lazy, Suspense } from 'react';
import { useIntl } from 'react-intl';
import type { CustomerRow } from '../../api/types.ts';
import type { ConsentRow } from '../consent/TriggerConsentWizard.tsx';

// The dialogs the Customers page opens: the Add and Claim customer wizards and the consent dialogs.
// Their code loads when first needed (initial JS budget, quality §2).

export const loadWizard = () => import('./wizard/CustomerWizard.tsx');
const CustomerWizard = lazy(loadWizard);
// Likewise the consent dialogs (spec §4.3).
const loadTrigger = () => import('../consent/TriggerConsentWizard.tsx');
const TriggerConsentWizard = lazy(loadTrigger);
const loadResend = () => import('../consent/ResendConsentDialog.tsx');
const ResendConsentDialog = lazy(loadResend);

/** Starts loading the consent dialogs' code ahead of a click. */
export function preloadConsentDialogs(): void {
  void loadTrigger();
  void loadResend();
}

export type OpenDialog =
  | { mode: 'add' }
  | { mode: 'claim'; customer: { id: string; name: string } }
  | { mode: 'triggerConsent'; row: ConsentRow; email?: string }
  | { mode: 'resendConsent'; row: CustomerRow };

/**
 * The open dialog, if any. `onClose` says whether anything changed (the lists are then refreshed)
 * and the notice to show; `onNext` replaces a finished dialog with the next one (a customer was just
 * added, and its consent is requested at once).
 */
export function CustomerDialogs({
  dialog,
  engagementId,
  onClose,
  onNext,
}: {
  dialog: OpenDialog | null;
  engagementId: string;
  onClose: (changed: boolean, message?: string) => void;
  onNext?: (next: OpenDialog) => void;
}) {
  const intl = useIntl();
  if (!dialog) return null;
  /** The notice after a consent email went out to `contact`. */
  const sentTo = (
    id: 'consent.sent' | 'consent.resent' | 'consent.changed',
    contact: { name: string; email: string },
  ) => onClose(true, intl.formatMessage({ id }, { name: contact.name, email: contact.email }));
  return (
    <Suspense fallback={null}>
      {dialog.mode === 'add' || dialog.mode === 'claim' ? (
        <CustomerWizard
          mode={dialog.mode}
          engagementId={engagementId}
          customer={dialog.mode === 'claim' ? dialog.customer : undefined}
          onClose={onClose}
          onConsentNow={onNext && (({ email, ...row }) => onNext({ mode: 'triggerConsent', row, email }))}
        />
      ) : dialog.mode === 'triggerConsent' ? (
        <TriggerConsentWizard
          row={dialog.row}
          email={dialog.email}
          onClose={(sent) => (sent ? sentTo('consent.sent', sent.customerContact) : onClose(false))}
        />
      ) : (
        <ResendConsentDialog
          row={dialog.row}
          onClose={(done) =>
            done
              ? sentTo(
                  done.kind === 'resent' ? 'consent.resent' : 'consent.changed',
                  done.request.customerContact,
                )
              : onClose(false)
          }
        />
      )}
    </Suspense>
  );
}
