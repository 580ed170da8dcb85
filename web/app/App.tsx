import {
  AriaLiveAnnouncer,
  FluentProvider,
  makeStyles,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { IntlProvider } from 'react-intl';
import { invalidate } from '../api/cache.ts';
import { setCsrfToken, setRequestLocale, setUnauthorizedHandler } from '../api/client.ts';
import { sessionApi } from '../api/session.ts';
import type { Locale, Session, Theme } from '../api/types.ts';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { NoticeProvider } from '../components/notices.tsx';
import { DEFAULT_LOCALE, loadMessages, type Messages } from '../i18n/locales.ts';
import { AppRoutes } from '../routes/AppRoutes.tsx';
import { navigate } from '../routes/router.tsx';
import { type Preferences, PreferencesContext, SessionContext, type SessionState } from './contexts.ts';
import { rememberSignedIn, storeLocale, storeTheme } from './storage.ts';

export interface Bootstrap {
  session: Session | null;
  locale: Locale;
  messages: Messages;
  theme: Theme;
}

const useStyles = makeStyles({
  root: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
});

export function applyDocumentLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  setRequestLocale(locale);
}

export function App({ initial }: { initial: Bootstrap }) {
  const styles = useStyles();
  const [session, setSession] = useState<Session | null>(initial.session);
  const [locale, setLocaleState] = useState<Locale>(initial.locale);
  const [messages, setMessages] = useState<Messages>(initial.messages);
  const [theme, setThemeState] = useState<Theme>(initial.theme);

  useEffect(() => {
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  // The next first load may ask for its page's data alongside the session probe (main.tsx).
  useEffect(() => {
    if (session) rememberSignedIn(true);
  }, [session]);

  /** Shows a locale without saving it anywhere. */
  const showLocale = useCallback(async (next: Locale) => {
    const nextMessages = await loadMessages(next);
    applyDocumentLocale(next);
    setMessages(nextMessages);
    setLocaleState(next);
  }, []);

  const savePreference = useCallback(
    async (prefs: { locale?: Locale; theme?: Theme }) => {
      if (!session) return;
      const { user } = await sessionApi.savePreferences(prefs);
      setSession((current) => (current ? { ...current, user } : current));
    },
    [session],
  );

  const preferences = useMemo<Preferences>(
    () => ({
      locale,
      theme,
      async setLocale(next) {
        await showLocale(next);
        storeLocale(next);
        await savePreference({ locale: next });
      },
      showLocale,
      async setTheme(next) {
        setThemeState(next);
        storeTheme(next);
        await savePreference({ theme: next });
      },
    }),
    [locale, theme, showLocale, savePreference],
  );

  const sessionState = useMemo<SessionState>(
    () => ({
      session,
      user: session?.user ?? null,
      async signedIn(next) {
        setCsrfToken(next.csrfToken);
        invalidate(); // nothing read for someone else (or for nobody) is shown to this user
        // The user's saved choices win over the browser's and this device's (brief: default locale).
        if (next.user.locale && next.user.locale !== locale) await showLocale(next.user.locale);
        if (next.user.theme) setThemeState(next.user.theme);
        setSession(next);
      },
      async refresh() {
        const next = await sessionApi.current();
        if (next) setCsrfToken(next.csrfToken);
        setSession(next);
      },
      async signOut() {
        try {
          await sessionApi.signOut();
        } finally {
          setCsrfToken(null);
          rememberSignedIn(false);
          invalidate();
          setSession(null);
          navigate('/signin', { replace: true });
        }
      },
    }),
    [session, locale, showLocale],
  );

  useEffect(() => {
    setUnauthorizedHandler(() => {
      // The session ended elsewhere (expiry, sign-out in another tab): back to sign-in, then here.
      setCsrfToken(null);
      invalidate();
      setSession(null);
      // Several calls may answer 401 at once: only the first one decides where to come back to.
      if (window.location.pathname === '/signin') return;
      // `reason` makes the sign-in page say why the user is there (issue 15: it ended with no message).
      const here = window.location.pathname + window.location.search;
      navigate(`/signin?reason=sessionEnded&returnTo=${encodeURIComponent(here)}`, { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  return (
    <IntlProvider locale={locale} defaultLocale={DEFAULT_LOCALE} messages={messages}>
      {/* No className on FluentProvider: it is copied to every portal node (menus, listboxes). */}
      <FluentProvider theme={theme === 'dark' ? webDarkTheme : webLightTheme}>
        <div className={styles.root}>
          <AriaLiveAnnouncer>
            <PreferencesContext.Provider value={preferences}>
              <SessionContext.Provider value={sessionState}>
                <NoticeProvider>
                  <ErrorBoundary>
                    <AppRoutes />
                  </ErrorBoundary>
                </NoticeProvider>
              </SessionContext.Provider>
            </PreferencesContext.Provider>
          </AriaLiveAnnouncer>
        </div>
      </FluentProvider>
    </IntlProvider>
  );
}
