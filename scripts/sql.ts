// `npm run sql`: regenerates the checked-in SQL of the key queries (src/adapters/db/repositories/sql).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKED_QUERIES, compiler, sqlText } from '../src/adapters/db/repositories/checked-queries.ts';

const DIR = join(import.meta.dirname, '../src/adapters/db/repositories/sql');
mkdirSync(DIR, { recursive: true });
for (const file of readdirSync(DIR)) if (file.endsWith('.sql')) rmSync(join(DIR, file));
for (const [name, build] of Object.entries(CHECKED_QUERIES))
  writeFileSync(join(DIR, `${name}.sql`), sqlText(name, build(compiler)));
console.log(`wrote ${Object.keys(CHECKED_QUERIES).length} queries to ${DIR}`);
