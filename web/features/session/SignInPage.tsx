import {
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { type FormEvent, useRef, useState } from 'react';
import { FormattedMessage, type IntlShape, useIntl } from 'react-intl';
import { useQuery } from '../../api/cache.ts';
import { ApiError } from '../../api/client.ts';
import { sessionApi } from '../../api/session.ts';
import { useSession } from '../../app/contexts.ts';
import { errorText } from '../../components/errors.ts';
import { Page } from '../../components/Page.tsx';
import { safeReturnPath, useSearchParam } from '../../routes/router.tsx';

const useStyles = makeStyles({
  wrap: { display: 'flex', justifyContent: 'center' },
  card: {
    width: '100%',
    maxWidth: '420px',
    padding: tokens.spacingHorizontalXL,
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusLarge,
    boxShadow: tokens.shadow4,
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  alternative: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  // "or" between two lines (Fluent's Divider would add its weight to the initial bundle for this).
  or: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    margin: 0,
    color: tokens.colorNeutralForeground2,
    '::before': {
      content: '""',
      flexGrow: 1,
      borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
    '::after': {
      content: '""',
      flexGrow: 1,
      borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    },
  },
});

/** Why the OpenID Connect sign-in sent the user back here (`/signin?error=…`). */
const OIDC_ERRORS = {
  oidcNoAccount: 'signin.error.oidcNoAccount',
  oidcFailed: 'signin.error.oidcFailed',
} as const;

function oidcHref(loginUrl: string, returnTo: string): string {
  return `${loginUrl}${loginUrl.includes('?') ? '&' : '?'}returnTo=${encodeURIComponent(returnTo)}`;
}

type FieldErrors = { email?: string; password?: string };

function validate(intl: IntlShape, email: string, password: string): FieldErrors {
  const errors: FieldErrors = {};
  if (email.trim() === '') errors.email = intl.formatMessage({ id: 'signin.email.required' });
  else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim()))
    errors.email = intl.formatMessage({ id: 'signin.email.invalid' });
  if (password === '') errors.password = intl.formatMessage({ id: 'signin.password.required' });
  return errors;
}

function failureText(intl: IntlShape, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'InvalidCredentials')
      return intl.formatMessage({ id: 'signin.error.invalidCredentials' });
    if (error.status === 429) {
      return error.retryAfter !== undefined
        ? intl.formatMessage(
            { id: 'signin.error.tooManyAttempts' },
            { minutes: Math.max(1, Math.ceil(error.retryAfter / 60)) },
          )
        : intl.formatMessage({ id: 'signin.error.tooManyAttemptsLater' });
    }
  }
  return errorText(intl, error);
}

/**
 * Sign-in with a local account (quality §1 Sessions). Field errors are shown on the fields; a
 * refused sign-in in an error MessageBar, which Fluent's AriaLiveAnnouncer reads out.
 * After success the route guard sends the user to `returnTo` (the page they came from) or home.
 */
export function SignInPage() {
  const styles = useStyles();
  const intl = useIntl();
  const { signedIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<{ text: string; attempt: number } | null>(null);
  const [pending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const attempts = useRef(0);
  const returnTo = safeReturnPath(useSearchParam('returnTo'));
  const oidcError = useSearchParam('error');
  // Sent here because a call answered 401 (expired, signed out elsewhere, deactivated): say so.
  const sessionEnded = useSearchParam('reason') === 'sessionEnded';
  const oidcErrorId =
    oidcError && oidcError in OIDC_ERRORS ? OIDC_ERRORS[oidcError as keyof typeof OIDC_ERRORS] : null;
  // A second way in, when the server has an organisation (OpenID Connect) sign-in configured.
  const providers = useQuery('auth:providers', () => sessionApi.providers(), 5 * 60_000);
  const oidc = providers.data?.oidc ?? null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const errors = validate(intl, email, password);
    setFieldErrors(errors);
    if (errors.email) return emailRef.current?.focus();
    if (errors.password) return passwordRef.current?.focus();

    setPending(true);
    setFailure(null);
    try {
      const session = await sessionApi.signIn({ email: email.trim(), password });
      await signedIn(session);
    } catch (error) {
      attempts.current += 1;
      setFailure({ text: failureText(intl, error), attempt: attempts.current });
      setPending(false);
    }
  };

  return (
    <div className={styles.wrap}>
      <div className={styles.card}>
        <Page title={intl.formatMessage({ id: 'signin.title' })}>
          <p className={styles.intro}>
            <FormattedMessage id="signin.intro" />
          </p>
          {sessionEnded && !oidcErrorId && !failure ? (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <FormattedMessage id="signin.sessionEnded" />
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {oidcErrorId && !failure ? (
            <MessageBar intent="error" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>
                  <FormattedMessage id="signin.error.title" />
                </MessageBarTitle>
                <FormattedMessage id={oidcErrorId} />
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <form className={styles.form} noValidate onSubmit={onSubmit}>
            {failure ? (
              // A new key per attempt, so that the same message is announced again.
              <MessageBar key={failure.attempt} intent="error" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>
                    <FormattedMessage id="signin.error.title" />
                  </MessageBarTitle>
                  {failure.text}
                </MessageBarBody>
              </MessageBar>
            ) : null}
            <Field
              label={intl.formatMessage({ id: 'signin.email' })}
              required
              validationState={fieldErrors.email ? 'error' : 'none'}
              validationMessage={fieldErrors.email}
            >
              <Input
                ref={emailRef}
                type="email"
                name="email"
                autoComplete="username"
                inputMode="email"
                value={email}
                onChange={(_e, data) => setEmail(data.value)}
              />
            </Field>
            <Field
              label={intl.formatMessage({ id: 'signin.password' })}
              required
              validationState={fieldErrors.password ? 'error' : 'none'}
              validationMessage={fieldErrors.password}
            >
              <Input
                ref={passwordRef}
                type="password"
                name="password"
                autoComplete="current-password"
                value={password}
                onChange={(_e, data) => setPassword(data.value)}
              />
            </Field>
            <Button type="submit" appearance="primary" disabledFocusable={pending}>
              {pending ? (
                <FormattedMessage id="signin.submitting" />
              ) : (
                <FormattedMessage id="signin.submit" />
              )}
            </Button>
          </form>
          {oidc ? (
            <div className={styles.alternative}>
              <p className={styles.or}>
                <FormattedMessage id="signin.or" />
              </p>
              <Button as="a" href={oidcHref(oidc.loginUrl, returnTo)}>
                <FormattedMessage id="signin.oidc" />
              </Button>
            </div>
          ) : null}
        </Page>
      </div>
    </div>
  );
}
