import {
  Button,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Radio,
  RadioGroup,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { type FormEvent, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { apiTokensApi } from '../../api/api-tokens.ts';
import { useQuery } from '../../api/cache.ts';
import type { ApiToken, CreatedApiToken } from '../../api/types.ts';
import { useUser } from '../../app/contexts.ts';
import { ActionStatus, useActionStatus } from '../../components/ActionStatus';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { errorText } from '../../components/errors.ts';
import { OnceSecret, type OnceSecretMessages } from '../../components/OnceSecret.tsx';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { canManageApiTokens } from '../../routes/access.ts';
import { NotAllowedPage } from '../errors/NotAllowedPage.tsx';

const useStyles = makeStyles({
  h2: { ...typographyStyles.subtitle1, margin: 0 },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    maxWidth: '480px',
  },
  locations: { display: 'flex', flexDirection: 'column' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  status: { minHeight: '0' },
});

/** The words around a new token, shown once. */
const TOKEN_SECRET: OnceSecretMessages = {
  once: 'apiTokens.created.once',
  label: 'apiTokens.created.label',
  copy: 'apiTokens.created.copy',
  copied: 'apiTokens.created.copied',
  copyFailed: 'apiTokens.created.copyFailed',
  done: 'apiTokens.created.done',
};

/** `/admin/api-tokens`: an Incentives admin creates, lists and revokes the partner's API tokens (issue 14). */
export default function ApiTokensPage() {
  const intl = useIntl();
  const user = useUser();
  if (!canManageApiTokens(user)) {
    return <NotAllowedPage reason={intl.formatMessage({ id: 'notAllowed.apiTokens' })} />;
  }
  return <ApiTokens />;
}

function ApiTokens() {
  const styles = useStyles();
  const intl = useIntl();
  // Fresh on every visit; what was read before shows meanwhile (web/api/cache.ts).
  const list = useQuery('api-tokens', () => apiTokensApi.list(), 0);
  const tokens = list.data?.value;
  const reload = list.reload;
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const { status, announce, clear } = useActionStatus();
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const listHeadingId = useId();

  const title = intl.formatMessage({ id: 'apiTokens.title' });
  const date = (iso: string | null) =>
    iso
      ? intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' })
      : intl.formatMessage({ id: 'apiTokens.never' });

  return (
    <Page title={title}>
      <Text as="p">
        <FormattedMessage id="apiTokens.intro" />
      </Text>
      <CreateForm
        onCreated={(token) => {
          setCreated(token);
          clear();
          reload();
        }}
      />
      {created ? (
        <OnceSecret
          title={intl.formatMessage({ id: 'apiTokens.created.title' }, { name: created.name })}
          secret={created.token}
          messages={TOKEN_SECRET}
          onDone={() => setCreated(null)}
        />
      ) : null}
      <div className={styles.status}>
        <ActionStatus status={status} testId="api-tokens-status" />
      </div>
      <h2 className={styles.h2} id={listHeadingId}>
        <FormattedMessage id="apiTokens.listHeading" />
      </h2>
      {!tokens ? (
        list.error !== undefined ? (
          <ErrorMessage
            error={list.error}
            title={intl.formatMessage({ id: 'apiTokens.loadFailed' })}
            onRetry={reload}
          />
        ) : (
          <PageSpinner label={intl.formatMessage({ id: 'apiTokens.loading' })} />
        )
      ) : tokens.length === 0 ? (
        <Text as="p">
          <FormattedMessage id="apiTokens.empty" />
        </Text>
      ) : (
        <ScrollRegion labelledBy={listHeadingId}>
          <Table aria-labelledby={listHeadingId}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>
                  <FormattedMessage id="apiTokens.column.name" />
                </TableHeaderCell>
                <TableHeaderCell>
                  <FormattedMessage id="apiTokens.column.prefix" />
                </TableHeaderCell>
                <TableHeaderCell>
                  <FormattedMessage id="apiTokens.column.access" />
                </TableHeaderCell>
                <TableHeaderCell>
                  <FormattedMessage id="apiTokens.column.expires" />
                </TableHeaderCell>
                <TableHeaderCell>
                  <FormattedMessage id="apiTokens.column.lastUsed" />
                </TableHeaderCell>
                <TableHeaderCell>
                  <FormattedMessage id="apiTokens.column.actions" />
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tokens.map((t) => (
                <TableRow key={t.id}>
                  <TableCell>{t.name}</TableCell>
                  <TableCell className={styles.mono}>{`${t.prefix}…`}</TableCell>
                  <TableCell>
                    <FormattedMessage
                      id={t.scopes.includes('write') ? 'apiTokens.scope.write' : 'apiTokens.scope.read'}
                    />
                    {t.locationIds ? (
                      <>
                        {' · '}
                        <FormattedMessage
                          id="apiTokens.locationCount"
                          values={{ count: t.locationIds.length }}
                        />
                      </>
                    ) : null}
                  </TableCell>
                  <TableCell>{date(t.expiresAt)}</TableCell>
                  <TableCell>
                    {date(t.lastUsedAt)}
                    {t.lastUsedIp ? ` (${t.lastUsedIp})` : ''}
                  </TableCell>
                  <TableCell>
                    <Button onClick={() => setRevoking(t)}>
                      <FormattedMessage id="apiTokens.revoke" values={{ name: t.name }} />
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollRegion>
      )}
      {revoking ? (
        <ConfirmDialog
          title={intl.formatMessage({ id: 'apiTokens.revokeDialog.title' }, { name: revoking.name })}
          body={intl.formatMessage({ id: 'apiTokens.revokeDialog.body' })}
          confirmLabel={intl.formatMessage({ id: 'apiTokens.revokeDialog.confirm' })}
          backLabel={intl.formatMessage({ id: 'apiTokens.revokeDialog.back' })}
          onConfirm={async () => {
            await apiTokensApi.revoke(revoking.id);
            setRevoking(null);
            announce('success', intl.formatMessage({ id: 'apiTokens.revoked' }, { name: revoking.name }));
            reload();
          }}
          onClose={() => setRevoking(null)}
        />
      ) : null}
    </Page>
  );
}

function CreateForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const styles = useStyles();
  const intl = useIntl();
  const user = useUser();
  const [name, setName] = useState('');
  const [write, setWrite] = useState(false);
  const [days, setDays] = useState('90');
  const [locations, setLocations] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();
  const mine = user.roles;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const token = await apiTokensApi.create({
        name,
        scopes: write ? ['read', 'write'] : ['read'],
        expiresInDays: Number(days),
        ...(locations.length ? { locationIds: locations } : {}),
      });
      setName('');
      setLocations([]);
      onCreated(token);
    } catch (e) {
      setError(errorText(intl, e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} aria-labelledby={headingId} onSubmit={(e) => void submit(e)}>
      <h2 className={styles.h2} id={headingId}>
        <FormattedMessage id="apiTokens.create.heading" />
      </h2>
      <Field label={intl.formatMessage({ id: 'apiTokens.create.name' })} required>
        <Input value={name} maxLength={100} onChange={(_e, d) => setName(d.value)} />
      </Field>
      <Field label={intl.formatMessage({ id: 'apiTokens.create.access' })}>
        <RadioGroup value={write ? 'write' : 'read'} onChange={(_e, d) => setWrite(d.value === 'write')}>
          <Radio value="read" label={intl.formatMessage({ id: 'apiTokens.scope.read' })} />
          <Radio value="write" label={intl.formatMessage({ id: 'apiTokens.scope.write' })} />
        </RadioGroup>
      </Field>
      <Field
        label={intl.formatMessage({ id: 'apiTokens.create.days' })}
        hint={intl.formatMessage({ id: 'apiTokens.create.daysHint' })}
      >
        <Input type="number" min={1} max={366} value={days} onChange={(_e, d) => setDays(d.value)} />
      </Field>
      <fieldset className={styles.locations}>
        <legend>
          <FormattedMessage id="apiTokens.create.locations" />
        </legend>
        {mine.map((r) => (
          <Checkbox
            key={r.locationId}
            label={r.locationName}
            checked={locations.includes(r.locationId)}
            onChange={(_e, d) =>
              setLocations((current) =>
                d.checked ? [...current, r.locationId] : current.filter((id) => id !== r.locationId),
              )
            }
          />
        ))}
      </fieldset>
      {error ? (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      <div>
        <Button
          type="submit"
          appearance="primary"
          disabledFocusable={busy}
          icon={busy ? <Spinner size="tiny" /> : undefined}
        >
          <FormattedMessage id="apiTokens.create.submit" />
        </Button>
      </div>
    </form>
  );
}
