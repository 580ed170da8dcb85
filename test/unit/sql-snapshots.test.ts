import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECKED_QUERIES, compiler, sqlText } from '../../src/adapters/db/repositories/checked-queries.ts';

// ADR 0013: the key list and lifecycle queries have their SQL checked in next to the repositories;
// a change of the generated SQL fails here until `npm run sql` writes it (and a reviewer reads the diff).
const DIR = resolve(import.meta.dirname, '../../src/adapters/db/repositories/sql');

describe('checked-in SQL', () => {
  for (const [name, build] of Object.entries(CHECKED_QUERIES)) {
    it(`${name} is the SQL the repository runs`, () => {
      expect(readFileSync(join(DIR, `${name}.sql`), 'utf8')).toBe(sqlText(name, build(compiler)));
    });
  }
  it('holds no file for a query that no longer exists', () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith('.sql'));
    expect(files.sort()).toEqual(
      Object.keys(CHECKED_QUERIES)
        .map((n) => `${n}.sql`)
        .sort(),
    );
  });
});
