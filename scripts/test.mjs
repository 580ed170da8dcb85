#!/usr/bin/env node
// `npm test`: every test layer in one command (unit, medium on PGlite and PostgreSQL 15, HTTP, and
// Playwright e2e in Chromium with axe), then one closing line "N passed, N failed".
//
// The run must not be able to report green on a broken tree (issue 10): a failed suite or hook, a
// focused test (`.only`) anywhere, or a skipped test that is not declared in test/allowed-skips.json
// fails it; the counts come from the runners' own reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { summarise } from './test-summary.mjs';

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
// A report left over from an earlier run must never be read as this run's.
for (const report of ['test-results/vitest.json', 'test-results/e2e.json']) rmSync(report, { force: true });

const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

const build = run(process.execPath, ['scripts/build-web.mjs', '--if-missing']);
const vitest = run(process.execPath, [
  'node_modules/vitest/vitest.mjs',
  'run',
  '--allowOnly=false',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
]);
// FORBID_ONLY makes playwright.config.ts set forbidOnly whatever CI says.
const playwright =
  build === 0
    ? run(process.execPath, ['node_modules/@playwright/test/cli.js', 'test'], { FORBID_ONLY: '1' })
    : 1;

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

// Skips are allowed only when declared, with a reason, in one reviewed list (empty today).
const allowedSkips = new Set((readJson('test/allowed-skips.json') ?? []).map((entry) => entry.test));
const unit = readJson('test-results/vitest.json');
const e2e = readJson('test-results/e2e.json');
const verdict = summarise(unit, e2e, allowedSkips);
const { passed, problems } = verdict;
let { failed } = verdict;

// A layer that exited non-zero without a counted failure still fails the run.
for (const [name, status] of [
  ['web build', build],
  ['vitest', vitest],
  ['playwright', playwright],
]) {
  if (status !== 0) {
    problems.push(`${name} exited with ${status}`);
    if (failed === 0) failed = 1;
  }
}

console.log(
  `\nvitest: ${unit ? `${unit.numPassedTests} passed, ${unit.numFailedTests} failed, ${unit.numFailedTestSuites} failed suites` : 'no report'}; ` +
    `playwright: ${e2e?.stats ? `${e2e.stats.expected} passed, ${e2e.stats.unexpected} failed, ${e2e.stats.flaky} flaky, ${e2e.stats.skipped} skipped` : 'no report'}`,
);
if (problems.length) console.log(`\nThe run failed:\n  - ${problems.join('\n  - ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
