import type { Page } from '@playwright/test';
import { LOCALE_NAMES, LOCALES, type Locale, t } from './support/catalogues.ts';
import { addCustomer, firstLocationId, latestEmailTo, requestConsent } from './support/consent.ts';
import { engagementByCode } from './support/engagements.ts';
import { expect, expectNoAxeViolations, isDarkTheme, signIn, test, USERS } from './support/fixtures.ts';

// Issue 15, the action centre: "Ada sees a consent due in 5 days on her home and sends the reminder
// from there". The demo has no consent 5 days from its deadline, so Ada asks Fabrikam for consent on
// the Microsoft 365 Copilot workshop and the test clock moves 25 days on. The clock is global to the
// server every spec file shares and only moves forward, so this file runs after all others (its
// name sorts last; zz-consent-expiry's Fabrikam record has expired by then, which frees the customer).

const WORKSHOP = 'MW-COP';
const CUSTOMER = 'Fabrikam, Inc.';
const contact = { name: 'Frank Fabrikam', email: 'frank.reminder@fabrikam.com', locale: 'en' };

async function csrf(page: Page): Promise<string> {
  return ((await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
}

async function switchLocale(page: Page, from: Locale, to: Locale) {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/me/preferences') && r.request().method() === 'PATCH',
  );
  await page.getByRole('button', { name: LOCALE_NAMES[from] }).click();
  await page.getByRole('menuitemradio', { name: LOCALE_NAMES[to] }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', to);
}

test('Ada sees a consent due in 5 days on her home and sends the reminder from there', async ({ page }) => {
  // Six locales with axe each, light and dark: longer than one journey's default.
  test.setTimeout(300_000);
  await page.goto('/');
  await signIn(page, USERS.ada);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const workshop = await engagementByCode(page, WORKSHOP);
  // zz-consent-expiry's Fabrikam record on this workshop ends when the sweep (every minute, a job)
  // has materialised its expiry; until then the customer is not free to add (R9).
  const locationId = await firstLocationId(page);
  await expect
    .poll(
      async () => {
        const lookup = await page.request.post('/api/v1/customer-lookups', {
          data: { engagementId: workshop.id, locationId, email: 'it@fabrikam.com' },
          headers: { 'X-CSRF-Token': await csrf(page) },
        });
        const found = (await lookup.json()) as {
          workshops?: { engagementId: string; selectable: boolean }[];
        };
        return found.workshops?.find((w) => w.engagementId === workshop.id)?.selectable ?? false;
      },
      { timeout: 150_000, intervals: [1_000, 2_000, 5_000] },
    )
    .toBe(true);
  const nominationId = await addCustomer(page, workshop.id, 'it@fabrikam.com');
  await requestConsent(page, nominationId, contact);
  await latestEmailTo(page, contact.email);

  // 25 days on, the 30-day consent window has 5 days left.
  const moved = await page.request.post('/api/v1/test-clock', {
    data: { advance: 'P25D' },
    headers: { 'X-CSRF-Token': await csrf(page) },
  });
  expect(moved.status(), await moved.text()).toBe(200);

  await page.goto('/');
  const due = page.getByRole('region', { name: t('en', 'home.deadlines.heading') });
  const item = due.getByRole('listitem').filter({ hasText: CUSTOMER });
  await expect(item).toContainText(t('en', 'customers.countdown.consent', { days: 5 }));
  await expect(item).toContainText(workshop.name);
  // The counts by stage have their table twin.
  const stages = page.getByRole('region', { name: t('en', 'home.stages.heading') });
  await expect(stages.getByRole('table')).toContainText(t('en', 'customers.status.consentPending'));
  await expectNoAxeViolations(page, 'action centre');

  // The reminder, from the home: the Customers page's own resend dialog.
  await item.getByRole('button', { name: new RegExp(`^Resend customer consent: ${CUSTOMER}`) }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(contact.email);
  await expectNoAxeViolations(page, 'action centre, resend dialog');
  await dialog.getByRole('button', { name: 'Resend', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText(t('en', 'consent.resent', contact))).toBeVisible();
  await expect
    .poll(async () => {
      const response = await page.request.get(
        `/api/v1/dev/mailbox?to=${encodeURIComponent(contact.email)}&maxpagesize=50`,
      );
      return ((await response.json()) as { value: unknown[] }).value.length;
    })
    .toBe(2);

  // Dark theme, and no sideways scroll at 320 px.
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/me/preferences') && r.request().method() === 'PATCH',
  );
  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect((await saved).status()).toBe(200);
  expect(await isDarkTheme(page)).toBe(true);
  await expectNoAxeViolations(page, 'action centre, dark');
  await page.setViewportSize({ width: 320, height: 720 });
  await expect(item).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectNoAxeViolations(page, 'action centre, dark, 320 px');
  // Back to the wide header (at 320 px the theme toggle is behind the menu button).
  await page.setViewportSize({ width: 1280, height: 900 });
  const back = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/me/preferences') && r.request().method() === 'PATCH',
  );
  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect((await back).status()).toBe(200);

  // The action centre in each of the six locales.
  let current: Locale = 'en';
  for (const locale of LOCALES) {
    if (locale !== current) await switchLocale(page, current, locale);
    current = locale;
    await expect(page.getByRole('region', { name: t(locale, 'home.deadlines.heading') })).toContainText(
      t(locale, 'customers.countdown.consent', { days: 5 }),
    );
    await expectNoAxeViolations(page, `action centre, ${locale}`);
    await page.screenshot({
      path: `test-results/screenshots/action-centre-${locale}.png`,
      fullPage: true,
      animations: 'disabled',
    });
  }
  await switchLocale(page, current, 'en');
});
