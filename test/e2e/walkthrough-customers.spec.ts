import { t } from './support/catalogues.ts';
import { engagementByCode, SHOWCASE } from './support/engagements.ts';
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
