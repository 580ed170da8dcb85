import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Docs true to the code (issue 11): every backticked path of ours that the architecture, the web's
// README and the decisions name must exist. Globs and placeholders (`*`, `<aggregate>`) are skipped.
const ROOT = resolve(import.meta.dirname, '../..');

const DOCS = [
  'docs/ARCHITECTURE.md',
  'web/README.md',
  ...readdirSync(join(ROOT, 'docs/decisions'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/decisions/${name}`),
];

/** A path of ours: a known top folder, then a file with an extension or a folder with a trailing slash. */
const PATH = /^(src|web|test|bench|docs|scripts)\/(?:[^\s`]*\.[A-Za-z0-9]+|[^\s`]*\/)$/;

function pathsIn(markdown: string): string[] {
  const found = new Set<string>();
  for (const [, span] of markdown.matchAll(/`([^`\n]+)`/g)) {
    // A span may hold a path with a suffix (`src/domain/lifecycle.ts:96`) or a call around it.
    const candidate = span!.trim().replace(/:\d+(-\d+)?$/, '');
    if (/[*<>{}]/.test(candidate)) continue;
    if (PATH.test(candidate)) found.add(candidate);
  }
  return [...found];
}

describe('paths named in the docs exist', () => {
  it('finds paths to check (the test cannot pass vacuously)', () => {
    expect(pathsIn(readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8')).length).toBeGreaterThan(30);
  });

  it('skips globs and placeholders, and reads paths with a trailing slash or an extension', () => {
    expect(
      pathsIn('`src/app/store/` `src/a/*.sql` `src/<aggregate>.ts` `src/x.ts:12` `src/y` `npm run sql`'),
    ).toEqual(['src/app/store/', 'src/x.ts']);
  });

  for (const doc of DOCS) {
    it(`${doc} names only paths that exist`, () => {
      const missing = pathsIn(readFileSync(join(ROOT, doc), 'utf8')).filter(
        (path) => !existsSync(join(ROOT, path)),
      );
      expect(missing).toEqual([]);
    });
  }
});
