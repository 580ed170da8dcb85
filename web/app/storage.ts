import type { Locale, Theme } from '../api/types.ts';
import { isLocale } from '../i18n/locales.ts';

// Signed-out visitors keep their language and theme choice in localStorage; signed-in users'
// choices are saved on the server (PATCH /me/preferences) and follow them across devices.

const LOCALE_KEY = 'mci.locale';
const THEME_KEY = 'mci.theme';

function get(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function set(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
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
