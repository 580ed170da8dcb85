import { LOCALE_NAMES, LOCALES, type Locale, t } from './support/catalogues.ts';
import { expect, expectNoAxeViolations, signIn, test, USERS } from './support/fixtures.ts';

// (d) The language choice is remembered per user (PATCH /me/preferences) and survives a reload and
// a new browser; the home page is screenshotted in each of the six locales.

interface SessionBody {
  user: { displayName: string; locale: string | null; roles: unknown[]; partner: { name: string } };
}

async function switchLocale(page: import('@playwright/test').Page, from: Locale, to: Locale) {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/me/preferences') && r.request().method() === 'PATCH',
  );
  await page.getByRole('button', { name: LOCALE_NAMES[from] }).click();
  await page.getByRole('menuitemradio', { name: LOCALE_NAMES[to] }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', to);
}

test('switching to Polish is saved for the user and survives a reload and a new browser', async ({
  page,
  browser,
}) => {
  await page.goto('/');
  await signIn(page, USERS.ben);
  const { user } = (await (await page.request.get('/api/v1/session')).json()) as SessionBody;
  await expect(
    page.getByRole('heading', { level: 1, name: t('en', 'home.title', { name: user.displayName }) }),
  ).toBeVisible();

  await switchLocale(page, 'en', 'pl');
  const polishTitle = t('pl', 'home.title', { name: user.displayName });
  await expect(page.getByRole('heading', { level: 1, name: polishTitle })).toBeVisible();

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  await expect(page.getByRole('heading', { level: 1, name: polishTitle })).toBeVisible();

  // Another browser (English by default) follows the saved choice after signing in.
  const other = await browser.newContext({ locale: 'en-US' });
  const second = await other.newPage();
  await second.goto('/signin');
  await expect(second.locator('html')).toHaveAttribute('lang', 'en');
  await signIn(second, USERS.ben);
  await expect(second.locator('html')).toHaveAttribute('lang', 'pl');
  await expect(second.getByRole('heading', { level: 1, name: polishTitle })).toBeVisible();
  await other.close();

  await switchLocale(page, 'pl', 'en');
});

test('the home page in each of the six locales', async ({ page }) => {
  await page.goto('/');
  await signIn(page, USERS.ada);
  const { user } = (await (await page.request.get('/api/v1/session')).json()) as SessionBody;
  let current: Locale = 'en';
  for (const locale of LOCALES) {
    if (locale !== current) await switchLocale(page, current, locale);
    current = locale;
    await expect(
      page.getByRole('heading', { level: 1, name: t(locale, 'home.title', { name: user.displayName }) }),
    ).toBeVisible();
    // The plural form of the locale, from the catalogue (e.g. pl "w 4 lokalizacjach").
    await expect(
      page.getByText(t(locale, 'home.summary', { partner: user.partner.name, count: user.roles.length })),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: t(locale, 'shell.signOut') })).toBeVisible();
    await expectNoAxeViolations(page, `home, ${locale}`);
    await page.screenshot({
      path: `test-results/screenshots/home-${locale}.png`,
      fullPage: true,
      animations: 'disabled',
    });
  }
  await switchLocale(page, current, 'en');
});
