import type { Page, Request } from '@playwright/test';
import { expect } from './fixtures.ts';

// Reflow (WCAG 1.4.10, quality §4 "responsive to 320 px"): at 320 px nothing scrolls sideways but a
// table inside its own keyboard-focusable region. Measured with the fonts the machine has (a fresh
// Debian: DejaVu only, wider than Segoe UI), so real text is what is checked.

/**
 * What scrolls sideways on the page as it is now, described for a failure message; empty when it
 * reflows. Checked: the document itself (`scrollWidth <= clientWidth + 1`); every other scrolling
 * box (a dialog's content, the body while a dialog locks the page's scrolling) unless it is a
 * focusable region holding a table; and every open dialog's surface staying inside the viewport
 * (a fixed dialog wider than the screen is cut off without making the document wider).
 */
export function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const problems: string[] = [];
    const nameOf = (el: Element) => {
      const role = el.getAttribute('role');
      const name = el.getAttribute('aria-label');
      const fui = [...el.classList].find((c) => c.startsWith('fui-'));
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
      return `<${el.tagName.toLowerCase()}${role ? ` role=${role}` : ''}${name ? ` "${name}"` : ''}${fui ? ` .${fui}` : ''}> “${text}”`;
    };
    const scrolls = (el: Element) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    const insideScroller = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement)
        if (scrolls(a)) return true;
      return false;
    };

    if (root.scrollWidth > width + 1) {
      // Name what sticks out: boxes, and text that overflows its box (a long unbroken string).
      const culprits: string[] = [];
      for (const el of document.body.querySelectorAll('*')) {
        if (el.getBoundingClientRect().right > width + 1 && !insideScroller(el)) culprits.push(nameOf(el));
      }
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        const right = Math.max(0, ...[...range.getClientRects()].map((r) => r.right));
        if (right > width + 1 && node.parentElement && !insideScroller(node.parentElement))
          culprits.push(
            `text “${(node.textContent ?? '').trim().slice(0, 60)}” reaching ${Math.round(right)} px`,
          );
      }
      problems.push(
        `the page is ${root.scrollWidth} px wide in a ${width} px viewport; sticking out: ${culprits.slice(-6).join('; ')}`,
      );
    }
    for (const el of document.body.querySelectorAll('*')) {
      if (!scrolls(el) || el.scrollWidth <= el.clientWidth + 1) continue;
      const tableRegion = (el as HTMLElement).tabIndex >= 0 && el.querySelector('table') !== null;
      if (!tableRegion)
        problems.push(
          `${nameOf(el)} scrolls sideways: ${el.scrollWidth} px of content in ${el.clientWidth} px`,
        );
    }
    if (document.body.scrollWidth > document.body.clientWidth + 1 && scrolls(document.body))
      problems.push(
        `the body scrolls sideways: ${document.body.scrollWidth} px in ${document.body.clientWidth} px`,
      );
    for (const dialog of document.querySelectorAll('[role="dialog"], [role="alertdialog"]')) {
      const box = dialog.getBoundingClientRect();
      if (box.left < -1 || box.right > window.innerWidth + 1)
        problems.push(
          `${nameOf(dialog)} spans ${Math.round(box.left)}–${Math.round(box.right)} px of ${window.innerWidth}`,
        );
    }
    return problems;
  });
}

/** Fails with what sticks out when the page (or an open dialog) scrolls sideways. */
export async function expectReflow(page: Page, label: string): Promise<void> {
  expect(await reflowProblems(page), `${label}: sideways scrolling`).toEqual([]);
}

/**
 * Counts the page's requests under way (documents, scripts, API calls), so that a check can wait
 * until what a page loads has arrived, whatever the page.
 */
export class RequestTracker {
  private readonly pending = new Set<Request>();
  private started = 0;

  constructor(page: Page) {
    const counts = (r: Request) =>
      ['document', 'script', 'fetch', 'xhr', 'stylesheet'].includes(r.resourceType());
    page.on('request', (r) => {
      if (!counts(r)) return;
      this.pending.add(r);
      this.started += 1;
    });
    const done = (r: Request) => this.pending.delete(r);
    page.on('requestfinished', done);
    page.on('requestfailed', done);
  }

  /** Waits until nothing is loading or spinning, and nothing new started over two frames after that. */
  async settled(page: Page): Promise<void> {
    await expect
      .poll(
        async () => {
          if (this.pending.size > 0) return false;
          if ((await page.getByRole('progressbar').count()) > 0) return false;
          const before = this.started;
          await page.evaluate(
            () =>
              new Promise<void>((resolve) =>
                requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
              ),
          );
          return this.started === before && this.pending.size === 0;
        },
        { message: 'the page finished loading (no request under way, no spinner)' },
      )
      .toBe(true);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
  }
}

/** An open dialog's opening transition is over (its size is final). */
export async function dialogSettled(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page
        .locator('[role="dialog"], [role="alertdialog"]')
        .evaluateAll((dialogs) =>
          dialogs.reduce(
            (n, d) => n + d.getAnimations({ subtree: true }).filter((a) => a.playState === 'running').length,
            0,
          ),
        ),
    )
    .toBe(0);
}
