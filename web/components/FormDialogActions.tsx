import { Button, DialogActions, Spinner } from '@fluentui/react-components';
import { FormattedMessage } from 'react-intl';
import type { MessageId } from '../i18n/locales.ts';

/**
 * The actions of a form in a dialog: the submit button (a spinner while busy, still focusable so that
 * its state is announced) and Cancel. The form's own `onSubmit` does the work.
 */
export function FormDialogActions({
  busy,
  submit,
  cancel = 'claim.dialog.cancel',
  onCancel,
}: {
  busy: boolean;
  submit: MessageId;
  cancel?: MessageId;
  onCancel: () => void;
}) {
  return (
    <DialogActions>
      <Button
        type="submit"
        appearance="primary"
        disabledFocusable={busy}
        icon={busy ? <Spinner size="tiny" /> : undefined}
      >
        <FormattedMessage id={submit} />
      </Button>
      <Button type="button" disabled={busy} onClick={onCancel}>
        <FormattedMessage id={cancel} />
      </Button>
    </DialogActions>
  );
}
