import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/i18n/locales.ts';

// Spec §9 and quality §4: six locales, correct CLDR plural categories for every message with a count,
// and a missing key or a broken ICU message fails CI. Both catalogue sets are checked: the server's
// (API errors, emails, public pages) and the web UI's. A missing file is a failure, never a skip.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const SIX = ['en', 'pl', 'sv', 'pt-PT', 'tr', 'nl'] as const;
type LocaleTag = (typeof SIX)[number];
const TRANSLATED = SIX.filter((l) => l !== 'en');
const SETS = ['server', 'web'] as const;
type CatalogueSet = (typeof SETS)[number];
type Catalogue = Record<string, string>;

// Messages longer than 20 characters that may legitimately read exactly as in English (product names,
// literal technical text). Keep this short: everything else equal to English is an untranslated string.
const SAME_AS_ENGLISH: Record<CatalogueSet, readonly string[]> = {
  server: [],
  web: [],
};
const COPY_CHECK_MIN_LENGTH = 20;

function cataloguePath(set: CatalogueSet, locale: LocaleTag): string {
  return join(ROOT, 'src/i18n', set, `${locale}.json`);
}

const loaded = new Map<string, Catalogue | Error>();

/** Reads one catalogue; throws (so the calling test fails) if it is missing or not a flat string map. */
function catalogue(set: CatalogueSet, locale: LocaleTag): Catalogue {
  const id = `${set}/${locale}`;
  let entry = loaded.get(id);
  if (!entry) {
    const path = cataloguePath(set, locale);
    try {
      const data: unknown = JSON.parse(readFileSync(path, 'utf8'));
      if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        throw new Error('not a JSON object');
      }
      const bad = Object.entries(data).filter(([, v]) => typeof v !== 'string');
      if (bad.length > 0) throw new Error(`non-string values: ${bad.map(([k]) => k).join(', ')}`);
      entry = data as Catalogue;
    } catch (error) {
      entry = new Error(`catalogue ${relative(ROOT, path)}: ${(error as Error).message}`);
    }
    loaded.set(id, entry);
  }
  if (entry instanceof Error) throw entry;
  return entry;
}

// ---- AST helpers -------------------------------------------------------------------------------

interface PluralUse {
  name: string;
  kind: 'cardinal' | 'ordinal';
  options: string[];
}

interface Usage {
  /** Placeholder names, with tags as `<name>`. */
  names: Set<string>;
  numbers: Set<string>;
  dates: Set<string>;
  selects: Map<string, string[]>;
  plurals: PluralUse[];
  tags: Set<string>;
}

function usage(elements: MessageFormatElement[], into?: Usage): Usage {
  const u: Usage = into ?? {
    names: new Set(),
    numbers: new Set(),
    dates: new Set(),
    selects: new Map(),
    plurals: [],
    tags: new Set(),
  };
  for (const el of elements) {
    switch (el.type) {
      case TYPE.argument:
        u.names.add(el.value);
        break;
      case TYPE.number:
        u.names.add(el.value);
        u.numbers.add(el.value);
        break;
      case TYPE.date:
      case TYPE.time:
        u.names.add(el.value);
        u.dates.add(el.value);
        break;
      case TYPE.select:
        u.names.add(el.value);
        u.selects.set(el.value, [...(u.selects.get(el.value) ?? []), ...Object.keys(el.options)]);
        for (const option of Object.values(el.options)) usage(option.value, u);
        break;
      case TYPE.plural:
        u.names.add(el.value);
        u.numbers.add(el.value);
        u.plurals.push({
          name: el.value,
          kind: el.pluralType ?? 'cardinal',
          options: Object.keys(el.options),
        });
        for (const option of Object.values(el.options)) usage(option.value, u);
        break;
      case TYPE.tag:
        u.names.add(`<${el.value}>`);
        u.tags.add(el.value);
        usage(el.children, u);
        break;
      default:
        break;
    }
  }
  return u;
}

function pluralCategories(locale: string, kind: 'cardinal' | 'ordinal'): string[] {
  return new Intl.PluralRules(locale, { type: kind }).resolvedOptions().pluralCategories;
}

const SAMPLE_COUNTS = [0, 1, 2, 3, 4, 5, 11, 12, 21, 22, 25, 101, 1.5, 1_000_000];

/** Parameter sets that walk every plural category and every select branch of a message. */
function sampleParams(u: Usage): Record<string, unknown>[] {
  const base: Record<string, unknown> = {};
  for (const name of u.names) if (!name.startsWith('<')) base[name] = `[${name}]`;
  for (const name of u.dates) base[name] = new Date(Date.UTC(2025, 0, 31, 12, 0, 0));
  for (const tag of u.tags) base[tag] = (chunks: unknown[]) => chunks.join('');
  for (const [name, options] of u.selects) base[name] = options.find((o) => o !== 'other') ?? 'other';
  const sets: Record<string, unknown>[] = [];
  for (const n of u.numbers.size > 0 ? SAMPLE_COUNTS : [0]) {
    const params = { ...base };
    for (const name of u.numbers) params[name] = n;
    sets.push(params);
  }
  for (const [name, options] of u.selects) {
    for (const option of [...options, 'something-else']) sets.push({ ...base, [name]: option });
  }
  return sets;
}

function parsed(message: string): MessageFormatElement[] {
  return parse(message, { ignoreTag: false, requiresOtherClause: true });
}

function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

// ---- tests -------------------------------------------------------------------------------------

describe('locales', () => {
  it('the product ships exactly the six languages of the source pages (spec §9)', () => {
    expect([...LOCALES].sort()).toEqual([...SIX].sort());
  });

  it('Intl.PluralRules knows the CLDR categories this test relies on', () => {
    expect(sorted(pluralCategories('en', 'cardinal'))).toEqual(['one', 'other']);
    expect(sorted(pluralCategories('pl', 'cardinal'))).toEqual(['few', 'many', 'one', 'other']);
    expect(sorted(pluralCategories('pt-PT', 'cardinal'))).toEqual(['many', 'one', 'other']);
    for (const l of ['sv', 'tr', 'nl'])
      expect(sorted(pluralCategories(l, 'cardinal'))).toEqual(['one', 'other']);
  });
});

describe.each(SETS)('%s catalogues', (set) => {
  describe.each(SIX)('%s', (locale) => {
    it('exists and is a flat map of strings', () => {
      const messages = catalogue(set, locale);
      expect(Object.keys(messages).length).toBeGreaterThan(0);
    });

    it('every message parses and formats with sample parameters', () => {
      const failures: string[] = [];
      for (const [key, message] of Object.entries(catalogue(set, locale))) {
        try {
          const u = usage(parsed(message));
          const format = new IntlMessageFormat(message, locale);
          for (const params of sampleParams(u)) {
            const out = format.format(params as Record<string, string>);
            const text = Array.isArray(out) ? out.join('') : String(out);
            if (text.trim() === '') throw new Error(`empty output for ${JSON.stringify(params)}`);
          }
        } catch (error) {
          failures.push(`${key}: ${(error as Error).message}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('every plural gives each CLDR category of the locale, and no category the locale lacks', () => {
      const failures: string[] = [];
      for (const [key, message] of Object.entries(catalogue(set, locale))) {
        let plurals: PluralUse[];
        try {
          plurals = usage(parsed(message)).plurals;
        } catch {
          continue; // reported by the parse test
        }
        for (const p of plurals) {
          const wanted = pluralCategories(locale, p.kind);
          const given = p.options.filter((o) => !o.startsWith('='));
          const missing = wanted.filter((c) => !given.includes(c));
          const extra = given.filter((c) => !wanted.includes(c));
          if (missing.length > 0) failures.push(`${key} {${p.name}}: missing ${missing.join(', ')}`);
          if (extra.length > 0)
            failures.push(`${key} {${p.name}}: not a ${locale} category: ${extra.join(', ')}`);
        }
      }
      expect(failures).toEqual([]);
    });
  });

  describe.each(TRANSLATED)('%s against en', (locale) => {
    it('has exactly the keys of en (none missing, none extra)', () => {
      const en = Object.keys(catalogue(set, 'en'));
      const keys = Object.keys(catalogue(set, locale));
      expect({
        missing: en.filter((k) => !keys.includes(k)),
        extra: keys.filter((k) => !en.includes(k)),
      }).toEqual({ missing: [], extra: [] });
    });

    it('every message uses the same placeholders (and tags) as en', () => {
      const en = catalogue(set, 'en');
      const failures: string[] = [];
      for (const [key, message] of Object.entries(catalogue(set, locale))) {
        const source = en[key];
        if (source === undefined) continue; // reported by the key test
        try {
          const want = sorted(usage(parsed(source)).names);
          const got = sorted(usage(parsed(message)).names);
          if (want.join('|') !== got.join('|'))
            failures.push(`${key}: en has {${want}}, ${locale} has {${got}}`);
        } catch {
          // reported by the parse test
        }
      }
      expect(failures).toEqual([]);
    });

    it(`is translated: no message over ${COPY_CHECK_MIN_LENGTH} characters is a copy of en`, () => {
      const en = catalogue(set, 'en');
      const allowed = new Set(SAME_AS_ENGLISH[set]);
      const copies = Object.entries(catalogue(set, locale))
        .filter(([key, message]) => message.length > COPY_CHECK_MIN_LENGTH && message === en[key])
        .map(([key]) => key)
        .filter((key) => !allowed.has(key));
      expect(copies).toEqual([]);
    });
  });

  it('the allow-list of untranslated messages names only keys that exist', () => {
    const en = catalogue(set, 'en');
    expect(SAME_AS_ENGLISH[set].filter((k) => !(k in en))).toEqual([]);
  });
});

describe('Polish plural forms ("1 dzień / 2 dni / 5 dni", spec §9)', () => {
  const rules = new Intl.PluralRules('pl');

  it('CLDR maps 1 → one, 2–4 → few, 5–21 → many, 22 → few, fractions → other', () => {
    expect([1, 2, 4, 5, 12, 21, 22, 25, 1.5].map((n) => rules.select(n))).toEqual([
      'one',
      'few',
      'few',
      'many',
      'many',
      'many',
      'few',
      'many',
      'other',
    ]);
  });

  /** The pl plural messages with a single count, formatted with the count n and the digits masked. */
  function pluralTexts(set: CatalogueSet) {
    const out: { key: string; text: (n: number) => string }[] = [];
    for (const [key, message] of Object.entries(catalogue(set, 'pl'))) {
      let u: Usage;
      try {
        u = usage(parsed(message));
      } catch {
        continue; // reported by the parse test
      }
      const counts = [...new Set(u.plurals.filter((p) => p.kind === 'cardinal').map((p) => p.name))];
      if (counts.length === 0) continue;
      const format = new IntlMessageFormat(message, 'pl');
      const [base] = sampleParams(u);
      out.push({
        key,
        text: (n) => {
          const params = { ...base };
          for (const name of u.numbers) params[name] = n;
          return String(format.format(params as Record<string, string>)).replaceAll(String(n), '#');
        },
      });
    }
    return out;
  }

  it.each(SETS)('%s: every plural message picks a different text for 1 and 5', (set) => {
    const same = pluralTexts(set)
      .filter(({ text }) => text(1) === text(5))
      .map(({ key }) => key);
    expect(same).toEqual([]);
  });

  it('a plural message picks different texts for 2 (few) and 5 (many)', () => {
    const all = SETS.flatMap((set) => pluralTexts(set));
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter(({ text }) => text(2) !== text(5)).length).toBeGreaterThan(0);
  });

  it('Try again in 1 sekundę / 2 sekundy / 5 sekund / 22 sekundy (server error.RateLimited)', () => {
    const message = catalogue('server', 'pl')['error.RateLimited'];
    if (message === undefined) return; // the key test reports a removed key against en
    const f = new IntlMessageFormat(message, 'pl');
    expect(f.format({ seconds: 1 })).toContain('1 sekundę');
    expect(f.format({ seconds: 2 })).toContain('2 sekundy');
    expect(f.format({ seconds: 5 })).toContain('5 sekund');
    expect(f.format({ seconds: 12 })).toContain('12 sekund');
    expect(f.format({ seconds: 22 })).toContain('22 sekundy');
  });

  /** Names of the counts that en words as days ("{n, plural, one {# day} other {# days}}"). */
  function dayCounts(elements: MessageFormatElement[], into: string[] = []): string[] {
    for (const el of elements) {
      if (el.type === TYPE.plural && /\bdays?\b/i.test(JSON.stringify(el.options))) into.push(el.value);
      if (el.type === TYPE.plural || el.type === TYPE.select) {
        for (const option of Object.values(el.options)) dayCounts(option.value, into);
      }
      if (el.type === TYPE.tag) dayCounts(el.children, into);
    }
    return into;
  }

  it.each(SETS)('%s: day counts read "1 dzień / 2 dni / 5 dni / 22 dni" wherever en counts days', (set) => {
    const en = catalogue(set, 'en');
    const pl = catalogue(set, 'pl');
    const failures: string[] = [];
    for (const [key, source] of Object.entries(en)) {
      const message = pl[key];
      if (message === undefined) continue; // reported by the key test
      let names: string[];
      let base: Record<string, unknown> | undefined;
      try {
        names = dayCounts(parsed(source));
        [base] = sampleParams(usage(parsed(message)));
      } catch {
        continue; // reported by the parse test
      }
      for (const name of names) {
        const f = new IntlMessageFormat(message, 'pl');
        const text = (n: number) => String(f.format({ ...base, [name]: n } as Record<string, string>));
        if (!text(1).includes('dzień')) failures.push(`${key}: 1 → ${text(1)}`);
        for (const n of [2, 5, 22])
          if (!new RegExp(`(^|\\D)${n} dni(?!\\p{L})`, 'u').test(text(n)))
            failures.push(`${key}: ${n} → ${text(n)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
