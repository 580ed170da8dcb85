import {
  Dialog,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  makeStyles,
} from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { useIntl } from 'react-intl';
import { type WebhookEndpoint, type WebhookEventType, webhooksApi } from '../../api/webhooks.ts';
import { errorText } from '../../components/errors.ts';
import { FormDialogActions } from '../../components/FormDialogActions.tsx';
import { EventCheckboxes } from './EventCheckboxes.tsx';

const useStyles = makeStyles({
  title: { overflowWrap: 'anywhere' },
  content: { display: 'flex', flexDirection: 'column', gap: '12px' },
});

/** Changes which events an endpoint gets (at least one). */
export function EditEventsDialog({
  endpoint,
  onSaved,
  onClose,
}: {
  endpoint: WebhookEndpoint;
  onSaved: (endpoint: WebhookEndpoint) => void;
  onClose: () => void;
}) {
  const styles = useStyles();
  const intl = useIntl();
  const [events, setEvents] = useState<string[]>(endpoint.events);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = events as WebhookEventType[];
    if (chosen.length === 0) {
      setError(intl.formatMessage({ id: 'webhooks.create.noEvents' }));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(await webhooksApi.update(endpoint.id, { events: chosen }));
    } catch (e) {
      setError(errorText(intl, e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      modalType="modal"
      onOpenChange={(_e, d) => {
        if (!d.open && !busy) onClose();
      }}
    >
      <DialogSurface aria-describedby={undefined}>
        <form onSubmit={(e) => void submit(e)} noValidate>
          <DialogBody>
            <DialogTitle className={styles.title}>
              {intl.formatMessage({ id: 'webhooks.editDialog.title' }, { url: endpoint.url })}
            </DialogTitle>
            <DialogContent className={styles.content}>
              <EventCheckboxes
                legend={intl.formatMessage({ id: 'webhooks.endpoint.events' })}
                selected={events}
                onChange={setEvents}
              />
              {error ? (
                <MessageBar intent="error" layout="multiline">
                  <MessageBarBody>{error}</MessageBarBody>
                </MessageBar>
              ) : null}
            </DialogContent>
            <FormDialogActions
              busy={busy}
              submit="webhooks.editDialog.save"
              cancel="webhooks.editDialog.cancel"
              onCancel={onClose}
            />
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
