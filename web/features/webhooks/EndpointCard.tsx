import { Button, makeStyles, Spinner, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { invalidate } from '../../api/cache.ts';
import {
  type RotatedWebhookSecret,
  type WebhookEndpoint,
  type WebhookEventType,
  webhooksApi,
} from '../../api/webhooks.ts';
import { ActionStatus, useActionStatus } from '../../components/ActionStatus';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { errorSentences } from '../../components/errors.ts';
import { OnceSecret } from '../../components/OnceSecret.tsx';
import { DeliveryLog, deliveriesKey } from './DeliveryLog.tsx';
import { EditEndpointDialog } from './EditEndpointDialog.tsx';
import { eventDescriptionId } from './EventCheckboxes.tsx';
import { SIGNING_SECRET } from './signingSecret.ts';

const useStyles = makeStyles({
  // Outcomes name the endpoint's URL, one long word: it wraps anywhere rather than widen the page.
  status: { minWidth: 0, overflowWrap: 'anywhere' },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  h3: { ...typographyStyles.subtitle2, margin: 0, overflowWrap: 'anywhere' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    '& dd': { margin: 0, minWidth: 0, overflowWrap: 'anywhere' },
    '& dt': { fontWeight: tokens.fontWeightSemibold },
  },
  events: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
  code: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

type Dialog = 'edit' | 'rotate' | 'delete' | null;

/**
 * One endpoint: what it gets and its state, its actions (enable/disable, edit, rotate the secret,
 * a test message, delete) and, on request, its delivery log. Outcomes show in the card, where the
 * action was; a deletion is announced by the page (the card is gone).
 */
export function EndpointCard({
  endpoint,
  onChanged,
  onDeleted,
}: {
  endpoint: WebhookEndpoint;
  onChanged: () => void;
  onDeleted: (endpoint: WebhookEndpoint) => void;
}) {
  const styles = useStyles();
  const intl = useIntl();
  const { status, announce, clear } = useActionStatus();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [rotated, setRotated] = useState<RotatedWebhookSecret | null>(null);
  const [showLog, setShowLog] = useState(false);
  const [busy, setBusy] = useState<'toggle' | 'test' | null>(null);
  const headingId = useId();
  const logId = useId();
  const url = endpoint.url;

  const failed = (e: unknown) => announce('error', errorSentences(intl, e).join(' '));

  const toggle = async () => {
    setBusy('toggle');
    try {
      const updated = await webhooksApi.update(endpoint.id, { enabled: !endpoint.enabled });
      announce(
        'success',
        intl.formatMessage({ id: updated.enabled ? 'webhooks.enabledNow' : 'webhooks.disabledNow' }, { url }),
      );
      onChanged();
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  };

  const sendTest = async () => {
    setBusy('test');
    try {
      await webhooksApi.sendTest(endpoint.id);
      announce('success', intl.formatMessage({ id: 'webhooks.testSent' }, { url }));
      // The log shows the new delivery (and follows it until it is sent).
      invalidate(deliveriesKey(endpoint.id));
      setShowLog(true);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(null);
    }
  };

  const state = endpoint.enabled
    ? 'webhooks.endpoint.enabled'
    : endpoint.disabledReason === 'failing'
      ? 'webhooks.endpoint.failing'
      : 'webhooks.endpoint.disabled';

  return (
    <section className={styles.card} aria-labelledby={headingId}>
      <h3 className={styles.h3} id={headingId}>
        {url}
      </h3>
      <dl className={styles.facts}>
        <dt>
          <FormattedMessage id="webhooks.endpoint.status" />
        </dt>
        <dd>
          <FormattedMessage id={state} />
        </dd>
        {endpoint.description ? (
          <>
            <dt>
              <FormattedMessage id="webhooks.endpoint.description" />
            </dt>
            <dd>{endpoint.description}</dd>
          </>
        ) : null}
        <dt>
          <FormattedMessage id="webhooks.endpoint.events" />
        </dt>
        <dd>
          <ul className={styles.events}>
            {endpoint.events.map((event) => (
              <li key={event}>
                <code className={styles.code}>{event}</code>{' '}
                <Text>
                  <FormattedMessage id={eventDescriptionId(event as WebhookEventType)} />
                </Text>
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <div className={styles.actions}>
        <Button
          disabledFocusable={busy !== null}
          icon={busy === 'toggle' ? <Spinner size="tiny" /> : undefined}
          onClick={() => void toggle()}
        >
          <FormattedMessage id={endpoint.enabled ? 'webhooks.action.disable' : 'webhooks.action.enable'} />
        </Button>
        <Button onClick={() => setDialog('edit')}>
          <FormattedMessage id="webhooks.action.edit" />
        </Button>
        <Button
          disabledFocusable={busy !== null}
          icon={busy === 'test' ? <Spinner size="tiny" /> : undefined}
          onClick={() => void sendTest()}
        >
          <FormattedMessage id="webhooks.action.test" />
        </Button>
        <Button onClick={() => setDialog('rotate')}>
          <FormattedMessage id="webhooks.action.rotate" />
        </Button>
        <Button onClick={() => setDialog('delete')}>
          <FormattedMessage id="webhooks.action.delete" />
        </Button>
        <Button aria-expanded={showLog} aria-controls={logId} onClick={() => setShowLog((v) => !v)}>
          <FormattedMessage
            id={showLog ? 'webhooks.action.hideDeliveries' : 'webhooks.action.showDeliveries'}
          />
        </Button>
      </div>
      <div className={styles.status}>
        <ActionStatus status={status} testId="webhook-endpoint-status" />
      </div>
      {rotated ? (
        <OnceSecret
          title={intl.formatMessage({ id: 'webhooks.secret.rotated' }, { url })}
          secret={rotated.secret}
          messages={SIGNING_SECRET}
          note={intl.formatMessage(
            { id: 'webhooks.secret.previous' },
            {
              date: intl.formatDate(rotated.previousSecretExpiresAt, {
                dateStyle: 'medium',
                timeStyle: 'short',
              }),
            },
          )}
          onDone={() => setRotated(null)}
        />
      ) : null}
      <div id={logId}>{showLog ? <DeliveryLog endpoint={endpoint} announce={announce} /> : null}</div>
      {dialog === 'edit' ? (
        <EditEndpointDialog
          endpoint={endpoint}
          onSaved={(saved) => {
            setDialog(null);
            announce('success', intl.formatMessage({ id: 'webhooks.saved' }, { url: saved.url }));
            onChanged();
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'rotate' ? (
        <ConfirmDialog
          title={intl.formatMessage({ id: 'webhooks.rotateDialog.title' }, { url })}
          body={intl.formatMessage({ id: 'webhooks.rotateDialog.body' })}
          confirmLabel={intl.formatMessage({ id: 'webhooks.rotateDialog.confirm' })}
          backLabel={intl.formatMessage({ id: 'webhooks.rotateDialog.back' })}
          onConfirm={async () => {
            const secret = await webhooksApi.rotateSecret(endpoint.id);
            setDialog(null);
            clear();
            setRotated(secret);
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog === 'delete' ? (
        <ConfirmDialog
          title={intl.formatMessage({ id: 'webhooks.deleteDialog.title' }, { url })}
          body={intl.formatMessage({ id: 'webhooks.deleteDialog.body' })}
          confirmLabel={intl.formatMessage({ id: 'webhooks.deleteDialog.confirm' })}
          backLabel={intl.formatMessage({ id: 'webhooks.deleteDialog.back' })}
          onConfirm={async () => {
            await webhooksApi.remove(endpoint.id);
            setDialog(null);
            onDeleted(endpoint);
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </section>
  );
}
