import type { Page } from '@playwright/test';
import { STATUSES_OF_TAB } from '../../src/contracts/lifecycle.ts';
import { t } from './support/catalogues.ts';
import { customerRows, engagementByCode, SHOWCASE } from './support/engagements.ts';
import { expect, expectNoAxeViolations, signIn, test, USERS } from './support/fixtures.ts';

// Issue 15's walkthrough defects on the Customers page, each with the behaviour that fixes it (the Add
// confirmation's "Trigger customer consent now" is in wizards.spec.ts, on the add it already makes:
// the directory has few customers left to add, and the other journeys need them).

test('an "Action required" row counts down the days left to resubmit, as its workshop claim says', async ({
  page,
}) => {
  await page.goto('/');
  await signIn(page, USERS.ada);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const showcase = await engagementByCode(page, SHOWCASE);
  await page.goto(`/engagements/${showcase.id}/customers?tab=eligible&search=margie`);
  const margies = page.getByRole('row').filter({ hasText: 'Margie’s Travel' });
  await expect(margies).toContainText(t('en', 'customers.status.actionRequired'));
  // The demo's operator asked for more 5 days ago: the review deadline is the partner's to resubmit.
  const rows = (await (
    await page.request.get(`/api/v1/engagements/${showcase.id}/customers?tab=eligible&search=margie`)
  ).json()) as { value: { name: string; countdown: string; daysLeft: number; nominationId: string }[] };
  const row = rows.value.find((r) => r.name === 'Margie’s Travel')!;
  expect(row.countdown).toBe('resubmit');
  const words = t('en', 'claim.summary.daysLeftResubmit', { days: row.daysLeft });
  await expect(margies).toContainText(words);
  await expect(margies).not.toContainText(t('en', 'customers.countdown.review', { days: row.daysLeft }));

  // The claim page says the same.
  await page.goto(`/engagements/${showcase.id}/customers/${row.nominationId}/claim`);
  await expect(page.getByText(words).first()).toBeVisible();
});

test('an upcoming workshop says why no customer can be added instead of opening the wizard', async ({
  page,
}) => {
  await page.goto('/');
  await signIn(page, USERS.ada);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const upcoming = await engagementByCode(page, 'DAI-AGENTS');
  await page.goto(`/engagements/${upcoming.id}/customers?tab=eligible`);
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  const add = page.getByRole('button', { name: 'Add customer' });
  await expect(add).toHaveAttribute('aria-disabled', 'true');
  await expect(add).toHaveAccessibleDescription(t('en', 'customers.addBlocked.upcoming'));
  await add.click({ force: true });
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expectNoAxeViolations(page, 'upcoming workshop, eligible tab');
});

async function signInAsAda(page: Page): Promise<void> {
  await page.goto('/');
  await signIn(page, USERS.ada);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

const eligibleTable = (page: Page) =>
  page.getByRole('table', {
    name: t('en', 'customers.tableHeading', { tab: t('en', 'customers.tab.eligible') }),
  });

test('filter by location and by status: labelled controls in the URL, kept on reload, with Clear filters and an empty state', async ({
  page,
}) => {
  await signInAsAda(page);
  const showcase = await engagementByCode(page, SHOWCASE);
  const rows = await customerRows(page, showcase.id, 'eligible');
  const seattle = rows.find((r) => r.location?.name.includes('Seattle'))!.location!;
  const atSeattle = rows.filter((r) => r.location?.id === seattle.id);
  await page.goto(`/engagements/${showcase.id}/customers?tab=eligible`);
  const table = eligibleTable(page);
  await expect(table.getByRole('row')).toHaveCount(rows.length + 1);

  // Keyboard: the location filter follows the sort in the tab order.
  const sort = page.getByRole('combobox', { name: t('en', 'customers.sort.label') });
  const location = page.getByRole('combobox', { name: t('en', 'customers.filter.location') });
  const status = page.getByRole('combobox', { name: t('en', 'customers.filter.status') });
  await sort.focus();
  await page.keyboard.press('Tab');
  await expect(location).toBeFocused();
  await location.selectOption(seattle.id);
  await expect(page).toHaveURL(new RegExp(`locationId=${seattle.id}`));
  await expect(table.getByRole('row')).toHaveCount(atSeattle.length + 1);
  await expect(page.getByText(t('en', 'customers.filter.countsNote'))).toBeVisible();
  await expectNoAxeViolations(page, 'customers, filtered by location');

  // Reload keeps the filter.
  await page.reload();
  await expect(location).toHaveValue(seattle.id);
  await expect(table.getByRole('row')).toHaveCount(atSeattle.length + 1);

  // A status of this tab that no Seattle row has: the empty state says the filters hide rows.
  const absent = STATUSES_OF_TAB.eligible.find((s) => !atSeattle.some((r) => r.status === s))!;
  await status.selectOption(absent);
  await expect(page).toHaveURL(new RegExp(`status=${absent}`));
  const tabName = t('en', 'customers.tab.eligible');
  await expect(page.getByText(t('en', 'customers.empty.filtered.title', { tab: tabName }))).toBeVisible();
  await expect(page.getByText(t('en', 'customers.empty.filtered.body'))).toBeVisible();
  await expectNoAxeViolations(page, 'customers, filters hide every row');

  // A status that Seattle has: exactly those rows.
  const present = atSeattle[0]!.status;
  await status.selectOption(present);
  await expect(table.getByRole('row')).toHaveCount(atSeattle.filter((r) => r.status === present).length + 1);

  // Clear filters: every row again, and the URL without them.
  await page
    .getByRole('button', { name: t('en', 'customers.filter.clear') })
    .first()
    .click();
  await expect(table.getByRole('row')).toHaveCount(rows.length + 1);
  await expect(page).not.toHaveURL(/locationId=|status=/);
  await expect(location).toHaveValue('');
  await expect(status).toHaveValue('');
});

test('a notification opens the Customers page on its record: the row is shown and focused', async ({
  page,
}) => {
  await signInAsAda(page);
  const notifications = (await (await page.request.get('/api/v1/notifications')).json()) as {
    value: { message: string; nominationId: string | null; engagementId: string | null }[];
  };
  // The first notification whose record a tab still lists (the demo has some for hidden records).
  let target: { message: string; nominationId: string; engagementId: string; customer: string } | null = null;
  let gone: string | null = null;
  for (const n of notifications.value) {
    if (!n.nominationId || !n.engagementId) continue;
    const listed = (
      await Promise.all(
        (['eligible', 'ineligible', 'complete'] as const).map((tab) =>
          customerRows(page, n.engagementId!, tab),
        ),
      )
    )
      .flat()
      .find((r) => r.nominationId === n.nominationId);
    if (listed && !target)
      target = {
        message: n.message,
        nominationId: n.nominationId,
        engagementId: n.engagementId,
        customer: listed.name,
      };
    if (!listed && !gone) gone = `/engagements/${n.engagementId}/customers?record=${n.nominationId}`;
  }
  expect(target, 'a notification about a listed record').not.toBeNull();

  await page.getByRole('button', { name: /^Notifications/ }).click();
  const popover = page.getByRole('dialog', { name: 'Notifications' });
  await popover
    .getByRole('listitem')
    .filter({ hasText: target!.message })
    .first()
    .getByRole('link', { name: t('en', 'notifications.openRecord') })
    .click();
  await expect(page).toHaveURL(new RegExp(`record=${target!.nominationId}`));
  const row = page.locator(`tr[data-nomination-id="${target!.nominationId}"]`);
  await expect(row).toBeFocused();
  await expect(row).toBeInViewport();
  await expect(row).toContainText(target!.customer);
  await expect(row).toHaveAttribute('data-highlighted', 'true');

  // A record no tab lists any more: the page says so.
  if (gone) {
    await page.goto(gone);
    await expect(page.getByText(t('en', 'customers.record.notListed'))).toBeVisible();
  }
});

test('sorting by days left says it orders by the next deadline, and each countdown says whose deadline it is', async ({
  page,
}) => {
  await signInAsAda(page);
  const showcase = await engagementByCode(page, SHOWCASE);
  const rows = await customerRows(page, showcase.id, 'eligible');
  const review = rows.find((r) => r.countdown === 'review' && r.daysLeft !== null)!;
  const consent = rows.find((r) => r.countdown === 'consent' && r.daysLeft !== null)!;
  expect(review, 'a claim under the program’s review').toBeDefined();
  expect(consent, 'a record waiting for consent').toBeDefined();
  await page.goto(`/engagements/${showcase.id}/customers?tab=eligible`);
  const sort = page.getByRole('combobox', { name: t('en', 'customers.sort.label') });
  await sort.selectOption('daysLeft');
  await expect(sort.locator('option:checked')).toHaveText(t('en', 'customers.sort.daysLeft'));
  await expect(sort).toHaveAccessibleDescription(t('en', 'customers.sort.daysLeftHint'));
  const table = eligibleTable(page);
  const rowOf = (name: string) =>
    table.getByRole('row').filter({ has: page.getByText(name, { exact: true }) });
  await expect(rowOf(review.name)).toContainText(
    t('en', 'customers.countdown.program', {
      countdown: t('en', 'customers.countdown.review', { days: review.daysLeft! }),
    }),
  );
  await expect(rowOf(consent.name)).toContainText(
    t('en', 'customers.countdown.yours', {
      countdown: t('en', 'customers.countdown.consent', { days: consent.daysLeft! }),
    }),
  );
  await expectNoAxeViolations(page, 'customers, sorted by days left');
});
