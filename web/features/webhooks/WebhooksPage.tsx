import { makeStyles, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from '../../api/cache.ts';
import { type CreatedWebhookEndpoint, webhooksApi } from '../../api/webhooks.ts';
import { useUser } from '../../app/contexts.ts';
import { ActionStatus, useActionStatus } from '../../components/ActionStatus';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { OnceSecret } from '../../components/OnceSecret.tsx';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { canManageWebhooks } from '../../routes/access.ts';
import { NotAllowedPage } from '../errors/NotAllowedPage.tsx';
import { CreateEndpointForm } from './CreateEndpointForm.tsx';
import { EndpointCard } from './EndpointCard.tsx';
import { SIGNING_SECRET } from './signingSecret.ts';

const useStyles = makeStyles({
  // Outcomes name the endpoint's URL, one long word: it wraps anywhere rather than widen the page.
  status: { minWidth: 0, overflowWrap: 'anywhere' },
  h2: {
    ...typographyStyles.subtitle1,
    margin: 0,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
});

/**
 * `/admin/webhooks`: an Incentives admin registers the partner's webhook endpoints, sees each signing
 * secret once, tests, rotates, disables and deletes them, and reads their delivery logs (issue 14,
 * ADR 0019).
 */
export default function WebhooksPage() {
  const intl = useIntl();
  const user = useUser();
  if (!canManageWebhooks(user)) {
    return <NotAllowedPage reason={intl.formatMessage({ id: 'webhooks.notAllowed' })} />;
  }
  return <Webhooks />;
}

function Webhooks() {
  const styles = useStyles();
  const intl = useIntl();
  // Fresh on every visit; what was read before shows meanwhile (web/api/cache.ts).
  const list = useQuery('webhook-endpoints', () => webhooksApi.list(), 0);
  const endpoints = list.data?.value;
  const reload = list.reload;
  const [created, setCreated] = useState<CreatedWebhookEndpoint | null>(null);
  const { status, announce, clear } = useActionStatus();
  const listHeading = useRef<HTMLHeadingElement>(null);
  const listHeadingId = useId();

  return (
    <Page title={intl.formatMessage({ id: 'webhooks.title' })}>
      <Text as="p">
        <FormattedMessage id="webhooks.intro" />
      </Text>
      <CreateEndpointForm
        onCreated={(endpoint) => {
          setCreated(endpoint);
          clear();
          reload();
        }}
      />
      {created ? (
        <OnceSecret
          title={intl.formatMessage({ id: 'webhooks.secret.created' }, { url: created.url })}
          secret={created.secret}
          messages={SIGNING_SECRET}
          onDone={() => setCreated(null)}
        />
      ) : null}
      <div className={styles.status}>
        <ActionStatus status={status} testId="webhooks-status" />
      </div>
      <h2 className={styles.h2} id={listHeadingId} ref={listHeading} tabIndex={-1}>
        <FormattedMessage id="webhooks.listHeading" />
      </h2>
      {!endpoints ? (
        list.error !== undefined ? (
          <ErrorMessage
            error={list.error}
            title={intl.formatMessage({ id: 'webhooks.loadFailed' })}
            onRetry={reload}
          />
        ) : (
          <PageSpinner label={intl.formatMessage({ id: 'webhooks.loading' })} />
        )
      ) : endpoints.length === 0 ? (
        <Text as="p">
          <FormattedMessage id="webhooks.empty" />
        </Text>
      ) : (
        <div className={styles.list}>
          {endpoints.map((endpoint) => (
            <EndpointCard
              key={endpoint.id}
              endpoint={endpoint}
              onChanged={reload}
              onDeleted={(gone) => {
                announce('success', intl.formatMessage({ id: 'webhooks.deleted' }, { url: gone.url }));
                reload();
                // The card and the button that opened the dialog are gone: focus goes to the list.
                listHeading.current?.focus();
              }}
            />
          ))}
        </div>
      )}
    </Page>
  );
}
