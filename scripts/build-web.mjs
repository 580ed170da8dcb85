#!/usr/bin/env node
// Builds the SPA (web/ → dist/web) with Vite's JS API and prints one line.
//   node scripts/build-web.mjs              build (npm run build:web)
//   node scripts/build-web.mjs --if-missing build only when dist/web is missing or older than its
//                                           sources (npm's `prepare`, and cheap enough for `npm start`)
// Before building it checks the web message catalogues (src/i18n/web/*.json): same keys as en.json,
// valid ICU MessageFormat, the same arguments as English, and every CLDR plural category of the
// locale in every plural (quality §4: a missing key or a broken ICU message fails the build).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'web');
const catalogueDir = join(root, 'src', 'i18n', 'web');
const sources = [join(root, 'web'), catalogueDir, join(root, 'vite.config.ts')];
const LOCALES = ['en', 'pl', 'sv', 'pt-PT', 'tr', 'nl'];
/** Initial JS budget, gzip (quality §2, "Customers page in Chromium"). */
const BUDGET_BYTES = 250 * 1024;

const ifMissing = process.argv.includes('--if-missing');

function newestMtime(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function upToDate() {
  let built;
  try {
    built = statSync(join(outDir, 'index.html')).mtimeMs;
  } catch {
    return false;
  }
  return sources.every((source) => newestMtime(source) < built);
}

async function checkCatalogues() {
  const { IntlMessageFormat } = await import('intl-messageformat');
  // Categories the brief requires on top of what this Node's ICU reports.
  const required = { pl: ['one', 'few', 'many', 'other'], 'pt-PT': ['one', 'many', 'other'] };
  const problems = [];
  const load = (locale) => JSON.parse(readFileSync(join(catalogueDir, `${locale}.json`), 'utf8'));

  const argsOf = (ast, into = new Set()) => {
    for (const el of ast) {
      if ('value' in el && typeof el.value === 'string' && el.type !== 0 && el.type !== 7) into.add(el.value);
      if (el.options) for (const option of Object.values(el.options)) argsOf(option.value, into);
      if (el.children) argsOf(el.children, into);
    }
    return into;
  };
  const plurals = (ast, into = []) => {
    for (const el of ast) {
      if (el.type === 6 && el.pluralType !== 'ordinal') into.push(el);
      if (el.options) for (const option of Object.values(el.options)) plurals(option.value, into);
      if (el.children) plurals(el.children, into);
    }
    return into;
  };

  const parse = (locale, key, message) => {
    try {
      return new IntlMessageFormat(message, locale).getAst();
    } catch (error) {
      problems.push(`${locale}.json ${key}: invalid ICU message (${error.message})`);
      return null;
    }
  };

  const en = load('en');
  const enArgs = Object.fromEntries(
    Object.entries(en).map(([key, message]) => [
      key,
      [...argsOf(parse('en', key, message) ?? [])].sort().join(','),
    ]),
  );
  for (const locale of LOCALES) {
    let messages;
    try {
      messages = load(locale);
    } catch (error) {
      problems.push(`${locale}.json: ${error.message}`);
      continue;
    }
    const categories = new Set([
      ...new Intl.PluralRules(locale).resolvedOptions().pluralCategories,
      ...(required[locale] ?? []),
    ]);
    for (const key of Object.keys(en))
      if (!(key in messages)) problems.push(`${locale}.json: missing key ${key}`);
    for (const [key, message] of Object.entries(messages)) {
      if (!(key in en)) problems.push(`${locale}.json: key ${key} is not in en.json`);
      if (typeof message !== 'string' || message.trim() === '') {
        problems.push(`${locale}.json ${key}: empty or not a string`);
        continue;
      }
      const ast = parse(locale, key, message);
      if (!ast) continue;
      const args = [...argsOf(ast)].sort().join(',');
      if (key in en && args !== enArgs[key])
        problems.push(`${locale}.json ${key}: arguments {${args}} ≠ en {${enArgs[key]}}`);
      for (const plural of plurals(ast)) {
        const missing = [...categories].filter((c) => !(c in plural.options));
        if (missing.length)
          problems.push(`${locale}.json ${key}: plural {${plural.value}} lacks ${missing.join(', ')}`);
      }
    }
  }
  return problems;
}

/** gzip size of the JS the browser loads before the first render: the entry and its modulepreloads. */
async function initialJsGzip() {
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  const files = new Set();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) files.add(m[1]);
  let total = 0;
  for (const file of files) total += gzipSync(await readFile(join(outDir, file.replace(/^\//, '')))).length;
  return total;
}

async function main() {
  if (ifMissing && upToDate()) {
    console.log('web: dist/web is up to date');
    return;
  }
  const started = performance.now();
  const problems = await checkCatalogues();
  if (problems.length) {
    console.error(`web: ${problems.length} problem(s) in src/i18n/web:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  const { build } = await import('vite');
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'error', mode: 'production' });
  const gzip = await initialJsGzip();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const kb = (gzip / 1024).toFixed(1);
  const over = gzip > BUDGET_BYTES;
  console.log(
    `web: built ${relative(process.cwd(), outDir) || '.'} in ${seconds} s, initial JS ${kb} kB gzip (budget 250 kB${over ? ', OVER BUDGET' : ''})`,
  );
  // `prepare` must not break an install over the budget; an explicit build does fail on it.
  if (over && !ifMissing) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`web: build failed: ${error?.message ?? error}`);
  process.exitCode = 1;
});
