import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type MessageFormatElement, parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';

// Issue 15 item 4, one vocabulary per language: docs/i18n/glossary.json (the twin of glossary.md)
// lists, per locale, the term the product uses for each domain concept and the variants it rejected.
// No catalogue (web UI, API errors and public pages, emails) may use a rejected variant, and every
// kept term must actually appear. Only the literal text of a message counts: {email} is a placeholder.

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const TRANSLATED = ['pl', 'sv', 'pt-PT', 'tr', 'nl'] as const;
type Translated = (typeof TRANSLATED)[number];

type Rejected = string | { term: string; caseSensitive?: boolean; wholeMessage?: boolean };
interface Concept {
  concept: string;
  term: string;
  present?: string[];
  seed: string | null;
  reason: string | null;
  rejected: Rejected[];
}
interface Glossary {
  catalogues: string[];
  locales: Record<Translated, Concept[]>;
}

const glossary = JSON.parse(readFileSync(join(ROOT, 'docs/i18n/glossary.json'), 'utf8')) as Glossary;
const glossaryMd = readFileSync(join(ROOT, 'docs/i18n/glossary.md'), 'utf8');

// The concepts the issue names; each translated locale must record a term for every one of them.
const REQUIRED_CONCEPTS = [
  'eligible',
  'ineligible',
  'complete (tab)',
  'add customer',
  'claim customer',
  'workshop claim',
  'trigger consent',
  'resend consent',
  'tenant ID',
  'TPID',
  'MPN location',
  'proof of execution',
  'reminder',
  'link',
  'enrolment',
  'consent',
  'customer contact',
  'deadline',
  'operator',
  'findings report',
  'engagement',
];

// The inconsistencies the walkthrough found: each must stay rejected.
const ISSUE_VARIANTS: Record<Translated, string[]> = {
  pl: ['Dowód realizacji', 'Dowodu realizacji', 'Zgłoszono klienta', 'Wyzwolij'],
  sv: ['Klient-ID', 'klient-ID:t', 'Utlöst'],
  'pt-PT': ['email', 'Email', 'carateres', 'noivado'],
  tr: ['Anımsatıcı', 'anımsatıcıyı', 'Sizce biliniyor', 'Önemsiz'],
  nl: ['koppeling', 'Tenant-ID', 'klantenmap'],
};

// ---- matching ---------------------------------------------------------------------------------

const WORD = '[\\p{L}\\p{N}_]';
const escapeRegExp = (s: string): string => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** A glossary pattern as a word-bounded regular expression: `*` is any letters, a space any spaces. */
function patternRegex(pattern: string, caseSensitive = false): RegExp {
  const body = pattern
    .split('*')
    .map((part) => escapeRegExp(part).replace(/\s+/g, '\\s+'))
    .join(`${WORD}*`);
  // Not inside a word, nor part of an address or a key (ana@email.pt, mail.email).
  return new RegExp(`(?<![\\p{L}\\p{N}_@.])${body}(?![\\p{L}\\p{N}_@])`, caseSensitive ? 'u' : 'iu');
}

function rejectedMatcher(entry: Rejected): { label: string; test: (text: string, whole: string) => boolean } {
  if (typeof entry === 'string') {
    const re = patternRegex(entry);
    return { label: entry, test: (text) => re.test(text) };
  }
  if (entry.wholeMessage) {
    return { label: `${entry.term} (whole message)`, test: (_text, whole) => whole.trim() === entry.term };
  }
  const re = patternRegex(entry.term, entry.caseSensitive);
  return { label: entry.term, test: (text) => re.test(text) };
}

/** The literal text of an ICU message; segments around placeholders are kept apart. */
function literalText(message: string): string {
  const out: string[] = [];
  const walk = (elements: MessageFormatElement[]): void => {
    for (const el of elements) {
      if (el.type === TYPE.literal) out.push(el.value);
      else if (el.type === TYPE.plural || el.type === TYPE.select) {
        for (const option of Object.values(el.options)) walk(option.value);
      } else if (el.type === TYPE.tag) walk(el.children);
      else out.push(' ¦ ');
    }
  };
  walk(parse(message, { ignoreTag: false }));
  return out.join('');
}

// ---- catalogues -------------------------------------------------------------------------------

/** Every catalogue directory under src/i18n (a directory with an en.json). */
function catalogueDirs(): string[] {
  const base = join(ROOT, 'src/i18n');
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(base, d.name, 'en.json')))
    .map((d) => `src/i18n/${d.name}`)
    .sort();
}

interface Message {
  where: string;
  text: string;
  whole: string;
}

function messages(locale: Translated): Message[] {
  const out: Message[] = [];
  for (const dir of glossary.catalogues) {
    const file = join(ROOT, dir, `${locale}.json`);
    const catalogue = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    for (const [key, value] of Object.entries(catalogue)) {
      out.push({ where: `${dir}/${locale}.json ${key}`, text: literalText(value), whole: value });
    }
  }
  return out;
}

// ---- tests ------------------------------------------------------------------------------------

describe('glossary matcher', () => {
  it('matches inflected and differently cased forms, word-bounded', () => {
    expect(patternRegex('dow*d* realizacji').test('Brak dowodów realizacji.')).toBe(true);
    expect(patternRegex('anımsatıcı*').test('Anımsatıcıyı gönder')).toBe(true);
    expect(patternRegex('link*').test('klinkier')).toBe(false);
    expect(patternRegex('klient-ID*').test('Kundens TPID/klient-ID är valfritt')).toBe(true);
    expect(patternRegex('klient-ID*').test('klientorganisations-ID')).toBe(false);
  });

  it('does not take an e-mail address, a placeholder or "e-mail" for the word email', () => {
    const email = patternRegex('email*');
    expect(email.test(literalText('Enviado para {name} ({email}).'))).toBe(false);
    expect(email.test('Escreva para ana@email.pt ou abra o e-mail.')).toBe(false);
    expect(email.test('O email foi enviado.')).toBe(true);
  });

  it('matches case exactly when asked to', () => {
    expect(patternRegex('Tenant-ID', true).test('Tenant-id of TPID')).toBe(false);
    expect(patternRegex('Tenant-ID', true).test('Tenant-ID of TPID')).toBe(true);
  });

  it('reads literal text in plural options and tags, not argument names', () => {
    const text = literalText('{n, plural, one {# dowód realizacji} other {<b>dowody</b> {email}}}');
    expect(text).toContain('dowód realizacji');
    expect(text).toContain('dowody');
    expect(text).not.toContain('email');
  });
});

describe('docs/i18n/glossary.json', () => {
  it('covers every catalogue directory', () => {
    expect([...glossary.catalogues].sort()).toEqual(catalogueDirs());
  });

  it.each(TRANSLATED)('%s records a term for every domain concept the issue names', (locale) => {
    const concepts = glossary.locales[locale].map((c) => c.concept);
    expect(REQUIRED_CONCEPTS.filter((c) => !concepts.includes(c))).toEqual([]);
  });

  it.each(TRANSLATED)('%s gives a reason wherever the product differs from the seed', (locale) => {
    const missing = glossary.locales[locale]
      .filter((c) => c.seed !== null && !c.seed.toLowerCase().includes(c.term.toLowerCase()) && !c.reason)
      .map((c) => c.concept);
    const rejectedWithoutReason = glossary.locales[locale]
      .filter((c) => c.rejected.length > 0 && !c.reason)
      .map((c) => c.concept);
    expect({ missing, rejectedWithoutReason }).toEqual({ missing: [], rejectedWithoutReason: [] });
  });

  it.each(TRANSLATED)('%s keeps rejecting the variants the walkthrough found', (locale) => {
    const matchers = glossary.locales[locale].flatMap((c) => c.rejected.map(rejectedMatcher));
    const notRejected = ISSUE_VARIANTS[locale].filter((v) => !matchers.some((m) => m.test(v, v)));
    expect(notRejected).toEqual([]);
  });

  it.each(TRANSLATED)('%s: glossary.md shows every term and rejected variant of the twin', (locale) => {
    const start = glossaryMd.indexOf(`## ${locale} `);
    expect(start, `glossary.md has a "## ${locale} …" section`).toBeGreaterThanOrEqual(0);
    const next = glossaryMd.indexOf('\n## ', start + 1);
    const section = glossaryMd.slice(start, next === -1 ? undefined : next).toLowerCase();
    const missing: string[] = [];
    for (const c of glossary.locales[locale]) {
      if (!section.includes(c.term.toLowerCase())) missing.push(`term ${c.term}`);
      for (const r of c.rejected) {
        const term = typeof r === 'string' ? r : r.term;
        if (!section.includes(term.toLowerCase())) missing.push(`rejected ${term}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

// A dialog is titled like the button that opens it ("Reenviar o pedido de consentimento: Contoso").
const BUTTON_OPENS_DIALOG: [button: string, title: string][] = [
  ['customers.action.triggerConsent', 'consent.wizard.title'],
  ['customers.action.resendConsent', 'consent.resend.title'],
  ['customers.action.claimCustomer', 'wizard.claim.title'],
  ['customers.add', 'wizard.add.title'],
  ['webhooks.action.edit', 'webhooks.editDialog.title'],
];

describe.each(['en', ...TRANSLATED])('%s buttons and the dialogs they open', (locale) => {
  it('read the same', () => {
    const web = JSON.parse(readFileSync(join(ROOT, 'src/i18n/web', `${locale}.json`), 'utf8')) as Record<
      string,
      string
    >;
    const differ = BUTTON_OPENS_DIALOG.filter(([button, title]) => {
      const label = web[button] ?? '';
      return label === '' || !(web[title] ?? '').toLowerCase().startsWith(label.toLowerCase());
    }).map(([button, title]) => `${button} "${web[button]}" vs ${title} "${web[title]}"`);
    expect(differ).toEqual([]);
  });
});

// Language names: inside a sentence or as a value a language is named in the UI's language
// (languageName, Intl.DisplayNames); only choosing a language lists each one in itself.
const SELF_NAMES_ALLOWED = ['web/features/shell/LocaleSwitcher.tsx', 'web/features/consent/contactForm.tsx'];

function webSources(dir = join(ROOT, 'web')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return webSources(path);
    return /\.tsx?$/.test(d.name) ? [path] : [];
  });
}

describe('language names in web components', () => {
  it('come from languageName, not the self-names, outside the language pickers', () => {
    const users = webSources()
      .map((path) => path.slice(ROOT.length + 1))
      .filter((path) => path !== 'web/i18n/locales.ts')
      .filter((path) => /\bLOCALE_NAMES\b/.test(readFileSync(join(ROOT, path), 'utf8')));
    expect(users.filter((path) => !SELF_NAMES_ALLOWED.includes(path))).toEqual([]);
  });

  it('are hard-coded nowhere else, and "(MPN ID …)" is never written in a component', () => {
    const found = webSources()
      .map((path) => path.slice(ROOT.length + 1))
      .filter((path) => path !== 'web/i18n/locales.ts')
      .filter((path) => {
        const code = readFileSync(join(ROOT, path), 'utf8')
          .split('\n')
          .filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line))
          .join('\n');
        return /['"`>](Polski|Svenska|Türkçe|Nederlands|Português)\b|\(MPN ID \$\{/.test(code);
      });
    expect(found).toEqual([]);
  });
});

describe.each(TRANSLATED)('%s catalogues follow the glossary', (locale) => {
  const all = messages(locale);

  it('use no rejected variant', () => {
    const found: string[] = [];
    for (const c of glossary.locales[locale]) {
      for (const m of c.rejected.map(rejectedMatcher)) {
        for (const msg of all) {
          if (m.test(msg.text, msg.whole))
            found.push(`${msg.where}: "${m.label}" (${c.concept}: use "${c.term}")`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('use every kept term', () => {
    const absent: string[] = [];
    for (const c of glossary.locales[locale]) {
      for (const pattern of c.present ?? [c.term]) {
        const re = patternRegex(pattern);
        if (!all.some((msg) => re.test(msg.text))) absent.push(`${c.concept}: ${pattern}`);
      }
    }
    expect(absent).toEqual([]);
  });
});
