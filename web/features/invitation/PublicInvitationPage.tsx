import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from '../../api/cache.ts';
import { publicInvitationApi } from '../../api/invitations.ts';
import { sessionApi } from '../../api/session.ts';
import type { PublicInvitation } from '../../api/types.ts';
import { useSession } from '../../app/contexts.ts';
import { deadlineText } from '../../components/dates.ts';
import { errorSentences } from '../../components/errors.ts';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { PublicLinkError, type PublicLinkMessages } from '../../components/PublicLinkError.tsx';
import { useProgramPartner } from '../../components/programBrand.tsx';
import { navigate, useSearchParam } from '../../routes/router.tsx';

const LINK_MESSAGES: PublicLinkMessages = {
  title: 'invitation.title',
  expiredTitle: 'invitation.invalid.title',
  expiredBody: 'invitation.invalid.body',
  invalidTitle: 'invitation.invalid.title',
  invalidBody: 'invitation.invalid.body',
  contactPartner: 'invitation.invalid.ask',
};

// The invitee's page (issue 15 item 2), opened from the invitation email: no sign-in, no app shell. It
// says who invites whom for which organisation, and sets the password; the answer is a session, so the
// new user lands on their home page signed in. The server serves this page's HTML with 404 for a link
// that is unknown, used, revoked or expired, and the page renders from the API's answer.

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXL,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    maxWidth: '560px',
    minWidth: 0,
    boxSizing: 'border-box',
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  email: { overflowWrap: 'anywhere' },
  alternative: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
  },
  or: { margin: 0, color: tokens.colorNeutralForeground2 },
});

/** Why taking the invitation with an organisation account failed (the OIDC callback's `?error=`). */
const OIDC_ERRORS = {
  oidcEmailMismatch: 'invitation.oidcError.oidcEmailMismatch',
  oidcIdentityTaken: 'invitation.oidcError.oidcIdentityTaken',
  emailTaken: 'invitation.oidcError.emailTaken',
  oidcFailed: 'invitation.oidcError.oidcFailed',
} as const;

type Load =
  | { kind: 'loading' }
  | { kind: 'ready'; invitation: PublicInvitation }
  | { kind: 'error'; error: unknown };

export default function PublicInvitationPage({ params }: { params: Record<string, string> }) {
  const token = params.token ?? '';
  const intl = useIntl();
  const styles = useStyles();
  const { signedIn } = useSession();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; n: number } | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const attempts = useRef(0);
  // Issue 15 item 2: the invitation can also be taken with an organisation account (OpenID Connect).
  const providers = useQuery('auth:providers', () => sessionApi.providers(), 5 * 60_000);
  const oidc = providers.data?.oidc ?? null;
  const oidcError = useSearchParam('error');
  const oidcErrorId =
    oidcError && oidcError in OIDC_ERRORS ? OIDC_ERRORS[oidcError as keyof typeof OIDC_ERRORS] : null;

  const fetchInvitation = useCallback(
    (signal?: AbortSignal) =>
      publicInvitationApi.get(token, signal).then(
        (invitation) => setLoad({ kind: 'ready', invitation }),
        (e: unknown) => {
          if (e instanceof DOMException && e.name === 'AbortError') return;
          setLoad({ kind: 'error', error: e });
        },
      ),
    [token],
  );
  useEffect(() => {
    const controller = new AbortController();
    void fetchInvitation(controller.signal);
    return () => controller.abort();
  }, [fetchInvitation]);
  useProgramPartner(load.kind === 'ready' ? load.invitation.partnerName : undefined);

  if (load.kind === 'loading')
    return (
      <Page title={intl.formatMessage({ id: 'invitation.title' })}>
        <PageSpinner label={intl.formatMessage({ id: 'invitation.loading' })} />
      </Page>
    );
  if (load.kind === 'error')
    return (
      <PublicLinkError error={load.error} onRetry={() => void fetchInvitation()} messages={LINK_MESSAGES} />
    );

  const { invitation } = load;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const session = await publicInvitationApi.accept(token, password);
      await signedIn(session);
      navigate('/', { replace: true });
    } catch (e) {
      attempts.current += 1;
      setError({ text: errorSentences(intl, e).join(' '), n: attempts.current });
      setBusy(false);
      passwordRef.current?.focus();
    }
  };

  return (
    <Page title={intl.formatMessage({ id: 'invitation.heading' }, { partner: invitation.partnerName })}>
      <div className={styles.card}>
        <Text as="p">
          {invitation.inviterName ? (
            <FormattedMessage
              id="invitation.intro"
              values={{
                inviter: invitation.inviterName,
                partner: invitation.partnerName,
                name: invitation.displayName,
              }}
            />
          ) : (
            <FormattedMessage
              id="invitation.introNoInviter"
              values={{ partner: invitation.partnerName, name: invitation.displayName }}
            />
          )}
        </Text>
        <Text as="p" className={styles.email}>
          <FormattedMessage id="invitation.signInWith" values={{ email: invitation.email }} />
        </Text>
        {oidcErrorId ? (
          <MessageBar intent="error" layout="multiline">
            {/* A long address must wrap, not widen the page at 320 px. */}
            <MessageBarBody className={styles.email}>
              <FormattedMessage id={oidcErrorId} values={{ email: invitation.email }} />
            </MessageBarBody>
          </MessageBar>
        ) : null}
        <form className={styles.form} noValidate onSubmit={(e) => void submit(e)}>
          {/* For password managers: the account the new password belongs to. */}
          <input type="hidden" name="username" autoComplete="username" value={invitation.email} />
          <Field
            label={intl.formatMessage({ id: 'invitation.password' })}
            hint={intl.formatMessage({ id: 'invitation.passwordHint' }, { min: 12 })}
            required
            validationState={error ? 'error' : 'none'}
            validationMessage={error ? <span key={error.n}>{error.text}</span> : undefined}
          >
            <Input
              ref={passwordRef}
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(_e, d) => setPassword(d.value)}
            />
          </Field>
          <Text as="p">
            <FormattedMessage
              id="invitation.validUntil"
              values={{
                date: deadlineText(intl, invitation.expiresAt),
              }}
            />
          </Text>
          <div>
            <Button
              type="submit"
              appearance="primary"
              disabledFocusable={busy}
              icon={busy ? <Spinner size="tiny" /> : undefined}
            >
              <FormattedMessage id="invitation.submit" />
            </Button>
          </div>
        </form>
        {oidc ? (
          <div className={styles.alternative}>
            <p className={styles.or}>
              <FormattedMessage id="signin.or" />
            </p>
            <Button as="a" href={`${oidc.loginUrl}?invitation=${encodeURIComponent(token)}`}>
              <FormattedMessage id="invitation.oidc" />
            </Button>
            <Text as="p" className={styles.email}>
              <FormattedMessage id="invitation.oidcHint" values={{ email: invitation.email }} />
            </Text>
          </div>
        ) : null}
      </div>
    </Page>
  );
}
