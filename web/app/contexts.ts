import { createContext, useContext } from 'react';
import type { Locale, Session, Theme, User } from '../api/types.ts';

export interface Preferences {
  locale: Locale;
  theme: Theme;
  /** Switches the UI language; saved for the signed-in user. Resolves once the catalogue is shown. */
  setLocale(locale: Locale): Promise<void>;
  /** Shows the UI in a language without saving the choice (e.g. the consent page in the email's language). */
  showLocale(locale: Locale): Promise<void>;
  setTheme(theme: Theme): Promise<void>;
}

export interface SessionState {
  session: Session | null;
  user: User | null;
  /** Called by the sign-in form with the server's answer. */
  signedIn(session: Session): Promise<void>;
  signOut(): Promise<void>;
  /** Re-reads the session (e.g. after the user changed their own roles). */
  refresh(): Promise<void>;
}

export const PreferencesContext = createContext<Preferences | null>(null);
export const SessionContext = createContext<SessionState | null>(null);

export function usePreferences(): Preferences {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences outside <App>');
  return value;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside <App>');
  return value;
}

/** The signed-in user; only for components rendered behind the signed-in guard. */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a session');
  return user;
}
