import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LOCALE, type Locale } from './locales.ts';
import en from './server/en.json' with { type: 'json' };
import nl from './server/nl.json' with { type: 'json' };
import pl from './server/pl.json' with { type: 'json' };
import ptPT from './server/pt-PT.json' with { type: 'json' };
import sv from './server/sv.json' with { type: 'json' };
import tr from './server/tr.json' with { type: 'json' };
import webEn from './web/en.json' with { type: 'json' };
import webNl from './web/nl.json' with { type: 'json' };
import webPl from './web/pl.json' with { type: 'json' };
import webPtPT from './web/pt-PT.json' with { type: 'json' };
import webSv from './web/sv.json' with { type: 'json' };
import webTr from './web/tr.json' with { type: 'json' };

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

/** The pages' words, for files the server writes that must say what the screen says (the export). */
const WEB_CATALOGUES: Record<Locale, Record<string, string>> = {
  en: webEn,
  pl: webPl,
  sv: webSv,
  'pt-PT': webPtPT,
  tr: webTr,
  nl: webNl,
};

const cache = new Map<string, IntlMessageFormat>();

function format(
  catalogues: Record<Locale, Record<string, string>>,
  locale: Locale,
  key: string,
  params: MessageParams,
): string {
  const source = catalogues[locale][key] ?? catalogues[DEFAULT_LOCALE][key];
  if (source === undefined) return key;
  const id = `${catalogues === WEB_CATALOGUES ? 'web' : 'server'}\u0000${locale}\u0000${key}`;
  let message = cache.get(id);
  if (!message) {
    message = new IntlMessageFormat(source, locale);
    cache.set(id, message);
  }
  return String(message.format(params));
}

export function translate(locale: Locale, key: MessageKey | string, params: MessageParams = {}): string {
  return format(SERVER_CATALOGUES, locale, key, params);
}

/** A message of the web catalogue, formatted on the server: the same words as the page. */
export function screenWords(locale: Locale, key: string, params: MessageParams = {}): string {
  return format(WEB_CATALOGUES, locale, key, params);
}

export function hasMessage(key: string): boolean {
  return key in SERVER_CATALOGUES[DEFAULT_LOCALE];
}
