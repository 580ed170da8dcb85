import { LOCALES, type Locale } from '../api/types.ts';

export { LOCALES, type Locale };

/**
 * Each locale named in its own language: only for choosing a language (the switcher and the
 * customer's preferred language, spec §9). Inside a sentence or as a value, use `languageName`.
 */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  pl: 'Polski',
  sv: 'Svenska',
  'pt-PT': 'Português (Portugal)',
  tr: 'Türkçe',
  nl: 'Nederlands',
};

export const DEFAULT_LOCALE: Locale = 'en';

const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * A language named in the UI's language ("szwedzki" in a Polish sentence, never "Svenska"), through
 * `Intl.DisplayNames` (issue 15: no language's own name inserted into another language's sentence).
 * An unknown tag is shown as it is.
 */
export function languageName(tag: string, uiLocale: string): string {
  let names = displayNames.get(uiLocale);
  if (!names) {
    try {
      names = new Intl.DisplayNames([uiLocale], { type: 'language', languageDisplay: 'standard' });
    } catch {
      return tag;
    }
    displayNames.set(uiLocale, names);
  }
  try {
    return names.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Best supported locale for a list of BCP 47 tags (navigator.languages): exact match first, then
 * by language (pt-BR and pt both map to pt-PT, the only Portuguese we have).
 */
export function matchLocale(tags: readonly string[]): Locale | null {
  for (const tag of tags) {
    const exact = LOCALES.find((l) => l.toLowerCase() === tag.toLowerCase());
    if (exact) return exact;
    const language = tag.split('-')[0]?.toLowerCase();
    const byLanguage = LOCALES.find((l) => l.split('-')[0]?.toLowerCase() === language);
    if (byLanguage) return byLanguage;
  }
  return null;
}

import type en from '../../src/i18n/web/en.json';

/** The id of a message of the catalogues (en.json is the source of truth for the keys). */
export type MessageId = keyof typeof en;
/** A complete catalogue (scripts/build-web.mjs checks that every locale has every key of en). */
export type Messages = Record<MessageId, string>;

// One lazily loaded chunk per catalogue: only the active locale is downloaded.
const catalogues = import.meta.glob<Messages>('../../src/i18n/web/*.json', { import: 'default' });

export async function loadMessages(locale: Locale): Promise<Messages> {
  const load = catalogues[`../../src/i18n/web/${locale}.json`];
  if (!load) throw new Error(`No message catalogue for ${locale}`);
  return load();
}
