import {
  Dialog,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
} from '@fluentui/react-components';
import type { FormEvent, ReactNode } from 'react';
import { FormDialogActions } from '../../components/FormDialogActions.tsx';
import type { MessageId } from '../../i18n/locales.ts';
import { useClaimStyles } from './claimShared.ts';

/**
 * A dialog of the claim page that holds one form (survey answers, survey recipient, contacts,
 * dispute): the title, the fields, the failure under them, the submit button and Cancel. Esc closes
 * it unless a request is on its way.
 */
export function ClaimFormDialog({
  title,
  submit,
  busy,
  error,
  onSubmit,
  onClose,
  children,
}: {
  title: ReactNode;
  submit: MessageId;
  busy: boolean;
  /** Shown under the fields when something went wrong. */
  error?: ReactNode;
  onSubmit: (event: FormEvent) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const shared = useClaimStyles();
  return (
    <Dialog
      open
      modalType="modal"
      onOpenChange={(_e, d) => {
        if (!d.open && !busy) onClose();
      }}
    >
      <DialogSurface className={shared.dialog} aria-describedby={undefined}>
        <form onSubmit={onSubmit} noValidate>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent className={shared.dialogContent}>
              {children}
              {error ? (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{error}</MessageBarBody>
                </MessageBar>
              ) : null}
            </DialogContent>
            <FormDialogActions busy={busy} submit={submit} onCancel={onClose} />
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
