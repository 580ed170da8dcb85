import type { Locale, Theme } from '../api/types.ts';
import { isLocale } from '../i18n/locales.ts';

// Signed-out visitors keep their language and theme choice in localStorage; signed-in users'
// choices are saved on the server (PATCH /me/preferences) and follow them across devices.

const LOCALE_KEY = 'mci.locale';
const THEME_KEY = 'mci.theme';
const SIGNED_IN_KEY = 'mci.signedIn';

function get(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function set(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // storage disabled (private mode, policy): the choice lasts for this page only
  }
}

export function storedLocale(): Locale | null {
  const value = get(LOCALE_KEY);
  return isLocale(value) ? value : null;
}
export function storeLocale(locale: Locale): void {
  set(LOCALE_KEY, locale);
}

export function storedTheme(): Theme | null {
  const value = get(THEME_KEY);
  return value === 'light' || value === 'dark' ? value : null;
}
export function storeTheme(theme: Theme): void {
  set(THEME_KEY, theme);
}

export function systemTheme(): Theme {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/**
 * Whether someone was signed in on this device and has not signed out since: only then does a first
 * load ask for its page's data before the session probe answers (main.tsx), so that visitors and
 * devices that never had a session do not send requests bound to fail. Nothing about the user is kept.
 */
export function wasSignedIn(): boolean {
  return get(SIGNED_IN_KEY) === '1';
}
export function rememberSignedIn(signedIn: boolean): void {
  set(SIGNED_IN_KEY, signedIn ? '1' : null);
}
