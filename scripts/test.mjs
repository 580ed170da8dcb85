#!/usr/bin/env node
// `npm test`: every test layer in one command (unit, medium on PGlite and PostgreSQL 15, HTTP, and
// Playwright e2e in Chromium with axe), then one closing line "N passed, N failed[, N skipped]".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const PG_DIRS = [process.env.MCI_PG_BIN, '/usr/lib/postgresql/15/bin'].filter(Boolean);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const missing = [];
if (!PG_DIRS.some((dir) => existsSync(`${dir}/initdb`))) {
  missing.push(
    'PostgreSQL 15 server binaries (the medium tests start their own server):\n    sudo apt-get install -y postgresql-15\n  or set MCI_PG_BIN to a directory holding initdb and pg_ctl of PostgreSQL 15.',
  );
}
if (!existsSync(CHROMIUM)) {
  missing.push(
    `Chromium for the Playwright tests (never downloaded by the tests):\n    sudo apt-get install -y chromium\n  or set CHROMIUM_PATH to a Chromium binary (looked for ${CHROMIUM}).`,
  );
}
if (missing.length) {
  console.error(`Cannot run the tests; missing:\n  - ${missing.join('\n  - ')}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

mkdirSync('test-results', { recursive: true });
const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

const build = run(process.execPath, ['scripts/build-web.mjs', '--if-missing']);
const vitest = run(process.execPath, [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
]);
const playwright = build === 0 ? run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test']) : 1;

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
const unit = readJson('test-results/vitest.json');
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests + (unit.numRuntimeErrorTestSuites ?? 0);
  skipped += unit.numPendingTests + unit.numTodoTests;
} else failed += 1;
const e2e = readJson('test-results/e2e.json');
if (e2e?.stats) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
} else failed += 1;
// A layer that crashed without reporting a failing test still fails the run.
if ((vitest !== 0 || playwright !== 0 || build !== 0) && failed === 0) failed = 1;

console.log(
  `\nvitest: ${unit ? `${unit.numPassedTests} passed, ${unit.numFailedTests} failed` : 'no report'}; playwright: ${e2e?.stats ? `${e2e.stats.expected} passed, ${e2e.stats.unexpected} failed` : 'no report'}`,
);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
