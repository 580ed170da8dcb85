import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { invalidate } from './api/cache.ts';
import { setCsrfToken, setRequestLocale } from './api/client.ts';
import { sessionApi } from './api/session.ts';
import type { Session } from './api/types.ts';
import { App, applyDocumentLocale } from './app/App.tsx';
import { storedLocale, storedTheme, systemTheme, wasSignedIn } from './app/storage.ts';
import { DEFAULT_LOCALE, loadMessages, matchLocale } from './i18n/locales.ts';
import { matchPath } from './routes/router.tsx';
import { routes } from './routes/routes.ts';

// Bootstrap: ask for the session and load the likely catalogue in parallel, so that the first
// render is already in the right language (no flash of English).
async function start(): Promise<void> {
  const guess = storedLocale() ?? matchLocale(navigator.languages ?? [navigator.language]) ?? DEFAULT_LOCALE;
  const guessedMessages = loadMessages(guess);
  // A deep link to a lazy page (e.g. a Customers page): fetch its code while the session is checked.
  const route = routes.find((r) => matchPath(r.path, window.location.pathname));
  const pageCode = route?.preload?.().catch(() => {
    // rendering the route reports the failure
  });
  const probe = sessionApi.current();
  // Its first data too, when someone was signed in here before (issue 12 item 7: no waterfall of
  // session → page → data). Asked in the guessed language, which scopes the cache keys: if the
  // session's language differs, the page asks again in its own.
  const params = route?.preloadData && wasSignedIn() ? matchPath(route.path, window.location.pathname) : null;
  if (params) {
    setRequestLocale(guess);
    route?.preloadData?.(params, window.location.search);
  }
  let session: Session | null = null;
  try {
    session = await probe;
  } catch {
    // Server unreachable: show the sign-in page; signing in will report the problem.
    session = null;
  }
  // Nobody signed in: what was asked for nobody (401s) is not kept for whoever signs in next.
  if (!session && params) invalidate();
  // Default locale: the user's saved locale, else this device's choice or the browser's, else en.
  const locale = session?.user.locale ?? guess;
  const messages = locale === guess ? await guessedMessages : await loadMessages(locale);
  const theme = session?.user.theme ?? storedTheme() ?? systemTheme();
  if (session) setCsrfToken(session.csrfToken);
  // Usually here already (fetched alongside the session): the first render then needs no Suspense.
  if (session) await pageCode;
  applyDocumentLocale(locale);

  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App initial={{ session, locale, messages, theme }} />
    </StrictMode>,
  );
}

void start();
