import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { openDatabase } from '../src/adapters/db/database.ts';
import { migrateToLatest } from '../src/adapters/db/migrate.ts';
import { ROOT, WEB_ROOT } from '../src/main/runtime.ts';
import { BENCH_IDS, BENCH_USER_EMAIL, generateBenchData } from '../src/seed/bench-data.ts';
import { seedDemo } from '../src/seed/demo.ts';
import {
  firstRowsAfterNavigation,
  recordFirstRows,
  switchTab,
  type TabId,
} from '../test/support/page-timing.ts';
import { startPostgres } from '../test/support/postgres-server.ts';
import { startBenchApp } from './bench-app.ts';
import { absolute, type Row } from './rows.ts';

// Issue 12 item 7 / quality §2 "Customers page in Chromium": a measurement, not a test (never asserted;
// the machine is shared and noisy). The built SPA (dist/web) and the API are served by the real
// composition (bench-app.ts, as `mci start` composes them) over a PostgreSQL 15 server started here,
// holding the demo data and, for the bench partner, 10 k records on one workshop (the bench data
// generator; no mocked API). In Playwright's Chromium (/usr/bin/chromium, launched as in
// playwright.config.ts) it measures, on each data set:
//   - first rows after navigation: ms from navigation start to the first data row of the ready tab
//     panel in the DOM; cold = a new browser context (empty HTTP cache), warm = median of 3 reloads;
//   - tab switch: click to rows painted, 3 rounds over the three tabs, median and max;
//   - scrolling down the Eligible tab through 2,000 rows (infinite scroll loads pages of 100), with
//     the long tasks (PerformanceObserver 'longtask', > 50 ms) counted;
// and the initial JS of the built bundle (entry and modulepreloads, gzip), as scripts/build-web.mjs
// measures its budget.

const RECORDS = 10_000;
const SCROLL_ROWS = 2_000;

/**
 * Scrolls the window down 120 px a frame (about 3 rows a frame, 180 rows/s at 60 Hz) until row
 * `target` is above the bottom of the viewport, or the end of a shorter list; infinite scroll loads
 * the pages meanwhile. Long tasks are observed only during the scroll.
 */
function scrollThrough(page: Page, target: number) {
  return page.evaluate(
    (target) =>
      new Promise<{ rows: number; ms: number; frames: number; longTasks: number; longestMs: number }>(
        (resolve) => {
          const durations: number[] = [];
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) durations.push(entry.duration);
          });
          observer.observe({ type: 'longtask' });
          const panel = document.getElementById('customers-panel-eligible')!;
          const pageSize = panel.querySelector('tbody[data-page]')?.querySelectorAll('tr').length || 100;
          const reached = () => {
            let rows = 0;
            for (const body of panel.querySelectorAll<HTMLElement>('tbody[data-page]')) {
              const index = Number(body.dataset.page);
              for (const [i, tr] of [...body.querySelectorAll('tr')].entries())
                if (tr.getBoundingClientRect().bottom <= window.innerHeight)
                  rows = Math.max(rows, index * pageSize + i + 1);
            }
            return rows;
          };
          const started = performance.now();
          let frames = 0;
          let lastHeight = 0;
          let stillSince = started;
          const step = () => {
            frames++;
            window.scrollBy(0, 120);
            const rows = reached();
            const height = document.documentElement.scrollHeight;
            const atBottom = window.innerHeight + window.scrollY >= height - 2;
            if (height !== lastHeight || !atBottom) stillSince = performance.now();
            lastHeight = height;
            // Done at the target row, or at the bottom of a list that stopped growing (2 s: the end).
            const done = rows >= target || performance.now() - stillSince > 2000;
            if (!done && performance.now() - started < 120_000) {
              requestAnimationFrame(step);
              return;
            }
            // Let a last long task be reported before counting.
            setTimeout(() => {
              observer.disconnect();
              resolve({
                rows,
                ms: performance.now() - started,
                frames,
                longTasks: durations.length,
                longestMs: Math.max(0, ...durations),
              });
            }, 100);
          };
          requestAnimationFrame(step);
        },
      ),
    target,
  );
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** gzip size of the JS loaded before the first render: the entry script and its modulepreloads. */
function initialJsGzip(): number {
  const html = readFileSync(join(WEB_ROOT, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) files.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) files.add(m[1]!);
  let total = 0;
  for (const file of files) total += gzipSync(readFileSync(join(WEB_ROOT, file.replace(/^\//, '')))).length;
  return total;
}

/**
 * With `MCI_BENCH_BROWSER_PROFILE=<dir>`, the page's JavaScript during `fn` is profiled (Chrome DevTools
 * Protocol) into `<dir>/<name>.cpuprofile`, to name what stands in the way of a bar; otherwise just `fn`.
 */
async function profiled<T>(context: BrowserContext, page: Page, name: string, fn: () => Promise<T>) {
  const dir = process.env.MCI_BENCH_BROWSER_PROFILE;
  if (!dir) return fn();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  }
}

async function measurePage(
  browser: Browser,
  address: string,
  cookie: string,
  engagementId: string,
  data: string,
  counts: Record<TabId, number>,
  bars: { warmFirstRowsMs: number },
): Promise<Row[]> {
  const [name, value] = cookie.split('=') as [string, string];
  const context = await browser.newContext({
    locale: 'en-US',
    colorScheme: 'light',
    viewport: { width: 1280, height: 800 },
  });
  try {
    await context.addCookies([{ name, value, url: address }]);
    const page = await context.newPage();
    // tsx compiles this file with esbuild's keepNames: functions sent to the page call its `__name`
    // helper, which the page does not have.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.addInitScript(recordFirstRows);
    const url = `${address}/engagements/${engagementId}/customers?tab=eligible`;
    const cold = await firstRowsAfterNavigation(page, url);
    const warm: number[] = [];
    for (let i = 0; i < 2; i++) warm.push(await firstRowsAfterNavigation(page, url));
    const slug = data.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    warm.push(
      await profiled(context, page, `${slug}-warm-navigation`, () => firstRowsAfterNavigation(page, url)),
    );

    // Give the background prefetch of the other two tabs its moment, as a reading user would.
    await page.waitForTimeout(300);
    const switches: number[] = [];
    for (let i = 0; i < 3; i++)
      for (const to of ['ineligible', 'complete', 'eligible'] as const)
        switches.push(await switchTab(page, to));

    await firstRowsAfterNavigation(page, url);
    await page.waitForTimeout(300);
    const scroll = await profiled(context, page, `${slug}-scroll`, () => scrollThrough(page, SCROLL_ROWS));

    const database = 'browser';
    return [
      {
        database,
        workload: `${data}: rows on the tabs (eligible / ineligible / complete)`,
        value: counts.eligible,
        unit: `/ ${counts.ineligible} / ${counts.complete}`,
      },
      {
        database,
        workload: `${data}: first rows after navigation, cold (new context)`,
        value: Math.round(cold),
        unit: 'ms',
      },
      absolute(
        {
          database,
          workload: `${data}: first rows after navigation, warm (median of 3)`,
          value: Math.round(median(warm)),
          unit: 'ms',
        },
        ['≤', bars.warmFirstRowsMs],
      ),
      absolute(
        {
          database,
          workload: `${data}: tab switch, median of ${switches.length}`,
          value: Math.round(median(switches)),
          unit: 'ms',
        },
        ['≤', 100],
      ),
      {
        database,
        workload: `${data}: tab switch, max of ${switches.length}`,
        value: Math.round(Math.max(...switches)),
        unit: 'ms',
      },
      absolute(
        {
          database,
          workload: `${data}: long tasks > 50 ms scrolling through ${scroll.rows} rows`,
          value: scroll.longTasks,
          unit: 'tasks',
          note: `(${(scroll.ms / 1000).toFixed(1)} s, ${scroll.frames} frames, longest task ${Math.round(scroll.longestMs)} ms)`,
        },
        ['≤', 0],
      ),
    ];
  } finally {
    await context.close();
  }
}

export async function benchBrowser(): Promise<Row[]> {
  // The SPA as `mci start` serves it (built only when missing or older than its sources).
  const build = spawnSync(process.execPath, ['scripts/build-web.mjs', '--if-missing'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('web build failed');
  const rows: Row[] = [
    absolute(
      {
        database: 'browser',
        workload: 'initial JS of the built bundle (entry + modulepreloads, gzip)',
        value: +(initialJsGzip() / 1024).toFixed(1),
        unit: 'kB',
      },
      ['≤', 250],
    ),
  ];

  const server = await startPostgres();
  let browser: Browser | undefined;
  try {
    const admin = await openDatabase({ kind: 'postgres', url: server.url('postgres'), poolSize: 1 });
    await admin.executor.executeSql('create database browser');
    await admin.close();
    const handle = await openDatabase({ kind: 'postgres', url: server.url('browser'), poolSize: 20 });
    await migrateToLatest(handle.db);
    await seedDemo(handle.db, new Date());
    await generateBenchData(handle.db, {
      tenants: 2 * RECORDS,
      nominations: RECORDS + RECORDS / 5,
      partnerNominations: RECORDS,
      now: new Date(),
    });
    const app = await startBenchApp(handle, BENCH_USER_EMAIL);
    try {
      const ada = await app.signIn('ada@treyresearch.example');
      const api = async <T>(cookie: string, path: string) => {
        const response = await fetch(`${app.address}/api/v1${path}`, { headers: { cookie } });
        if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
        return (await response.json()) as T;
      };
      const demo = (
        await api<{ value: { id: string; code: string }[] }>(ada.cookie, '/engagements')
      ).value.find((e) => e.code === 'SEC-WS');
      if (!demo) throw new Error('no SEC-WS engagement for Ada in the demo data');
      const counts = (cookie: string, id: string) =>
        api<Record<TabId, number>>(cookie, `/engagements/${id}/customers/counts`);
      const benchCounts = await counts(app.cookie, BENCH_IDS.engagement);
      const demoCounts = await counts(ada.cookie, demo.id);

      browser = await chromium.launch({
        // As playwright.config.ts launches it: Debian's Chromium, never a downloaded one.
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
      });
      rows.push(
        ...(await measurePage(
          browser,
          app.address,
          app.cookie,
          BENCH_IDS.engagement,
          `Customers page, ${RECORDS / 1000} k records`,
          benchCounts,
          { warmFirstRowsMs: 1000 },
        )),
        ...(await measurePage(
          browser,
          app.address,
          ada.cookie,
          demo.id,
          'Customers page, demo data (SEC-WS, Ada)',
          demoCounts,
          { warmFirstRowsMs: 300 },
        )),
      );
    } finally {
      await browser?.close();
      await app.close();
      await handle.close();
    }
  } finally {
    server.stop();
  }
  return rows;
}
