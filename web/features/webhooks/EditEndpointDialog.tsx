import {
  Dialog,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  Textarea,
} from '@fluentui/react-components';
import { type FormEvent, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { ApiError } from '../../api/client.ts';
import { type WebhookEndpoint, type WebhookEventType, webhooksApi } from '../../api/webhooks.ts';
import { errorSentences } from '../../components/errors.ts';
import { FormDialogActions } from '../../components/FormDialogActions.tsx';
import { ErrorSentences } from './ErrorSentences.tsx';
import { EventCheckboxes } from './EventCheckboxes.tsx';

const useStyles = makeStyles({
  title: { overflowWrap: 'anywhere' },
  content: { display: 'flex', flexDirection: 'column', gap: '12px' },
});

/** The fields that differ from the endpoint's: the API checks a URL again only when it changed. */
function changes(endpoint: WebhookEndpoint, url: string, description: string, events: string[]) {
  const trimmed = description.trim();
  return {
    ...(url.trim() === endpoint.url ? {} : { url }),
    ...(trimmed === (endpoint.description ?? '') ? {} : { description: trimmed || null }),
    ...(events.join() === endpoint.events.join() ? {} : { events: events as WebhookEventType[] }),
  };
}

const FIELDS = ['url', 'description'] as const;
type FieldName = (typeof FIELDS)[number];

/** The server's sentences about one of the dialog's fields (its details targeted at it). */
function sentencesOn(error: unknown, field: FieldName): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const texts = (error.details ?? []).filter((d) => d.target === field && d.message).map((d) => d.message);
  return texts.length > 0 ? texts.join(' ') : undefined;
}

/**
 * Edits an endpoint: its URL, description and events, in one dialog (one save, one answer; a refused
 * URL is said on its field, in the UI's language, and nothing is changed).
 */
export function EditEndpointDialog({
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
  const [url, setUrl] = useState(endpoint.url);
  const [description, setDescription] = useState(endpoint.description ?? '');
  const [events, setEvents] = useState<string[]>(endpoint.events);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const [onField, setOnField] = useState<Partial<Record<FieldName, string>>>({});
  const urlInput = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (events.length === 0) {
      setError([intl.formatMessage({ id: 'webhooks.create.noEvents' })]);
      return;
    }
    const body = changes(endpoint, url, description, events);
    if (Object.keys(body).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    setOnField({});
    try {
      onSaved(await webhooksApi.update(endpoint.id, body));
    } catch (e) {
      const fields = { url: sentencesOn(e, 'url'), description: sentencesOn(e, 'description') };
      setOnField(fields);
      // What is about a field is said there; anything else (or a failure without details) above Save.
      const targeted = new Set(Object.values(fields));
      const rest = errorSentences(intl, e).filter((text) => !targeted.has(text));
      setError(fields.url || fields.description ? (rest.length > 0 ? rest : null) : errorSentences(intl, e));
      setBusy(false);
      if (fields.url) urlInput.current?.focus();
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
              <Field
                label={intl.formatMessage({ id: 'webhooks.create.url' })}
                hint={intl.formatMessage({ id: 'webhooks.create.urlHint' })}
                required
                validationMessage={onField.url}
              >
                <Input
                  ref={urlInput}
                  type="url"
                  value={url}
                  maxLength={2048}
                  onChange={(_e, d) => setUrl(d.value)}
                />
              </Field>
              <Field
                label={intl.formatMessage({ id: 'webhooks.create.description' })}
                validationMessage={onField.description}
              >
                <Textarea value={description} maxLength={500} onChange={(_e, d) => setDescription(d.value)} />
              </Field>
              <EventCheckboxes
                legend={intl.formatMessage({ id: 'webhooks.endpoint.events' })}
                selected={events}
                onChange={setEvents}
              />
              {error ? <ErrorSentences sentences={error} /> : null}
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
