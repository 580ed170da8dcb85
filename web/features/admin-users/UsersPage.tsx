import { Badge, Button, makeStyles, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../api/client.ts';
import { partnerApi } from '../../api/partner.ts';
import type { PartnerUser, PendingInvitation } from '../../api/types.ts';
import { useUser } from '../../app/contexts.ts';
import { ActionStatus, useActionStatus } from '../../components/ActionStatus';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { errorSentences } from '../../components/errors.ts';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { canManageRoles } from '../../routes/access.ts';
import { useRolesData } from '../admin-roles/useRolesData.ts';
import { NotAllowedPage } from '../errors/NotAllowedPage.tsx';
import { InviteForm } from './InviteForm.tsx';

const useStyles = makeStyles({
  h2: { ...typographyStyles.subtitle1, margin: 0 },
  // Lists of cards rather than tables: nothing scrolls sideways at 320 px.
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  who: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
    flex: '1 1 14rem',
  },
  name: { ...typographyStyles.body1Strong, overflowWrap: 'anywhere' },
  secondary: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
  },
  badges: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  status: { minHeight: '0' },
});

type Confirm = { kind: 'deactivate'; user: PartnerUser } | { kind: 'revoke'; invitation: PendingInvitation };

/** `/admin/users`: the Account admin invites colleagues and deactivates those who left (issue 15 item 2). */
export default function UsersPage() {
  const intl = useIntl();
  const user = useUser();
  if (!canManageRoles(user))
    return <NotAllowedPage reason={intl.formatMessage({ id: 'notAllowed.users' })} />;
  return <UsersAdmin />;
}

function UsersAdmin() {
  const styles = useStyles();
  const intl = useIntl();
  const me = useUser();
  const { data: load, reload } = useRolesData();
  const { status, announce } = useActionStatus();
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const usersHeading = useId();
  const invitationsHeading = useId();

  const title = intl.formatMessage({ id: 'users.title' });
  if (load.status === 'loading')
    return (
      <Page title={title}>
        <PageSpinner label={intl.formatMessage({ id: 'users.loading' })} />
      </Page>
    );
  if (load.status === 'error') {
    if (load.error instanceof ApiError && load.error.status === 403)
      return <NotAllowedPage reason={intl.formatMessage({ id: 'notAllowed.users' })} />;
    return (
      <Page title={title}>
        <ErrorMessage
          error={load.error}
          title={intl.formatMessage({ id: 'users.loadFailed' })}
          onRetry={reload}
        />
      </Page>
    );
  }

  const date = (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });

  const reactivate = async (user: PartnerUser) => {
    try {
      await partnerApi.setActive(user.id, true);
      announce('success', intl.formatMessage({ id: 'users.status.reactivated' }, { name: user.displayName }));
      reload();
    } catch (e) {
      announce('error', errorSentences(intl, e).join(' '));
    }
  };
  const resend = async (invitation: PendingInvitation) => {
    try {
      await partnerApi.resendInvitation(invitation.id);
      announce('success', intl.formatMessage({ id: 'users.status.resent' }, { email: invitation.email }));
      reload();
    } catch (e) {
      announce('error', errorSentences(intl, e).join(' '));
    }
  };
  const confirmed = async () => {
    if (!confirm) return;
    if (confirm.kind === 'deactivate') {
      await partnerApi.setActive(confirm.user.id, false);
      announce(
        'success',
        intl.formatMessage({ id: 'users.status.deactivated' }, { name: confirm.user.displayName }),
      );
    } else {
      await partnerApi.revokeInvitation(confirm.invitation.id);
      announce(
        'success',
        intl.formatMessage({ id: 'users.status.revoked' }, { email: confirm.invitation.email }),
      );
    }
    setConfirm(null);
    reload();
  };

  return (
    <Page title={title}>
      <Text as="p">
        <FormattedMessage id="users.intro" values={{ partner: me.partner?.name ?? '' }} />
      </Text>
      {/* The outcome of the last action; a new key per action so that each one is announced. */}
      <div className={styles.status}>
        <ActionStatus status={status} testId="users-status" />
      </div>
      <InviteForm
        locations={load.locations}
        onInvited={(invitation) => {
          announce(
            'success',
            intl.formatMessage({ id: 'users.status.invited' }, { email: invitation.email }),
          );
          reload();
        }}
      />

      <section className={styles.section} aria-labelledby={invitationsHeading}>
        <h2 className={styles.h2} id={invitationsHeading}>
          <FormattedMessage id="users.invitations.heading" />
        </h2>
        {load.invitations.length === 0 ? (
          <Text as="p">
            <FormattedMessage id="users.invitations.none" />
          </Text>
        ) : (
          <ul className={styles.list}>
            {load.invitations.map((i) => (
              <li key={i.id} className={styles.item}>
                <span className={styles.who}>
                  <span className={styles.name}>{i.displayName}</span>
                  <span className={styles.secondary}>{i.email}</span>
                  <span className={styles.secondary}>
                    <FormattedMessage
                      id={i.expired ? 'users.invitations.expired' : 'users.invitations.expires'}
                      values={{ date: date(i.expiresAt) }}
                    />
                  </span>
                </span>
                <span className={styles.actions}>
                  <Button
                    onClick={() => void resend(i)}
                    aria-label={intl.formatMessage({ id: 'users.invitations.resendFor' }, { email: i.email })}
                  >
                    <FormattedMessage id="users.invitations.resend" />
                  </Button>
                  <Button
                    onClick={() => setConfirm({ kind: 'revoke', invitation: i })}
                    aria-label={intl.formatMessage({ id: 'users.invitations.revokeFor' }, { email: i.email })}
                  >
                    <FormattedMessage id="users.invitations.revoke" />
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className={styles.section} aria-labelledby={usersHeading}>
        <h2 className={styles.h2} id={usersHeading}>
          <FormattedMessage id="users.list.heading" />
        </h2>
        <ul className={styles.list}>
          {load.users.map((u) => (
            <li key={u.id} className={styles.item}>
              <span className={styles.who}>
                <span className={styles.name}>{u.displayName}</span>
                <span className={styles.secondary}>{u.email}</span>
                <span className={styles.badges}>
                  <Badge appearance="tint" color={u.active ? 'success' : 'subtle'}>
                    <FormattedMessage id={u.active ? 'users.list.active' : 'users.list.deactivated'} />
                  </Badge>
                  {u.isAccountAdmin ? (
                    <Badge appearance="tint" color="informative">
                      <FormattedMessage id="roles.table.accountAdmin" />
                    </Badge>
                  ) : null}
                </span>
              </span>
              {u.id === me.id ? (
                <span className={styles.secondary}>
                  <FormattedMessage id="users.list.you" />
                </span>
              ) : (
                <span className={styles.actions}>
                  {u.active ? (
                    <Button
                      onClick={() => setConfirm({ kind: 'deactivate', user: u })}
                      aria-label={intl.formatMessage(
                        { id: 'users.list.deactivateFor' },
                        { name: u.displayName },
                      )}
                    >
                      <FormattedMessage id="users.list.deactivate" />
                    </Button>
                  ) : (
                    <Button
                      onClick={() => void reactivate(u)}
                      aria-label={intl.formatMessage(
                        { id: 'users.list.reactivateFor' },
                        { name: u.displayName },
                      )}
                    >
                      <FormattedMessage id="users.list.reactivate" />
                    </Button>
                  )}
                </span>
              )}
            </li>
          ))}
        </ul>
      </section>

      {confirm ? (
        <ConfirmDialog
          title={
            confirm.kind === 'deactivate'
              ? intl.formatMessage({ id: 'users.deactivateDialog.title' }, { name: confirm.user.displayName })
              : intl.formatMessage({ id: 'users.revokeDialog.title' }, { email: confirm.invitation.email })
          }
          body={intl.formatMessage({
            id: confirm.kind === 'deactivate' ? 'users.deactivateDialog.body' : 'users.revokeDialog.body',
          })}
          confirmLabel={intl.formatMessage({
            id:
              confirm.kind === 'deactivate' ? 'users.deactivateDialog.confirm' : 'users.revokeDialog.confirm',
          })}
          backLabel={intl.formatMessage({ id: 'users.dialog.back' })}
          onConfirm={confirmed}
          onClose={() => setConfirm(null)}
        />
      ) : null}
    </Page>
  );
}
