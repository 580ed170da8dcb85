import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module of the test runner, without type declarations
import { summarise } from '../../scripts/test-summary.mjs';

// Issue 10: `npm test` must not report green on a broken tree. Real Vitest and Playwright runs over
// small broken test files (written to a temp dir at run time) produce real reports; the verdict of
// scripts/test-summary.mjs over them must be a failure. Before the fix a throwing beforeAll counted as
// skipped and a focused test next to a failing one exited 0.

const ROOT = resolve(import.meta.dirname, '../..');
// Built at run time so that no test file of the repository contains a focused or skipped test.
const only = ['it', 'only'].join('.');
const skip = ['it', 'skip'].join('.');

function vitestReport(files: Record<string, string>, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'mci-runner-'));
  writeFileSync(join(dir, 'vitest.config.mjs'), 'export default { test: { include: ["*.check.ts"] } };\n');
  for (const [name, source] of Object.entries(files)) writeFileSync(join(dir, name), source);
  const out = join(dir, 'report.json');
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vitest/vitest.mjs'),
      'run',
      '--root',
      dir,
      '--reporter=json',
      `--outputFile=${out}`,
      ...args,
    ],
    { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: '' } },
  );
  return { status: run.status, report: JSON.parse(readFileSync(out, 'utf8')) };
}

const header = "import { beforeAll, expect, it } from 'vitest';\n";

// Each case starts a real Vitest or Node process: on a loaded two-core machine that takes a while.
describe('the verdict of a test run', { timeout: 120_000 }, () => {
  it('fails when a suite hook throws, although no test reports a failure', () => {
    const { report } = vitestReport({
      'hook.check.ts': `${header}beforeAll(() => { throw new Error('broken set-up'); });\nit('looks fine', () => expect(1).toBe(1));\n`,
    });
    expect(report.numFailedTests).toBe(0); // what the old runner read
    const verdict = summarise(report, undefined, new Set());
    expect(verdict.failed).toBeGreaterThan(0);
    expect(verdict.problems.join('\n')).toMatch(/hook\.check\.ts/);
  });

  it('fails on a focused test, even when the focused test passes', () => {
    const { status, report } = vitestReport(
      {
        'focused.check.ts': `${header}${only}('focused', () => expect(1).toBe(1));\nit('failing', () => expect(1).toBe(2));\n`,
      },
      ['--allowOnly=false'],
    );
    expect(status).not.toBe(0);
    expect(summarise(report, undefined, new Set()).failed).toBeGreaterThan(0);
  });

  it('fails on a skipped test unless its skip is declared', () => {
    const { report } = vitestReport({
      'skipped.check.ts': `${header}${skip}('later', () => expect(1).toBe(2));\nit('now', () => expect(1).toBe(1));\n`,
    });
    const name = 'later';
    expect(summarise(report, undefined, new Set()).failed).toBe(1);
    expect(summarise(report, undefined, new Set([name])).failed).toBe(0);
  });

  it('passes a healthy run and counts exactly what the runner counted', () => {
    const { report } = vitestReport({ 'fine.check.ts': `${header}it('a', () => {});\nit('b', () => {});\n` });
    expect(summarise(report, undefined, new Set())).toEqual({ passed: 2, failed: 0, problems: [] });
  });

  it('fails when a layer wrote no report', () => {
    expect(summarise(null, undefined, new Set()).failed).toBe(1);
    const vitest = { numPassedTests: 1, numFailedTests: 0, testResults: [] };
    expect(summarise(vitest, null, new Set()).failed).toBe(1);
  });

  it('fails on a Playwright report with a flaky, skipped or load-time error', () => {
    const vitest = { numPassedTests: 1, numFailedTests: 0, testResults: [] };
    const clean = { stats: { expected: 3, unexpected: 0, flaky: 0, skipped: 0 }, errors: [], suites: [] };
    expect(summarise(vitest, clean, new Set())).toEqual({ passed: 4, failed: 0, problems: [] });
    expect(summarise(vitest, { ...clean, stats: { ...clean.stats, flaky: 1 } }, new Set()).failed).toBe(1);
    const focused = {
      ...clean,
      errors: [{ message: 'Error: focused item found in the --forbid-only mode' }],
    };
    expect(summarise(vitest, focused, new Set()).failed).toBe(1);
    const skipped = {
      ...clean,
      suites: [{ title: 'a.spec.ts', specs: [{ title: 'later', tests: [{ status: 'skipped' }] }] }],
    };
    expect(summarise(vitest, skipped, new Set()).failed).toBe(1);
    expect(summarise(vitest, skipped, new Set(['a.spec.ts › later'])).failed).toBe(0);
  });

  it('the repository declares no skipped test, and npm test forbids focused Playwright tests', () => {
    expect(JSON.parse(readFileSync(join(ROOT, 'test/allowed-skips.json'), 'utf8'))).toEqual([]);
    const script = `import('${join(ROOT, 'playwright.config.ts')}').then((m) => process.stdout.write(String(m.default.forbidOnly)))`;
    const forbid = (env: Record<string, string>) =>
      execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, CI: '', FORBID_ONLY: '', E2E_DATA_DIR: tmpdir(), E2E_PORT: '1', ...env },
      });
    expect(forbid({ FORBID_ONLY: '1' })).toBe('true');
    expect(forbid({ CI: 'true' })).toBe('true');
    expect(readFileSync(join(ROOT, 'scripts/test.mjs'), 'utf8')).toMatch(/FORBID_ONLY: '1'/);
    expect(readFileSync(join(ROOT, 'scripts/test.mjs'), 'utf8')).toMatch(/--allowOnly=false/);
  }, 120_000);
});
