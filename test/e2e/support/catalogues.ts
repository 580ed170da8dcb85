import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';

// Expected UI text comes from the same catalogues the app uses, so the tests check the wiring
// (the right message, locale and plural form) rather than duplicating translations.

export const LOCALES = ['en', 'pl', 'sv', 'pt-PT', 'tr', 'nl'] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_NAMES: Record<Locale, string> = {
  en: 'English',
  pl: 'Polski',
  sv: 'Svenska',
  'pt-PT': 'Português (Portugal)',
  tr: 'Türkçe',
  nl: 'Nederlands',
};

const cache = new Map<Locale, Record<string, string>>();

function catalogue(locale: Locale): Record<string, string> {
  let messages = cache.get(locale);
  if (!messages) {
    messages = JSON.parse(
      readFileSync(join(process.cwd(), 'src/i18n/web', `${locale}.json`), 'utf8'),
    ) as Record<string, string>;
    cache.set(locale, messages);
  }
  return messages;
}

/** The text the app shows for a message id, formatted like react-intl does. */
export function t(locale: Locale, id: string, values?: Record<string, string | number>): string {
  const message = catalogue(locale)[id];
  if (message === undefined) throw new Error(`no message ${id} in ${locale}`);
  return String(new IntlMessageFormat(message, locale).format(values));
}
