import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LOCALE, type Locale } from './locales.ts';
import en from './server/en.json' with { type: 'json' };
import nl from './server/nl.json' with { type: 'json' };
import pl from './server/pl.json' with { type: 'json' };
import ptPT from './server/pt-PT.json' with { type: 'json' };
import sv from './server/sv.json' with { type: 'json' };
import tr from './server/tr.json' with { type: 'json' };

// Server-side messages (API errors, emails, public pages). Each call formats with the locale it is
// given: the server never has a global "current locale" (architecture §3, render per recipient).
export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number | Date>;

export const SERVER_CATALOGUES: Record<Locale, Record<string, string>> = {
  en,
  pl,
  sv,
  'pt-PT': ptPT,
  tr,
  nl,
};

const cache = new Map<string, IntlMessageFormat>();

export function translate(locale: Locale, key: MessageKey | string, params: MessageParams = {}): string {
  const catalogue = SERVER_CATALOGUES[locale];
  const source = catalogue[key] ?? SERVER_CATALOGUES[DEFAULT_LOCALE][key];
  if (source === undefined) return key;
  const id = `${locale}\u0000${key}`;
  let format = cache.get(id);
  if (!format) {
    format = new IntlMessageFormat(source, locale);
    cache.set(id, format);
  }
  return String(format.format(params));
}

export function hasMessage(key: string): boolean {
  return key in SERVER_CATALOGUES[DEFAULT_LOCALE];
}
