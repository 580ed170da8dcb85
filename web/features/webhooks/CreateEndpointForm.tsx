import {
  Button,
  Field,
  Input,
  makeStyles,
  Spinner,
  Textarea,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { type FormEvent, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type CreatedWebhookEndpoint, type WebhookEventType, webhooksApi } from '../../api/webhooks.ts';
import { errorSentences } from '../../components/errors.ts';
import { ErrorSentences } from './ErrorSentences.tsx';
import { EventCheckboxes } from './EventCheckboxes.tsx';

const useStyles = makeStyles({
  h2: { ...typographyStyles.subtitle1, margin: 0 },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxWidth: '640px',
    minWidth: 0,
  },
});

/** Registers an endpoint: its URL, the events it gets, a description. */
export function CreateEndpointForm({ onCreated }: { onCreated: (endpoint: CreatedWebhookEndpoint) => void }) {
  const styles = useStyles();
  const intl = useIntl();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>([]);
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const headingId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (events.length === 0) {
      setError([intl.formatMessage({ id: 'webhooks.create.noEvents' })]);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const created = await webhooksApi.create({
        url,
        events,
        ...(description.trim() ? { description } : {}),
      });
      setUrl('');
      setEvents([]);
      setDescription('');
      onCreated(created);
    } catch (e) {
      setError(errorSentences(intl, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} aria-labelledby={headingId} onSubmit={(e) => void submit(e)} noValidate>
      <h2 className={styles.h2} id={headingId}>
        <FormattedMessage id="webhooks.create.heading" />
      </h2>
      <Field
        label={intl.formatMessage({ id: 'webhooks.create.url' })}
        hint={intl.formatMessage({ id: 'webhooks.create.urlHint' })}
        required
      >
        <Input type="url" value={url} maxLength={2048} onChange={(_e, d) => setUrl(d.value)} />
      </Field>
      <EventCheckboxes
        legend={intl.formatMessage({ id: 'webhooks.create.events' })}
        selected={events}
        onChange={setEvents}
      />
      <Field label={intl.formatMessage({ id: 'webhooks.create.description' })}>
        <Textarea value={description} maxLength={500} onChange={(_e, d) => setDescription(d.value)} />
      </Field>
      {error ? <ErrorSentences sentences={error} /> : null}
      <div>
        <Button
          type="submit"
          appearance="primary"
          disabledFocusable={busy}
          icon={busy ? <Spinner size="tiny" /> : undefined}
        >
          <FormattedMessage id="webhooks.create.submit" />
        </Button>
      </div>
    </form>
  );
}
