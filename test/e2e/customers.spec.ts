import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { LOCALE_NAMES, LOCALES, type Locale, t } from './support/catalogues.ts';
import {
  customerCounts,
  customerRows,
  engagementByCode,
  engagementDetail,
  NOT_A_WORKSHOP,
  type Row,
  rowNamed,
  SHOWCASE,
} from './support/engagements.ts';
import { expect, expectNoAxeViolations, isDarkTheme, signIn, test, USERS } from './support/fixtures.ts';

// Issue 3, the read side: the engagements list, an engagement's summary, and the Customers page of
// the demo's showcase workshop (Security Workshop, spec §3, §5, §8) with its three tabs, search,
// sort, CSV export and the R2 page for a non-workshop; axe on every screen in light and dark; the
// six locales; and Ben (one location) sees only his location's records (R33).

const tab = (page: Page, id: 'eligible' | 'ineligible' | 'complete', locale: Locale = 'en') =>
  page.getByRole('tab', { name: new RegExp(`^${t(locale, `customers.tab.${id}`)}(\\s|$)`) });
const table = (page: Page, id: 'eligible' | 'ineligible' | 'complete', locale: Locale = 'en') =>
  page.getByRole('table', {
    name: t(locale, 'customers.tableHeading', { tab: t(locale, `customers.tab.${id}`) }),
  });
const row = (scope: Locator, name: string) => scope.getByRole('row').filter({ hasText: name });

/** The Status column's main line for a row of the Eligible tab, from the catalogue. */
function countdown(r: Row, locale: Locale = 'en'): string {
  if (r.countdown === null || r.daysLeft === null) throw new Error(`${r.name} has no countdown`);
  return t(locale, `customers.countdown.${r.countdown}`, { days: r.daysLeft });
}

async function toggleTheme(page: Page, dark: boolean): Promise<void> {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/me/preferences') && r.request().method() === 'PATCH',
  );
  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect((await saved).status()).toBe(200);
  expect(await isDarkTheme(page)).toBe(dark);
}

async function switchLocale(page: Page, from: Locale, to: Locale): Promise<void> {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/me/preferences') && r.request().method() === 'PATCH',
  );
  await page.getByRole('button', { name: LOCALE_NAMES[from] }).click();
  await page.getByRole('menuitemradio', { name: LOCALE_NAMES[to] }).click();
  expect((await saved).status()).toBe(200);
  await expect(page.locator('html')).toHaveAttribute('lang', to);
}

test('Ada: engagements, the showcase summary, the three tabs, search, sort, export, and no Customers page for a deployment', async ({
  page,
  consoleGuard,
}) => {
  await page.goto('/');
  await signIn(page, USERS.ada);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const showcase = await engagementByCode(page, SHOWCASE);
  const deployment = await engagementByCode(page, NOT_A_WORKSHOP);

  // Home links prominently to the engagements; the navigation has them too.
  await page.getByRole('link', { name: 'Go to engagements' }).click();
  await expect(page).toHaveURL(/\/engagements$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Engagements' })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Engagements' }),
  ).toHaveAttribute('aria-current', 'page');
  const list = page.getByRole('table', { name: 'Engagements' });
  const showcaseRow = row(list, showcase.name);
  await expect(showcaseRow).toContainText('Workshop');
  await expect(showcaseRow).toContainText(showcase.solutionArea);
  await expect(showcaseRow).toContainText(
    t('en', 'engagements.earning', {
      earning: showcase.eligibility.earningLocations,
      enrolled: showcase.eligibility.enrolledLocations,
    }),
  );
  // A workshop's name leads to its Customers page, any other kind's to its summary only.
  await expect(showcaseRow.getByRole('link', { name: showcase.name, exact: true })).toHaveAttribute(
    'href',
    `/engagements/${showcase.id}/customers`,
  );
  await expect(row(list, deployment.name).getByRole('link')).toHaveAttribute(
    'href',
    `/engagements/${deployment.id}`,
  );
  await expect(row(list, deployment.name)).toContainText('No Customers page');
  await expectNoAxeViolations(page, 'engagements, light');

  // Filters live in the URL.
  await page.getByLabel('Kind').selectOption('deployment');
  await expect(page).toHaveURL(/\/engagements\?kind=deployment$/);
  await expect(row(list, deployment.name)).toBeVisible();
  await expect(row(list, showcase.name)).toHaveCount(0);
  await page.getByLabel('Kind').selectOption('');
  await expect(page).toHaveURL(/\/engagements$/);

  // The summary: criteria as the server words them, windows, POE, rates in the UI locale, locations.
  await showcaseRow.getByRole('link', { name: `Summary ${showcase.name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: showcase.name })).toBeVisible();
  const detail = await engagementDetail(page, showcase.id);
  for (const c of [...detail.partnerCriteria, ...detail.customerCriteria])
    await expect(page.getByText(c.description, { exact: true })).toBeVisible();
  const marketA = detail.rates.find((r) => r.market === 'A')!;
  await expect(page.getByText(`Market A`)).toBeVisible();
  await expect(
    page.getByText(
      new Intl.NumberFormat('en', { style: 'currency', currency: marketA.currency }).format(
        marketA.amountMinor / 100,
      ),
    ),
  ).toBeVisible();
  await expect(
    page.getByText(t('en', 'common.days', { count: detail.windows.claimDays })).first(),
  ).toBeVisible();
  const locations = page.getByRole('table', { name: 'Your locations on this engagement' });
  await expect(locations.getByRole('row')).toHaveCount(detail.locations.length + 1);
  for (const l of detail.locations.filter((x) => !x.eligible))
    await expect(row(locations, l.name)).toContainText(l.reasons[0]!.message);
  await expectNoAxeViolations(page, 'summary, light');

  // The Customers page, Eligible tab first.
  await page.getByRole('link', { name: 'Open the Customers page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/engagements/${showcase.id}/customers$`));
  const counts = await customerCounts(page, showcase.id);
  await expect(tab(page, 'eligible')).toHaveAttribute('aria-selected', 'true');
  await expect(tab(page, 'eligible')).toHaveAccessibleName(`Eligible ${counts.eligible}`);
  await expect(tab(page, 'ineligible')).toHaveAccessibleName(`Ineligible ${counts.ineligible}`);
  await expect(tab(page, 'complete')).toHaveAccessibleName(`Complete ${counts.complete}`);

  const eligible = await customerRows(page, showcase.id, 'eligible');
  const eligibleTable = table(page, 'eligible');
  await expect(eligibleTable.getByRole('row')).toHaveCount(eligible.length + 1);
  // Added, consent not requested yet: not started, N days left for consent, Trigger customer consent.
  const tailspin = rowNamed(eligible, 'Tailspin Toys');
  const tailspinRow = row(eligibleTable, 'Tailspin Toys');
  await expect(tailspinRow).toContainText('Not started');
  await expect(tailspinRow).toContainText(countdown(tailspin));
  await expect(tailspinRow).toContainText('Trey Research – Seattle');
  // Consented, draft claim: active, N days left to submit.
  const adventure = rowNamed(eligible, 'Adventure Works');
  await expect(row(eligibleTable, 'Adventure Works')).toContainText('Active');
  await expect(row(eligibleTable, 'Adventure Works')).toContainText(countdown(adventure));
  // Rejected, dispute window open.
  await expect(row(eligibleTable, 'Blue Yonder Airlines')).toContainText(
    countdown(rowNamed(eligible, 'Blue Yonder Airlines')),
  );
  // A claim candidate (R4, R18): known through another engagement, not claimed here.
  await expect(row(eligibleTable, 'Northwind Traders')).toContainText(t('en', 'customers.status.candidate'));

  // Actions are shown as what the state allows. Trigger customer consent works (consent.spec.ts); the
  // workshop-claim actions open the claim (claims.spec.ts).
  const trigger = tailspinRow.getByRole('button', { name: 'Trigger customer consent: Tailspin Toys' });
  await expect(trigger).not.toHaveAttribute('aria-disabled', 'true');
  const continueClaim = row(eligibleTable, 'Adventure Works').getByRole('button', {
    name: 'Continue workshop claim: Adventure Works',
  });
  await expect(continueClaim).not.toHaveAttribute('aria-disabled', 'true');
  await continueClaim.focus();
  await expect(continueClaim).toBeFocused();
  // Add customer (R10) and Claim customer (R19) work (test/e2e/wizards.spec.ts).
  const add = page.getByRole('button', { name: 'Add customer' });
  await expect(add).toBeEnabled();
  await expect(add).not.toHaveAttribute('aria-disabled', 'true');
  await expectNoAxeViolations(page, 'customers, eligible, light');

  // Ineligible: one reason per row, the failed criterion for criteria_not_met (R7).
  await tab(page, 'ineligible').click();
  await expect(page).toHaveURL(/tab=ineligible/);
  const ineligible = await customerRows(page, showcase.id, 'ineligible');
  const ineligibleTable = table(page, 'ineligible');
  await expect(ineligibleTable.getByRole('row')).toHaveCount(ineligible.length + 1);
  for (const code of ['criteriaNotMet', 'consentedToOtherPartner', 'completedWithOtherPartner'] as const) {
    const r = ineligible.find((x) => x.ineligibleReason?.code === code);
    expect(r, `an Ineligible row with ${code}`).toBeDefined();
    await expect(row(ineligibleTable, r!.name)).toContainText(r!.ineligibleReason!.message);
    for (const failed of r!.ineligibleReason!.failedCriteria ?? [])
      await expect(row(ineligibleTable, r!.name)).toContainText(failed.message);
  }
  await expect(row(ineligibleTable, 'Fourth Coffee').getByRole('listitem')).toHaveCount(1);
  await expectNoAxeViolations(page, 'customers, ineligible, light');

  // Complete: the outcome and View workshop claim (R8); switched with the keyboard.
  await tab(page, 'ineligible').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(tab(page, 'complete')).toHaveAttribute('aria-selected', 'true');
  const completeTable = table(page, 'complete');
  await expect(row(completeTable, 'Humongous Insurance')).toContainText('Approved');
  await expect(row(completeTable, 'VanArsdel, Ltd.')).toContainText('Rejected (final)');
  await expect(
    row(completeTable, 'Humongous Insurance').getByRole('button', {
      name: 'View workshop claim: Humongous Insurance',
    }),
  ).not.toHaveAttribute('aria-disabled', 'true');
  await expectNoAxeViolations(page, 'customers, complete, light');

  // Back to Eligible: the rows are there at once (cached), then search by name, domain and TPID.
  await tab(page, 'eligible').click();
  await expect(eligibleTable.getByRole('row')).toHaveCount(eligible.length + 1);
  const search = page.getByRole('searchbox', { name: 'Search customers' });
  await search.fill('tailspin');
  await expect(page).toHaveURL(/search=tailspin/);
  await expect(eligibleTable.getByRole('row')).toHaveCount(2);
  await expect(row(eligibleTable, 'Tailspin Toys')).toBeVisible();
  await expect(tab(page, 'eligible')).toHaveAccessibleName('Eligible 1');
  for (const term of ['tailspintoys.com', String(tailspin.tpid)]) {
    await search.fill(term);
    await expect(page).toHaveURL(new RegExp(`search=${encodeURIComponent(term).replace(/\./g, '\\.')}`));
    await expect(eligibleTable.getByRole('row')).toHaveCount(2);
    await expect(row(eligibleTable, 'Tailspin Toys')).toBeVisible();
  }

  // A search without a result explains itself and offers a way out.
  await search.fill('no-such-customer-anywhere');
  await expect(
    page.getByText('No customer on the Eligible tab matches “no-such-customer-anywhere”.'),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'customers, empty search, light');
  await page.getByRole('button', { name: 'Clear search' }).last().click();
  await expect(page).not.toHaveURL(/search=/);
  await expect(eligibleTable.getByRole('row')).toHaveCount(eligible.length + 1);

  // Sort: the column header says its order (aria-sort) and the URL keeps it.
  const nameHeader = eligibleTable.getByRole('columnheader', { name: 'Customer' });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await nameHeader.getByRole('button').click();
  await expect(page).toHaveURL(/sort=-name/);
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  const lastByName = [...eligible].sort((a, b) => b.name.localeCompare(a.name, 'en'))[0]!.name;
  await expect(eligibleTable.getByRole('row').nth(1)).toContainText(lastByName);
  await page.getByLabel('Sort by').selectOption('daysLeft');
  await expect(page).toHaveURL(/sort=daysLeft/);
  await expect(nameHeader).toHaveAttribute('aria-sort', 'none');
  await page.getByLabel('Sort by').selectOption('name');
  await expect(page).not.toHaveURL(/sort=/);

  // Export: the CSV of the current tab and search, as the server makes it.
  await search.fill('tailspin');
  await expect(eligibleTable.getByRole('row')).toHaveCount(2);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  const csv = readFileSync((await file.path())!, 'utf8').replace(/^\uFEFF/, '');
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  expect(header).toMatch(/^Customer,Tenant ID,TPID/);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('Tailspin Toys');
  expect(lines[0]).toContain(tailspin.tenantId);
  // The file names the workshop, and its status is worded as the table's (issue 15).
  expect(file.suggestedFilename()).toMatch(
    new RegExp(`^customers-${SHOWCASE}-eligible-\\d{4}-\\d{2}-\\d{2}\\.csv$`),
  );
  const [cells] = parse(lines[0]!) as string[][];
  expect(cells![7]).toBeTruthy();
  await expect(eligibleTable.getByRole('row').nth(1)).toContainText(cells![7]!);
  await expect(
    page.getByText(new RegExp(`Downloaded ${file.suggestedFilename().replace(/\./g, '\\.')}`)),
  ).toBeVisible();
  await search.fill('');
  await expect(page).not.toHaveURL(/search=/);

  // Dark theme: every screen again.
  await toggleTheme(page, true);
  await expectNoAxeViolations(page, 'customers, eligible, dark');
  await tab(page, 'ineligible').click();
  await expect(table(page, 'ineligible')).toBeVisible();
  await expectNoAxeViolations(page, 'customers, ineligible, dark');
  await tab(page, 'complete').click();
  await expect(table(page, 'complete')).toBeVisible();
  await expectNoAxeViolations(page, 'customers, complete, dark');
  await search.fill('no-such-customer-anywhere');
  await expect(page.getByText(/No customer on the Complete tab matches/)).toBeVisible();
  await expectNoAxeViolations(page, 'customers, empty search, dark');
  await page.goto(`/engagements/${showcase.id}`);
  await expect(page.getByRole('heading', { level: 1, name: showcase.name })).toBeVisible();
  await expectNoAxeViolations(page, 'summary, dark');
  await page.goto('/engagements');
  await expect(row(list, showcase.name)).toBeVisible();
  await expectNoAxeViolations(page, 'engagements, dark');

  // 320 px: nothing scrolls sideways but the table's own focusable region.
  await page.setViewportSize({ width: 320, height: 720 });
  await page.goto(`/engagements/${showcase.id}/customers?tab=eligible`);
  await expect(eligibleTable.getByRole('row')).toHaveCount(eligible.length + 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectNoAxeViolations(page, 'customers, dark, 320 px');
  await page.setViewportSize({ width: 1280, height: 800 });
  await toggleTheme(page, false);

  // R2: a deployment has no Customers page; the server's 404 explains why, in the UI.
  consoleGuard.expect({ text: /status of 404/, url: new RegExp(`/engagements/${deployment.id}/customers`) });
  await page.goto(`/engagements/${deployment.id}/customers`);
  await expect(
    page.getByRole('heading', { level: 1, name: 'No Customers page for this engagement' }),
  ).toBeVisible();
  const refused = await page.request.get(`/api/v1/engagements/${deployment.id}/customers`);
  expect(refused.status()).toBe(404);
  const body = (await refused.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('NotAvailableForEngagement');
  await expect(page.getByText(body.error.message, { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: `Go to the summary of the ${deployment.name}` })).toBeVisible();
  await expectNoAxeViolations(page, 'not available, light');
});

test('Ben (Incentives user on Warsaw only) sees only Warsaw records', async ({ page }) => {
  await page.goto('/');
  await signIn(page, USERS.ben);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const showcase = await engagementByCode(page, SHOWCASE);
  const { user } = (await (await page.request.get('/api/v1/session')).json()) as {
    user: { roles: { locationId: string; locationName: string; mpnId: string }[] };
  };
  expect(user.roles).toHaveLength(1);
  const warsaw = user.roles[0]!;

  // The location filter offers only his location.
  await page.goto('/engagements');
  const locationOptions = page.getByLabel('Location').locator('option');
  await expect(locationOptions).toHaveText(['All my locations', `${warsaw.locationName} (${warsaw.mpnId})`]);

  await page.goto(`/engagements/${showcase.id}/customers?tab=eligible`);
  const eligibleTable = table(page, 'eligible');
  await expect(row(eligibleTable, 'Woodgrove Bank UK')).toContainText(warsaw.locationName);
  await expect(row(eligibleTable, 'Graphic Design Institute')).toContainText(warsaw.locationName);
  // Seattle's records (Ada's) are not his.
  for (const name of ['Tailspin Toys', 'Wide World Importers', 'Adventure Works', 'Blue Yonder Airlines'])
    await expect(row(eligibleTable, name)).toHaveCount(0);
  // Every row with a location is at Warsaw.
  const located = eligibleTable.getByRole('row').filter({ hasText: /MPN ID \d+/ });
  const count = await located.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) await expect(located.nth(i)).toContainText(`MPN ID ${warsaw.mpnId}`);

  await tab(page, 'complete').click();
  await expect(page.getByRole('tabpanel')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByText('Humongous Insurance')).toHaveCount(0);
  await expectNoAxeViolations(page, 'customers as Ben, complete');
});

test('the Customers page in each of the six locales', async ({ page }) => {
  await page.goto('/');
  await signIn(page, USERS.ada);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const showcase = await engagementByCode(page, SHOWCASE);
  await page.goto(`/engagements/${showcase.id}/customers?tab=eligible`);
  let current: Locale = 'en';
  for (const locale of LOCALES) {
    if (locale !== current) await switchLocale(page, current, locale);
    current = locale;
    await expect(page.getByRole('heading', { level: 1, name: t(locale, 'customers.title') })).toBeVisible();
    const rows = await customerRows(page, showcase.id, 'eligible', { language: locale });
    const eligibleTable = table(page, 'eligible', locale);
    await expect(eligibleTable.getByRole('row')).toHaveCount(rows.length + 1);
    await expect(tab(page, 'ineligible', locale)).toBeVisible();
    // Plural forms from the catalogue (e.g. pl "Zostało 28 dni na uzyskanie zgody").
    for (const name of ['Tailspin Toys', 'Wide World Importers'])
      await expect(row(eligibleTable, name)).toContainText(countdown(rowNamed(rows, name), locale));
    await expect(row(eligibleTable, 'Tailspin Toys')).toContainText(t(locale, 'customers.type.notStarted'));
    await page.screenshot({
      path: `test-results/screenshots/customers-${locale}.png`,
      fullPage: true,
      animations: 'disabled',
    });
  }
  await expectNoAxeViolations(page, `customers, ${current}`);
  await switchLocale(page, current, 'en');
});
