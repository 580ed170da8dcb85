import type { Locator, Page } from '@playwright/test';
import { tenantId } from '../../src/seed/demo-catalogue.ts';
import { LOCALE_NAMES, LOCALES, type Locale, t } from './support/catalogues.ts';
import { customerRows, engagementByCode, SHOWCASE } from './support/engagements.ts';
import { expect, expectNoAxeViolations, signIn, test, USERS } from './support/fixtures.ts';
import { dialogSettled, expectReflow } from './support/reflow.ts';

// Issue 4: the Add customer wizard (spec §4.1, R10–R17) and the Claim customer wizard (§4.2,
// R18–R22) through the UI, as Ada on the demo data. The tests share one database with the other
// specs: they add and claim customers no other spec looks at (Contoso, Tailwind Traders), and the
// mismatch branch is walked to its review and then discarded.

const table = (page: Page) =>
  page.getByRole('table', {
    name: t('en', 'customers.tableHeading', { tab: t('en', 'customers.tab.eligible') }),
  });
// The customer's row by its exact name ("Tailwind Traders" must not match "Tailwind Traders Europe").
const row = (scope: Locator, name: string) =>
  scope.getByRole('row').filter({ has: scope.page().getByText(name, { exact: true }) });
const dialog = (page: Page) => page.getByRole('dialog');
const stepHeading = (page: Page, step: number, total: number, name: string) =>
  dialog(page).getByRole('heading', { level: 2, name: `Step ${step} of ${total}: ${name}` });

async function openShowcase(page: Page): Promise<string> {
  await page.goto('/');
  await signIn(page, USERS.ada);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const showcase = await engagementByCode(page, SHOWCASE);
  await page.goto(`/engagements/${showcase.id}/customers?tab=eligible`);
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expect(table(page)).toBeVisible();
  return showcase.id;
}

async function openAdd(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Add customer' }).click();
  await expect(stepHeading(page, 1, 4, 'Location and customer')).toBeFocused();
}

test('Add customer: someone@contoso.com to two workshops, then on each Eligible tab as not started', async ({
  page,
}) => {
  const showcaseId = await openShowcase(page);
  await openAdd(page);
  const d = dialog(page);
  await expectNoAxeViolations(page, 'add, step 1');

  // A malformed ID is a field error, before anything is asked of the server.
  await d.getByLabel('Customer email').fill('someone@contoso.com');
  await d.getByLabel('Tenant ID or TPID (optional)').fill('not-an-id');
  await d.getByRole('button', { name: 'Next' }).click();
  await expect(d.getByText(t('en', 'wizard.id.invalid'))).toBeVisible();
  await d.getByLabel('Tenant ID or TPID (optional)').fill('');

  await d.getByRole('button', { name: 'Next' }).click();
  await expect(stepHeading(page, 2, 4, 'Workshops')).toBeFocused();
  await expect(d.getByText('Customer found: Contoso Ltd')).toBeVisible();
  await expect(d.getByText(tenantId('contoso'))).toBeVisible();
  const security = d.getByRole('checkbox', { name: 'Security Workshop', exact: true });
  await expect(security).toBeChecked();
  const other = d.locator('input[type=checkbox]:not(:checked):not(:disabled)').first();
  const otherId = await other.getAttribute('id');
  const otherName = (await d.locator(`label[for="${otherId}"]`).textContent())?.trim() ?? '';
  await other.check();
  await expectNoAxeViolations(page, 'add, step 2');

  // Back keeps the input; Next again goes on without losing the choice.
  await d.getByRole('button', { name: 'Back' }).click();
  await expect(stepHeading(page, 1, 4, 'Location and customer')).toBeFocused();
  await expect(d.getByLabel('Customer email')).toHaveValue('someone@contoso.com');
  await d.getByRole('button', { name: 'Next' }).click();
  await expect(d.getByRole('checkbox', { name: otherName, exact: true })).toBeChecked();
  await d.getByRole('button', { name: 'Next' }).click();

  await expect(stepHeading(page, 3, 4, 'Review')).toBeFocused();
  await expect(d).toContainText('someone@contoso.com');
  await expect(d).toContainText('Contoso Ltd');
  await expect(d).toContainText(tenantId('contoso'));
  await expect(d.getByRole('listitem').filter({ hasText: otherName })).toBeVisible();
  await expectNoAxeViolations(page, 'add, step 3');

  const created = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/nominations') && r.request().method() === 'POST',
  );
  await d.getByRole('button', { name: 'Add customer' }).click();
  expect((await created).status()).toBe(201);
  await expect(stepHeading(page, 4, 4, 'Confirmation')).toBeFocused();
  await expect(d).toContainText('Contoso Ltd was added to 2 workshops.');
  // The days to consent come from the created records (each engagement's window), not a constant.
  await expect(d).toContainText(t('en', 'wizard.done.next', { days: 30 }));
  await expectNoAxeViolations(page, 'add, step 4');
  // The next step in place (issue 15): consent for the record on this workshop, with the address typed
  // in step 1 already in the consent wizard. Nothing else typed: Cancel closes it at once.
  await d.getByRole('button', { name: t('en', 'wizard.done.consentNow') }).click();
  await expect(
    d.getByRole('heading', { name: t('en', 'consent.wizard.title', { customer: 'Contoso Ltd' }) }),
  ).toBeVisible();
  await expect(d.getByLabel('Contact email')).toHaveValue('someone@contoso.com');
  await expectNoAxeViolations(page, 'consent wizard from the Add confirmation');
  await d.getByRole('button', { name: 'Cancel' }).click();
  await expect(d).toHaveCount(0);

  // The page refreshed: the new row shows as not started with 30 days left for consent.
  const contoso = row(table(page), 'Contoso Ltd');
  await expect(contoso).toContainText('Not started');
  await expect(contoso).toContainText(t('en', 'customers.countdown.consent', { days: 30 }));

  // And on the other workshop's Eligible tab too.
  const rows = await customerRows(page, showcaseId, 'eligible');
  expect(rows.find((r) => r.name === 'Contoso Ltd')?.daysLeft).toBe(30);
  await page.getByRole('link', { name: 'Engagements' }).first().click();
  await page.getByRole('link', { name: otherName, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  const otherRow = row(table(page), 'Contoso Ltd');
  await expect(otherRow).toContainText('Not started');
  await expect(otherRow).toContainText(t('en', 'customers.countdown.consent', { days: 30 }));
});

test('Add customer: a domain that is not the tenant’s needs a reason (R14); Esc asks before discarding', async ({
  page,
}) => {
  await openShowcase(page);
  await openAdd(page);
  const d = dialog(page);
  await d.getByLabel('Customer email').fill('buyer@contoso.com');
  await d.getByLabel('Tenant ID or TPID (optional)').fill(tenantId('fabrikam'));
  await d.getByRole('button', { name: 'Next' }).click();

  await expect(d.getByText('Customer found: Fabrikam, Inc.')).toBeVisible();
  await expect(d.getByText(t('en', 'wizard.mismatch.title'))).toBeVisible();
  await expect(stepHeading(page, 1, 4, 'Location and customer')).toBeVisible();
  const reason = d.getByLabel('Reason for the difference');
  await expect(d.getByText('0 characters of 500 (at least 10)')).toBeVisible();
  await d.getByRole('button', { name: 'Next' }).click();
  await expect(d.getByText(t('en', 'wizard.reason.invalid'))).toBeVisible();
  await reason.fill('Short');
  await expect(d.getByText('5 characters of 500 (at least 10)')).toBeVisible();
  await d.getByRole('button', { name: 'Next' }).click();
  await expect(stepHeading(page, 1, 4, 'Location and customer')).toBeVisible();
  await expectNoAxeViolations(page, 'add, mismatch');
  await reason.fill('Contoso buys on behalf of its subsidiary Fabrikam.');
  await d.getByRole('button', { name: 'Next' }).click();
  await expect(stepHeading(page, 2, 4, 'Workshops')).toBeFocused();
  await d.getByRole('button', { name: 'Next' }).click();
  await expect(stepHeading(page, 3, 4, 'Review')).toBeFocused();
  await expect(d).toContainText('Contoso buys on behalf of its subsidiary Fabrikam.');
  await expect(d).toContainText(tenantId('fabrikam'));

  // Esc with input: asks first; "Keep editing" goes back to where we were.
  await page.keyboard.press('Escape');
  await expect(d.getByRole('heading', { name: t('en', 'wizard.discard.title') })).toBeVisible();
  await expectNoAxeViolations(page, 'add, discard');
  await d.getByRole('button', { name: 'Keep editing' }).click();
  await expect(stepHeading(page, 3, 4, 'Review')).toBeVisible();
  await page.keyboard.press('Escape');
  await d.getByRole('button', { name: 'Discard' }).click();
  await expect(d).toHaveCount(0);
  await expect(row(table(page), 'Fabrikam, Inc.')).toHaveCount(0);
});

test('Add customer: no tenant for a free-mail domain keeps the wizard on step 1 (R13)', async ({
  page,
  consoleGuard,
}) => {
  consoleGuard.expect({ text: /status of 422/, url: /customer-lookups/ });
  await openShowcase(page);
  await openAdd(page);
  const d = dialog(page);
  await d.getByLabel('Customer email').fill('someone@gmail.com');
  const lookup = page.waitForResponse((r) => r.url().endsWith('/api/v1/customer-lookups'));
  await d.getByRole('button', { name: 'Next' }).click();
  const response = await lookup;
  expect(response.status()).toBe(422);
  const body = (await response.json()) as { error: { message: string } };
  await expect(stepHeading(page, 1, 4, 'Location and customer')).toBeVisible();
  await expect(d.getByText(body.error.message)).toBeVisible();
  await expect(d.getByLabel('Customer email')).toHaveValue('someone@gmail.com');
  await expectNoAxeViolations(page, 'add, tenant not found');
  // Nothing entered that matters yet is lost by closing, but there was input: confirm.
  await d.getByRole('button', { name: 'Cancel' }).click();
  await d.getByRole('button', { name: 'Discard' }).click();
  await expect(d).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add customer' })).toBeFocused();
});

test('Claim customer: a known customer becomes claimed, not started (R18–R22)', async ({ page }) => {
  await openShowcase(page);
  const name = 'Tailwind Traders';
  const before = row(table(page), name);
  await expect(before).toContainText(t('en', 'customers.status.candidate'));
  await before.getByRole('button', { name: `Claim customer: ${name}` }).click();
  const d = dialog(page);
  await expect(stepHeading(page, 1, 4, 'Location')).toBeFocused();
  await expect(d.getByLabel('Customer email')).toHaveCount(0);
  await expectNoAxeViolations(page, 'claim, step 1');
  await d.getByRole('button', { name: 'Next' }).click();
  await expect(stepHeading(page, 2, 4, 'Workshops')).toBeFocused();
  await expect(d.getByRole('checkbox', { name: 'Security Workshop', exact: true })).toBeChecked();
  // Only this workshop, so that other specs' rows stay as they are.
  for (const box of await d.locator('input[type=checkbox]:checked').all()) {
    const id = await box.getAttribute('id');
    const label = (await d.locator(`label[for="${id}"]`).textContent())?.trim() ?? '';
    if (label !== 'Security Workshop') await box.uncheck();
  }
  await expectNoAxeViolations(page, 'claim, step 2');
  await d.getByRole('button', { name: 'Next' }).click();
  await expect(stepHeading(page, 3, 4, 'Review')).toBeFocused();
  await expect(d).toContainText(name);
  await expectNoAxeViolations(page, 'claim, step 3');
  await d.getByRole('button', { name: 'Claim customer', exact: true }).click();
  await expect(stepHeading(page, 4, 4, 'Confirmation')).toBeFocused();
  await expect(d).toContainText(`${name} was claimed for 1 workshop.`);
  await expectNoAxeViolations(page, 'claim, confirmation');
  await d.getByRole('button', { name: 'Close' }).click();
  const after = row(table(page), name);
  await expect(after).toContainText('Not started');
  await expect(after).toContainText(t('en', 'customers.status.claimed'));
  await expect(after.getByRole('button', { name: `Claim customer: ${name}` })).toHaveCount(0);
});

test('the wizard at 320 px', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await openShowcase(page);
  await openAdd(page);
  // Neither the page nor anything in the dialog (its content scrolls on its own) goes sideways.
  await dialogSettled(page);
  await expectReflow(page, 'add, 320 px');
  await expectNoAxeViolations(page, 'add, 320 px');
  await page.screenshot({ path: 'test-results/screenshots/wizard-add-320.png', animations: 'disabled' });
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
});

async function switchLocale(page: Page, from: Locale, to: Locale): Promise<void> {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/me/preferences') && r.request().method() === 'PATCH',
  );
  await page.getByRole('button', { name: LOCALE_NAMES[from] }).click();
  await page.getByRole('menuitemradio', { name: LOCALE_NAMES[to] }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', to);
}

test('the Add customer wizard in each of the six locales', async ({ page }) => {
  await openShowcase(page);
  let current: Locale = 'en';
  for (const locale of LOCALES) {
    if (locale !== current) await switchLocale(page, current, locale);
    current = locale;
    await page.getByRole('button', { name: t(locale, 'customers.add') }).click();
    const heading = dialog(page).getByRole('heading', {
      level: 2,
      name: t(locale, 'wizard.stepOf', {
        step: 1,
        total: 4,
        name: t(locale, 'wizard.step.customer'),
      }),
    });
    await expect(heading).toBeFocused();
    await expect(dialog(page).getByRole('textbox', { name: t(locale, 'wizard.email.label') })).toBeVisible();
    await page.screenshot({
      path: `test-results/screenshots/wizard-add-${locale}.png`,
      animations: 'disabled',
    });
    await page.keyboard.press('Escape');
    await expect(dialog(page)).toHaveCount(0);
  }
  await expectNoAxeViolations(page, `customers after the wizard, ${current}`);
  await switchLocale(page, current, 'en');
});
