import { createHash } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';

// Shared journey helpers. Every test fails on an unexpected console error or uncaught exception in
// the page (architecture §3); a test declares the errors it provokes on purpose.

export const DEMO_PASSWORD = 'demo';
export const USERS = {
  ada: 'ada@treyresearch.example',
  ben: 'ben@treyresearch.example',
  cleo: 'cleo@treyresearch.example',
} as const;

interface ExpectedError {
  text: RegExp;
  url?: RegExp;
}

export interface ConsoleGuard {
  /** Declares a console error this test provokes on purpose (e.g. the 401 of a wrong password). */
  expect(error: ExpectedError): void;
}

// Chromium logs every 4xx/5xx fetch as a console error. The signed-out session probe (GET /session →
// 401) is how the app learns nobody is signed in, so it is expected everywhere.
const ALWAYS_EXPECTED: ExpectedError[] = [{ text: /status of 401/, url: /\/api\/v1\/session$/ }];

/**
 * The client address a test's requests come from (the server trusts X-Forwarded-For in the e2e run,
 * as behind a reverse proxy): one loopback address per test, derived from its id. The sign-in limits
 * count per address and account (src/http/rate-limits.ts), and the suite signs in as Ada hundreds of
 * times from one machine: on a fast one, ten of those fell into one minute and the eleventh was
 * refused with 429 (CI of 2026-12-06). Each test is one visitor, so each has its own address, and
 * the limits still hold within a test.
 */
function clientAddress(testInfo: TestInfo): string {
  const [a, b, c] = createHash('sha256').update(`${testInfo.testId}:${testInfo.retry}`).digest();
  return `127.${a}.${b}.${c}`;
}

export const test = base.extend<{ consoleGuard: ConsoleGuard; announcements: Announcements }>({
  // Every context a test opens (its page, browser.newContext(), request contexts) inherits this.
  extraHTTPHeaders: async ({ extraHTTPHeaders }, use, testInfo) => {
    await use({ ...extraHTTPHeaders, 'x-forwarded-for': clientAddress(testInfo) });
  },
  consoleGuard: [
    async ({ page }, use) => {
      const expected = [...ALWAYS_EXPECTED];
      const unexpected: string[] = [];
      const matches = (text: string, url: string) =>
        expected.some((e) => e.text.test(text) && (!e.url || e.url.test(url)));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const url = message.location().url ?? '';
        if (!matches(message.text(), url)) unexpected.push(`${message.text()} (${url})`);
      });
      page.on('pageerror', (error) => unexpected.push(`uncaught: ${error.message}`));
      await use({ expect: (error) => expected.push(error) });
      expect(unexpected, 'unexpected console errors in the page').toEqual([]);
    },
    { auto: true },
  ],
  announcements: async ({ page }, use) => {
    await page.addInitScript(recordAnnouncements);
    await use(new Announcements(page));
  },
});

export { expect };

/**
 * Records what would reach a screen reader: calls to ariaNotify (which Fluent's AriaLiveAnnouncer
 * uses when the browser has it) and text added to aria-live regions (its fallback).
 */
function recordAnnouncements() {
  const log: string[] = [];
  (window as unknown as { __announcements: string[] }).__announcements = log;
  for (const proto of [Document.prototype, Element.prototype] as unknown as Record<string, unknown>[]) {
    const original = proto.ariaNotify as
      | ((this: unknown, message: string, options?: unknown) => void)
      | undefined;
    if (typeof original !== 'function') continue;
    proto.ariaNotify = function (this: unknown, message: string, options?: unknown) {
      log.push(String(message));
      return original.call(this, message, options);
    };
  }
  const observe = () =>
    new MutationObserver((mutations) => {
      for (const m of mutations) {
        const node = m.target instanceof Element ? m.target : m.target.parentElement;
        const live = node?.closest('[aria-live]');
        if (live && live.getAttribute('aria-live') !== 'off' && live.textContent?.trim())
          log.push(live.textContent.trim());
      }
    }).observe(document.documentElement, { subtree: true, childList: true, characterData: true });
  if (document.documentElement) observe();
  else document.addEventListener('DOMContentLoaded', observe);
}

export class Announcements {
  constructor(private readonly page: Page) {}
  async all(): Promise<string[]> {
    return this.page.evaluate(
      () => (window as unknown as { __announcements?: string[] }).__announcements ?? [],
    );
  }
  /** Waits until something containing `text` was announced. */
  async expectAnnounced(text: string | RegExp): Promise<void> {
    await expect
      .poll(
        async () =>
          (await this.all()).some((a) => (typeof text === 'string' ? a.includes(text) : text.test(a))),
        {
          message: `announcement ${text}`,
        },
      )
      .toBe(true);
  }
}

/** axe with the WCAG 2.2 AA tags; only Fluent's focus sentinels are excluded (quality §4). */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .exclude('[data-tabster-dummy]')
    .analyze();
  const violations = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} :: ${n.failureSummary ?? ''}`),
  }));
  expect(violations, `axe violations on ${label}`).toEqual([]);
}

/**
 * Fills in the (English) sign-in form and waits for the server's answer, which must have the status
 * `expected`: a refused sign-in leaves the page on the sign-in form, where a journey's next step could
 * still find a heading and go on signed out.
 */
export async function signIn(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
  expected = 200,
): Promise<void> {
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  const response = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST',
  );
  await page.getByRole('button', { name: 'Sign in' }).click();
  expect((await response).status(), `the sign-in of ${email}`).toBe(expected);
}

/** Fluent's theme is visible as the page background: dark themes use a dark neutral background. */
export async function isDarkTheme(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.style.colorScheme === 'dark');
}

/** Presses Tab until the focused element matches, like a keyboard user would. */
export async function tabTo(
  page: Page,
  isTarget: (el: { tag: string; name: string; role: string | null }) => boolean,
  maxPresses = 200,
): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      if (!a) return { tag: '', name: '', role: null };
      const labelledBy = a.getAttribute('aria-labelledby');
      const name =
        a.getAttribute('aria-label') ??
        (labelledBy ? (document.getElementById(labelledBy)?.textContent ?? '') : (a.textContent ?? ''));
      return { tag: a.tagName.toLowerCase(), name: name.trim(), role: a.getAttribute('role') };
    });
    if (isTarget(el)) return;
  }
  throw new Error(`tabTo: target not reached in ${maxPresses} presses`);
}
