// The verdict of a test run from the runners' own reports (Vitest's and Playwright's JSON), kept apart
// from scripts/test.mjs so that a test can feed it real reports of broken runs (issue 10: the run must
// not be able to report green on a broken tree).

const SKIPPED = new Set(['skipped', 'pending', 'todo', 'disabled']);

/**
 * @param {any} vitest the Vitest JSON report (or null when it wrote none)
 * @param {any} playwright the Playwright JSON report (or null), or undefined when that layer did not run
 * @param {Set<string>} allowedSkips full names of tests whose skip is declared in test/allowed-skips.json
 * @returns {{ passed: number, failed: number, problems: string[] }}
 */
export function summarise(vitest, playwright, allowedSkips = new Set()) {
  const problems = [];
  let passed = 0;
  let failed = 0;

  if (vitest) {
    passed += vitest.numPassedTests;
    failed += vitest.numFailedTests;
    for (const suite of vitest.testResults ?? []) {
      const tests = suite.assertionResults ?? [];
      // A suite can fail without a failing test: a throwing hook, an import error, a focused test.
      if (suite.status === 'failed' && !tests.some((t) => t.status === 'failed')) {
        failed += 1;
        problems.push(`suite failed outside its tests: ${suite.name}: ${firstLine(suite.message)}`);
      }
      for (const t of tests) {
        if (SKIPPED.has(t.status) && !allowedSkips.has(t.fullName)) {
          failed += 1;
          problems.push(`skipped test not declared in test/allowed-skips.json: ${t.fullName}`);
        }
      }
    }
  } else {
    failed += 1;
    problems.push('vitest wrote no report');
  }

  if (playwright === undefined) return { passed, failed, problems };
  if (playwright?.stats) {
    passed += playwright.stats.expected;
    // Retries are off; a flaky result still means a test failed once.
    failed += playwright.stats.unexpected + playwright.stats.flaky;
    for (const error of playwright.errors ?? []) {
      failed += 1;
      problems.push(`playwright: ${firstLine(error.message ?? String(error))}`);
    }
    const walk = (suite, path) => {
      for (const spec of suite.specs ?? [])
        for (const test of spec.tests ?? []) {
          const title = [...path, spec.title].join(' › ');
          if (test.status === 'skipped' && !allowedSkips.has(title)) {
            failed += 1;
            problems.push(`skipped e2e test not declared in test/allowed-skips.json: ${title}`);
          }
        }
      for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
    };
    for (const suite of playwright.suites ?? []) walk(suite, [suite.title]);
  } else {
    failed += 1;
    problems.push('playwright wrote no report');
  }
  return { passed, failed, problems };
}

function firstLine(text) {
  return String(text ?? '').split('\n')[0];
}
