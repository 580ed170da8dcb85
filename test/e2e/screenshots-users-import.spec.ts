import type { Page } from '@playwright/test';
import { LOCALE_NAMES, LOCALES, type Locale, t } from './support/catalogues.ts';
import { engagementByCode, SHOWCASE } from './support/engagements.ts';
import { expect, expectNoAxeViolations, isDarkTheme, signIn, test, USERS } from './support/fixtures.ts';
import { dialogSettled, RequestTracker } from './support/reflow.ts';

// Issue 15 item 6: the Users page (Cleo, the Account admin) and the Import customers dialog (Ada, on
// the showcase workshop's Customers page) in the six locales, each axe-clean in the light and the
// dark theme, with a screenshot per locale in test-results/screenshots/ (users-<locale>.png,
// import-<locale>.png). The language and the theme are the user's saved preferences: whatever the
// test does, they are put back as they were, so that the specs after this one see the same users.

async function csrf(page: Page): Promise<string> {
  return ((await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
}

async function preferences(page: Page): Promise<{ locale: string | null; theme: string | null }> {
  const { user } = (await (await page.request.get('/api/v1/session')).json()) as {
    user: { locale: string | null; theme: string | null };
  };
  return { locale: user.locale, theme: user.theme };
}

async function restore(page: Page, saved: { locale: string | null; theme: string | null }) {
  const response = await page.request.patch('/api/v1/me/preferences', {
    data: saved,
    headers: { 'X-CSRF-Token': await csrf(page) },
  });
  expect(response.status(), await response.text()).toBe(200);
}

const preferencesSaved = (page: Page) =>
  page.waitForResponse((r) => r.url().endsWith('/api/v1/me/preferences') && r.request().method() === 'PATCH');

async function switchLocale(page: Page, from: Locale, to: Locale) {
  const saved = preferencesSaved(page);
  await page.getByRole('button', { name: LOCALE_NAMES[from] }).click();
  await page.getByRole('menuitemradio', { name: LOCALE_NAMES[to] }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', to);
}

async function toggleTheme(page: Page, locale: Locale, dark: boolean) {
  const saved = preferencesSaved(page);
  await page.getByRole('button', { name: t(locale, 'shell.darkTheme') }).click();
  expect((await saved).status()).toBe(200);
  // The theme is applied when the app has taken in the saved preference.
  await expect.poll(() => isDarkTheme(page)).toBe(dark);
}

/**
 * In each locale: `show` brings the view up (and says when it is complete), then axe in light and
 * dark and a screenshot (light); `hide` puts the page back where the language menu can be reached.
 */
async function inEveryLocale(
  page: Page,
  name: string,
  show: (locale: Locale) => Promise<void>,
  hide: () => Promise<void>,
) {
  let current: Locale = 'en';
  for (const locale of LOCALES) {
    if (locale !== current) await switchLocale(page, current, locale);
    current = locale;
    await show(locale);
    await expectNoAxeViolations(page, `${name}, ${locale}, light`);
    await page.screenshot({
      path: `test-results/screenshots/${name}-${locale}.png`,
      // A dialog's overlay covers the viewport only: its screenshot is the viewport.
      fullPage: name !== 'import',
      animations: 'disabled',
    });
    await hide();
    await toggleTheme(page, locale, true);
    await show(locale);
    await expectNoAxeViolations(page, `${name}, ${locale}, dark`);
    await hide();
    await toggleTheme(page, locale, false);
  }
}

test('the Users page in six locales, light and dark', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await signIn(page, USERS.cleo);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const saved = await preferences(page);
  try {
    // Start from English and the light theme (the page below loads them).
    await restore(page, { locale: 'en', theme: 'light' });
    const tracker = new RequestTracker(page);
    await page.goto('/admin/users');
    await inEveryLocale(
      page,
      'users',
      async (locale) => {
        await expect(page.getByRole('heading', { level: 1, name: t(locale, 'users.title') })).toBeVisible();
        await tracker.settled(page);
      },
      async () => {},
    );
  } finally {
    await restore(page, saved);
  }
});

test('the Import customers dialog in six locales, light and dark', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await signIn(page, USERS.ada);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const saved = await preferences(page);
  try {
    // Start from English and the light theme (the page below loads them).
    await restore(page, { locale: 'en', theme: 'light' });
    const showcase = await engagementByCode(page, SHOWCASE);
    const tracker = new RequestTracker(page);
    await page.goto(`/engagements/${showcase.id}/customers?tab=eligible`);
    let locale: Locale = 'en';
    await inEveryLocale(
      page,
      'import',
      async (l) => {
        locale = l;
        await expect(page.getByRole('heading', { level: 1, name: t(l, 'customers.title') })).toBeVisible();
        await tracker.settled(page);
        await page.getByRole('button', { name: t(l, 'customers.import.open') }).click();
        const dialog = page.getByRole('dialog', { name: t(l, 'customers.import.title') });
        await expect(dialog).toBeVisible();
        await dialogSettled(page);
      },
      async () => {
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog')).toHaveCount(0);
        await expect(page.getByRole('button', { name: t(locale, 'customers.import.open') })).toBeFocused();
      },
    );
  } finally {
    await restore(page, saved);
  }
});
