import type { APIRequestContext, Locator, Page } from '@playwright/test';
import type { CustomerRow, RowAction } from '../../src/contracts/customers.ts';
import { tenantId } from '../../src/seed/demo-catalogue.ts';
import { t } from './support/catalogues.ts';
import { SHOWCASE } from './support/engagements.ts';
import { DEMO_PASSWORD, expect, expectNoAxeViolations, tabTo, test, USERS } from './support/fixtures.ts';
import { dialogSettled, expectReflow, RequestTracker } from './support/reflow.ts';

// Issue 15 at 375 and 320 px (a phone; the walkthrough found the Customers table scrolling sideways
// with no customer column in view, "Customer found" over the Add wizard's step heading, the location
// dropdown outside the dialog and a header of three rows): the Customers table is a card list, the
// wizard's parts keep their places, and the header is one row with the navigation behind a menu
// button. The spec only reads: the wizard is discarded before it adds anyone.

type User = 'ada' | 'olga';
const EMAILS: Record<User, string> = { ada: USERS.ada, olga: 'olga@program.example' };
type Cookies = Awaited<ReturnType<APIRequestContext['storageState']>>['cookies'];
const sessions = {} as Record<User, Cookies>;
let showcaseId = '';

// One sign-in per user for the whole file (sign-in is rate-limited per account).
test.beforeAll(async ({ playwright }, testInfo) => {
  for (const who of Object.keys(EMAILS) as User[]) {
    const api = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
    const signedIn = await api.post('/api/v1/session', {
      data: { email: EMAILS[who], password: DEMO_PASSWORD },
    });
    expect(signedIn.status(), `sign-in of ${who}`).toBe(200);
    sessions[who] = (await api.storageState()).cookies;
    if (who === 'ada') {
      const list = (await (await api.get('/api/v1/engagements')).json()) as {
        value: { id: string; code: string }[];
      };
      showcaseId = list.value.find((e) => e.code === SHOWCASE)?.id ?? '';
    }
    await api.dispose();
  }
  expect(showcaseId, `the engagement ${SHOWCASE}`).not.toBe('');
});

/** Every row of a tab, in the page's order (the default sort), through the API. */
async function rowsOf(page: Page, tab: 'eligible' | 'ineligible' | 'complete'): Promise<CustomerRow[]> {
  const response = await page.request.get(
    `/api/v1/engagements/${showcaseId}/customers?tab=${tab}&maxpagesize=500`,
  );
  expect(response.status()).toBe(200);
  return ((await response.json()) as { value: CustomerRow[] }).value;
}

type Box = { x: number; y: number; width: number; height: number };
const intersects = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  expect(box, 'an element on screen').not.toBeNull();
  return box!;
}

/** The header's items (the product's name and every button) share one row. */
async function expectOneRowHeader(page: Page, label: string): Promise<void> {
  const header = page.getByRole('banner');
  const items = [header.getByRole('link'), header.getByRole('button')];
  const boxes: Box[] = [];
  for (const list of items) for (const item of await list.all()) boxes.push(await boxOf(item));
  expect(boxes.length, `${label}: items in the header`).toBeGreaterThanOrEqual(2);
  // One row: a horizontal line crosses every item (the lowest top is above the highest bottom).
  const lowestTop = Math.max(...boxes.map((b) => b.y));
  const highestBottom = Math.min(...boxes.map((b) => b.y + b.height));
  expect(lowestTop, `${label}: the header's items share one row`).toBeLessThan(highestBottom);
  const headerBox = await boxOf(header);
  const tallest = Math.max(...boxes.map((b) => b.height));
  expect(headerBox.height, `${label}: the header is one row high`).toBeLessThan(tallest * 2);
}

for (const width of [375, 320] as const) {
  test.describe(`${width} px`, () => {
    test.use({ viewport: { width, height: 720 } });

    test('the Customers table is a card list: every row shows its customer, its actions work by keyboard', async ({
      page,
    }) => {
      await page.context().addCookies(sessions.ada);
      const tracker = new RequestTracker(page);
      for (const tab of ['eligible', 'ineligible', 'complete'] as const) {
        const rows = await rowsOf(page, tab);
        expect(rows.length, `rows on the ${tab} tab`).toBeGreaterThan(0);
        await page.goto(`/engagements/${showcaseId}/customers?tab=${tab}`);
        const table = page.getByRole('table', {
          name: t('en', 'customers.tableHeading', { tab: t('en', `customers.tab.${tab}`) }),
        });
        await expect(table.getByRole('row')).toHaveCount(rows.length + 1);
        await tracker.settled(page);
        await expectReflow(page, `${tab} tab at ${width} px`);
        // Not even the table's own region scrolls sideways: it is a list of cards.
        const region = await table.evaluate((el) => {
          const box = el.parentElement!;
          return { scroll: box.scrollWidth, client: box.clientWidth };
        });
        expect(region.scroll, 'the table region scrolls sideways').toBeLessThanOrEqual(region.client + 1);
        // Every row (a card) shows its customer's name inside the viewport.
        const names = await table.locator('tbody tr').evaluateAll((trs) =>
          trs.map((tr) => {
            const name = tr.querySelector('td span');
            const box = name!.getBoundingClientRect();
            return { name: name?.textContent ?? '', left: box.left, right: box.right, width: box.width };
          }),
        );
        expect(names.map((n) => n.name).sort()).toEqual(rows.map((r) => r.name).sort());
        expect(
          names.filter((n) => n.width === 0 || n.left < 0 || n.right > width),
          'names outside the viewport',
        ).toEqual([]);
        await expectNoAxeViolations(page, `${tab} tab at ${width} px`);
      }

      // A row action by keyboard: Tab reaches it (inside the viewport), Enter opens its dialog.
      const rows = await rowsOf(page, 'eligible');
      // An action whose dialog Esc closes at once (nothing entered yet).
      const dialogActions: RowAction[] = ['claimCustomer', 'resendConsent'];
      const row = rows.find((r) => r.actions[0] && dialogActions.includes(r.actions[0]));
      if (!row) throw new Error('no eligible row whose first action opens a dialog');
      const name = t('en', 'customers.action.label', {
        action: t('en', `customers.action.${row.actions[0]}`),
        customer: row.name,
      });
      await page.goto(`/engagements/${showcaseId}/customers?tab=eligible`);
      await tracker.settled(page);
      await tabTo(page, (el) => el.name === name);
      const action = page.getByRole('button', { name, exact: true });
      await expect(action).toBeFocused();
      await expect(action).toBeInViewport();
      const box = await boxOf(action);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog')).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.getByRole('dialog')).toHaveCount(0);
    });

    test('Add customer: "Customer found" clear of the step heading, the location control and its list inside the dialog', async ({
      page,
    }) => {
      await page.context().addCookies(sessions.ada);
      const tracker = new RequestTracker(page);
      await page.goto(`/engagements/${showcaseId}/customers?tab=eligible`);
      await expect(page.getByRole('heading', { level: 1, name: t('en', 'customers.title') })).toBeVisible();
      await tracker.settled(page);
      await page.getByRole('button', { name: t('en', 'customers.add') }).click();
      const d = page.getByRole('dialog');
      const step = (n: number, name: string) =>
        d.getByRole('heading', {
          level: 2,
          name: t('en', 'wizard.stepOf', { step: n, total: 4, name: t('en', name) }),
        });
      await expect(step(1, 'wizard.step.customer')).toBeFocused();
      await dialogSettled(page);

      // The location control inside the dialog, and so is its open list of options.
      const surface = await boxOf(d);
      const inside = (b: Box, what: string) => {
        expect(b.x, `${what}: left edge`).toBeGreaterThanOrEqual(surface.x - 1);
        expect(b.x + b.width, `${what}: right edge`).toBeLessThanOrEqual(surface.x + surface.width + 1);
        expect(b.x + b.width, `${what}: inside the viewport`).toBeLessThanOrEqual(width);
      };
      const location = d.getByLabel(t('en', 'wizard.location.label'));
      inside(await boxOf(location), 'the location control');
      await location.focus();
      await page.keyboard.press('Enter');
      const options = location.getByRole('option');
      await expect(options.first()).toBeVisible();
      for (const option of await options.all()) inside(await boxOf(option), 'an option of the open list');
      // Enter takes the highlighted option and closes the list (Esc would reach the dialog too).
      await page.keyboard.press('Enter');
      await expect(location).toBeFocused();
      await expect(d).toBeVisible();
      await expectReflow(page, `Add customer, step 1 at ${width} px`);

      // Step 2: the tenant found sits under the step heading, not over it.
      await d.getByLabel(t('en', 'wizard.email.label')).fill('someone@contoso.com');
      await d.getByRole('button', { name: t('en', 'wizard.next') }).click();
      await expect(step(2, 'wizard.step.workshops')).toBeFocused();
      const found = d.locator('.fui-MessageBar', {
        hasText: t('en', 'wizard.tenant.found', { name: 'Contoso Ltd' }),
      });
      await expect(found).toBeVisible();
      await dialogSettled(page);
      expect(
        intersects(await boxOf(found), await boxOf(step(2, 'wizard.step.workshops'))),
        '"Customer found" overlaps the step heading (step 2)',
      ).toBe(false);
      await expectReflow(page, `Add customer, step 2 at ${width} px`);
      await expectNoAxeViolations(page, `Add customer, step 2 at ${width} px`);

      // Step 1 again with a domain that is not the tenant's (R14): found, with the reason to give.
      await d.getByRole('button', { name: t('en', 'wizard.back') }).click();
      await expect(step(1, 'wizard.step.customer')).toBeFocused();
      await d.getByLabel(t('en', 'wizard.email.label')).fill('buyer@contoso.com');
      await d.getByLabel(t('en', 'wizard.id.label')).fill(tenantId('fabrikam'));
      await d.getByRole('button', { name: t('en', 'wizard.next') }).click();
      const mismatch = d.locator('.fui-MessageBar', {
        hasText: t('en', 'wizard.tenant.found', { name: 'Fabrikam, Inc.' }),
      });
      await expect(mismatch).toBeVisible();
      await expect(d.getByText(t('en', 'wizard.mismatch.title'))).toBeVisible();
      expect(
        intersects(await boxOf(mismatch), await boxOf(step(1, 'wizard.step.customer'))),
        '"Customer found" overlaps the step heading (step 1)',
      ).toBe(false);
      await expectReflow(page, `Add customer, step 1 with the tenant found at ${width} px`);

      // Nothing is added: discard.
      await page.keyboard.press('Escape');
      await d.getByRole('button', { name: t('en', 'wizard.discard.confirm') }).click();
      await expect(d).toHaveCount(0);
    });

    for (const who of ['ada', 'olga'] as const) {
      test(`the header is one row; ${who} reaches every navigation link through the menu, by keyboard`, async ({
        page,
      }) => {
        await page.context().addCookies(sessions[who]);
        const tracker = new RequestTracker(page);
        // The links of the wide navigation bar.
        await page.setViewportSize({ width: 1280, height: 720 });
        await page.goto('/');
        const nav = page.getByRole('navigation', { name: t('en', 'shell.nav') });
        await expect(nav.getByRole('link').first()).toBeVisible();
        const links = await nav
          .getByRole('link')
          .evaluateAll((as) =>
            as.map((a) => ({ name: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '' })),
          );
        expect(links.length).toBeGreaterThan(1);

        await page.setViewportSize({ width, height: 720 });
        await tracker.settled(page);
        const menu = page.getByRole('banner').getByRole('button', { name: t('en', 'shell.menu') });
        await expect(menu).toHaveAttribute('aria-expanded', 'false');
        await expect(nav).toHaveCount(0);
        await expectOneRowHeader(page, `home at ${width} px`);
        await expectNoAxeViolations(page, `home at ${width} px`);

        // Open: the links, the account controls; Esc closes and gives the focus back.
        await menu.focus();
        await page.keyboard.press('Enter');
        await expect(menu).toHaveAttribute('aria-expanded', 'true');
        await expect(nav.getByRole('link')).toHaveCount(links.length);
        await expect(page.getByRole('button', { name: t('en', 'shell.signOut') })).toBeVisible();
        await expect(page.getByRole('button', { name: t('en', 'shell.darkTheme') })).toBeVisible();
        await expectReflow(page, `the open menu at ${width} px`);
        await expectNoAxeViolations(page, `the open menu at ${width} px`);
        await page.keyboard.press('Tab');
        await expect(nav.getByRole('link').first()).toBeFocused();
        await page.keyboard.press('Escape');
        await expect(menu).toHaveAttribute('aria-expanded', 'false');
        await expect(menu).toBeFocused();
        await expect(nav).toHaveCount(0);

        // Every link, by keyboard: Enter on the menu button, Tab to the link, Enter.
        for (const link of links) {
          await menu.focus();
          await page.keyboard.press('Enter');
          await tabTo(page, (el) => el.tag === 'a' && el.name === link.name, links.length + 2);
          await page.keyboard.press('Enter');
          await expect(page).toHaveURL((url) => url.pathname === link.href);
          await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
          await expect(menu).toHaveAttribute('aria-expanded', 'false');
          await tracker.settled(page);
          await expectOneRowHeader(page, `${link.href} at ${width} px`);
          await expectReflow(page, `${link.href} at ${width} px`);
        }
      });
    }
  });
}
