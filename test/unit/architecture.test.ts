import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The dependency rule of docs/ARCHITECTURE.md, enforced: each layer may import only what it lists.
const ROOT = resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

interface Import {
  file: string;
  target: string;
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const source = readFileSync(file, 'utf8');
  const found: Import[] = [];
  const re =
    /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const match of source.matchAll(re)) {
    const spec = match[3] ?? match[4]!;
    const target = spec.startsWith('.') ? relative(ROOT, resolve(file, '..', spec)) : spec;
    found.push({ file: relative(ROOT, file), target, typeOnly: Boolean(match[2]) });
  }
  return found;
}

const layer = (path: string) => {
  const m = /^(src\/[a-z0-9-]+|web)(\/|$)/.exec(path);
  return m ? m[1]! : path.startsWith('src/') ? 'src' : 'external';
};

// For each layer: the layers of ours it may import (values), and whether bare packages are allowed.
const RULES: Record<string, { ours: string[]; packages: RegExp; typeOnly?: string[] }> = {
  'src/domain': { ours: ['src/domain'], packages: /^$/ },
  // The contracts carry the lifecycle's derived sets (pure domain code) to the web (issue 11).
  'src/contracts': { ours: ['src/contracts', 'src/domain'], packages: /^zod$/ },
  'src/app': {
    // src/i18n is pure formatting (catalogues, ICU): use cases render emails and notices with it.
    // No query builder and no adapter: the use cases know the database only through the store's
    // ports (ADR 0013, issue 11). csv-parse reads uploads (pure parsing, no I/O of its own; ADR 0020).
    ours: ['src/app', 'src/domain', 'src/contracts', 'src/i18n'],
    packages: /^(node:.*|csv-parse(\/sync)?)$/,
    typeOnly: ['src/jobs'],
  },
  'src/http': { ours: ['src/http', 'src/app', 'src/contracts', 'src/domain', 'src/i18n'], packages: /./ },
  'src/jobs': {
    ours: ['src/jobs', 'src/app', 'src/contracts', 'src/domain', 'src/i18n'],
    packages: /./,
    typeOnly: ['src/adapters'],
  },
  'src/i18n': { ours: ['src/i18n'], packages: /^(intl-messageformat|node:.*)$/ },
  // Adapters implement the app's ports (the store, the clock, the queue): never the HTTP layer, the
  // composition root or the seed.
  'src/adapters': {
    ours: ['src/adapters', 'src/app', 'src/domain', 'src/i18n', 'src/jobs', 'src/contracts'],
    packages: /./,
  },
  // The demo and bench data: written through the schema and the read model, never through HTTP.
  'src/seed': { ours: ['src/seed', 'src/domain', 'src/adapters', 'src/app'], packages: /./ },
  // The composition root may wire everything (`src` holds the configuration and the command line).
  'src/main': {
    ours: [
      'src/main',
      'src/adapters',
      'src/app',
      'src/contracts',
      'src/domain',
      'src/http',
      'src/i18n',
      'src/jobs',
      'src/seed',
      'src',
    ],
    packages: /./,
  },
  web: { ours: ['web', 'src/contracts', 'src/i18n'], packages: /./ },
};

describe('dependency rule', () => {
  const all = [...files(join(ROOT, 'src')), ...files(join(ROOT, 'web'))].flatMap(importsOf);

  for (const [from, rule] of Object.entries(RULES)) {
    it(`${from} imports only ${rule.ours.join(', ')}${rule.typeOnly ? ` (and types of ${rule.typeOnly.join(', ')})` : ''}`, () => {
      const bad = all
        .filter((i) => layer(i.file) === from)
        .filter((i) => {
          if (!i.target.startsWith('src/') && !i.target.startsWith('web'))
            return !rule.packages.test(i.target);
          const to = layer(i.target);
          if (rule.ours.includes(to)) return false;
          if (i.typeOnly && rule.typeOnly?.includes(to)) return false;
          return true;
        })
        .map((i) => `${i.file} -> ${i.target}${i.typeOnly ? ' (type)' : ''}`);
      expect(bad).toEqual([]);
    });
  }

  it('finds the imports it checks (the rule cannot pass vacuously)', () => {
    expect(all.filter((i) => layer(i.file) === 'src/app').length).toBeGreaterThan(5);
    expect(all.filter((i) => layer(i.file) === 'src/http').length).toBeGreaterThan(5);
  });
});
