import { expect, expectNoAxeViolations, signIn, test, USERS } from './support/fixtures.ts';

// Issue 14: the audit log in the app. Ada (Incentives admin) opens "Activity", filters it to the
// customers added and exports what she sees as CSV; Ben (no Incentives admin role) is not offered it.

test('Ada filters the activity log to added customers and exports it', async ({ page }) => {
  await page.goto('/');
  await signIn(page, USERS.ada);
  await page.getByRole('link', { name: 'Activity' }).click();
  await expect(page).toHaveURL(/\/activity$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeFocused();
  const table = page.getByRole('table', { name: 'Activity' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expectNoAxeViolations(page, 'activity page');

  await page.getByLabel('Change').selectOption({ label: 'Customer added' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  const what = table.getByRole('row').locator('td:nth-child(3)');
  await expect(what.first()).toHaveText('Customer added');
  for (const text of await what.allTextContents()) expect(text).toBe('Customer added');

  const href = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
  expect(href).toBe('/api/v1/audit-events/export?action=addCustomer');
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  // The header in the user's language; the values as the API names them.
  expect(lines[0]).toBe(
    'Event,Time (UTC),Actor type,Actor ID,Actor,API token,Action,Record ID,Claim ID,From status,To status',
  );
  expect(lines.length - 1).toBeGreaterThanOrEqual(await what.count());
  for (const line of lines.slice(1)) expect(line).toContain(',addCustomer,');
});

test('the activity log is not offered to users who are not Incentives admins', async ({ page }) => {
  await page.goto('/');
  await signIn(page, USERS.ben);
  await expect(page.getByRole('link', { name: 'Activity' })).toHaveCount(0);
  await page.goto('/activity');
  await expect(
    page.getByText('Only Incentives admins and the program operator can see the activity log.'),
  ).toBeVisible();
});
