import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

// Timing the Customers page in Chromium (quality §2), shared by the e2e measurement
// (test/e2e/customers-performance.spec.ts) and the browser bench (bench/browser.ts): both measure the
// same moments the same way.

export type TabId = 'eligible' | 'ineligible' | 'complete';

/** Init script: records when the first data row of a ready, visible tab panel appears. */
export function recordFirstRows() {
  const w = window as unknown as { __firstRowsAt: number | null };
  w.__firstRowsAt = null;
  const check = () => {
    if (w.__firstRowsAt !== null) return;
    for (const panel of document.querySelectorAll<HTMLElement>('[role="tabpanel"][data-state="ready"]'))
      if (panel.checkVisibility() && panel.querySelector('tbody tr')) w.__firstRowsAt = performance.now();
  };
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-state'],
  });
}

/**
 * Navigates and returns the ms from navigation start to the first rows (`recordFirstRows` must be an
 * init script of the page). Without rows in 30 s it fails with a screenshot and the page's text.
 */
export async function firstRowsAfterNavigation(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page
    .waitForFunction(
      () => (window as unknown as { __firstRowsAt: number | null }).__firstRowsAt !== null,
      undefined,
      { timeout: 30_000 },
    )
    .catch(async (error: unknown) => {
      const shot = join(tmpdir(), `mci-first-rows-${Date.now()}.png`);
      await page.screenshot({ path: shot, fullPage: false }).catch(() => {});
      const text = (
        await page
          .locator('body')
          .textContent()
          .catch(() => '')
      )?.slice(0, 500);
      throw new Error(`no rows at ${page.url()} (screenshot ${shot}): ${text}\n${String(error)}`);
    });
  return page.evaluate(() => (window as unknown as { __firstRowsAt: number }).__firstRowsAt);
}

/** Clicks a tab and waits, frame by frame, until its rows are painted; returns the elapsed ms. */
export function switchTab(page: Page, to: TabId): Promise<number> {
  return page.evaluate(
    (to) =>
      new Promise<number>((resolve) => {
        const tab = document.getElementById(`customers-tab-${to}`) as HTMLElement;
        const started = performance.now();
        tab.click();
        // Checked at the start of each frame; the first frame that finds the rows paints them, and a
        // task posted from its rAF callback runs once that frame is painted.
        const check = () => {
          const panel = document.getElementById(`customers-panel-${to}`);
          if (panel?.checkVisibility() && panel.dataset.state === 'ready' && panel.querySelector('tbody tr'))
            setTimeout(() => resolve(performance.now() - started), 0);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    to,
  );
}
