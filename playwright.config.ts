import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// Browser journeys against the real server (`mci start`) on a fresh embedded database
// (architecture §3: "a few Playwright journeys"). Chromium comes from the OS (Debian's `chromium`);
// Playwright never downloads browsers here (architecture §4 traps).
//
// The config is evaluated by the runner and again in each worker: the port and the data directory
// are chosen once, in the runner, and handed to the workers through the environment.

function freePort(): number {
  // Synchronous, because the config is: ask the OS for a free loopback port in a child process.
  const script =
    "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  const port = Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  return Number.isInteger(port) && port > 0 ? port : 3100 + Math.floor(Math.random() * 800);
}

process.env.E2E_PORT ??= String(freePort());
if (!process.env.E2E_DATA_DIR) {
  process.env.E2E_DATA_DIR = mkdtempSync(join(tmpdir(), 'mci-e2e-'));
  process.env.E2E_DATA_DIR_OWNED = '1'; // created here, so global teardown may delete it
}

const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/artifacts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // A focused test anywhere fails the run (issue 10): npm test sets FORBID_ONLY, CI sets CI.
  forbidOnly: !!(process.env.CI || process.env.FORBID_ONLY),
  // The journeys are long (tens of steps, each page checked with axe) and CI has two cores: the limit
  // only guards against a hang, every step still waits for what it asserts.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  globalTeardown: './test/e2e/support/global-teardown.ts',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL,
    locale: 'en-US',
    colorScheme: 'light',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    // Builds the SPA only if dist/web is missing or stale, then serves it with the API.
    command: 'node scripts/build-web.mjs --if-missing && node bin/mci.mjs start',
    url: `${baseURL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      MCI_DATA_DIR: process.env.E2E_DATA_DIR,
      MCI_E2E: '1',
      // The consent journeys move time on (zz-consent-expiry.spec.ts runs last).
      MCI_TEST_CLOCK: '1',
      // The Webhooks page's journey registers a receiver on http://127.0.0.1 (webhooks.spec.ts; ADR 0019).
      MCI_WEBHOOKS_ALLOW_PRIVATE: '1',
      // As behind a reverse proxy: each test's requests carry their own client address
      // (X-Forwarded-For, test/e2e/support/fixtures.ts), so the per-address rate limits count per test.
      TRUST_PROXY: '1',
    },
  },
});
