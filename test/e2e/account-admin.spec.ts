import { expect, expectNoAxeViolations, signIn, tabTo, test, USERS } from './support/fixtures.ts';

// (b) Cleo is the Account admin of Trey Research without an incentive role (spec §1): she gets the
// explanation page, opens role management and assigns a role with the keyboard alone.

interface PartnerUser {
  id: string;
  email: string;
  displayName: string;
  roles: { locationId: string; role: string }[];
}
interface PartnerLocation {
  id: string;
  mpnId: string;
  name: string;
  enrolled: boolean;
}

test('Cleo sees why she cannot use the Customers page and assigns a role with the keyboard', async ({
  page,
  announcements,
}) => {
  await page.goto('/');
  await signIn(page, USERS.cleo);
  await expect(page.getByRole('heading', { level: 1, name: 'You need an incentive role' })).toBeVisible();
  await expect(
    page.getByText(
      'You need the Incentives admin or Incentives user role on at least one location to use the Customers page.',
      { exact: true },
    ),
  ).toBeVisible();
  // She is the Account admin: she is not told to ask one (issue 15), but shown how to give herself a role.
  await expect(page.getByText(/ask your Account admin/i)).toHaveCount(0);
  await expect(page.getByText('As an Account admin of', { exact: false })).toBeVisible();
  await expectNoAxeViolations(page, 'no incentive role');

  // Keyboard only from here on.
  await tabTo(page, (el) => el.tag === 'a' && el.name === 'Go to role management');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/admin\/roles$/);
  const heading = page.getByRole('heading', { level: 1, name: 'Incentive roles' });
  await expect(heading).toBeFocused();

  const users = ((await (await page.request.get('/api/v1/partner/users')).json()) as { value: PartnerUser[] })
    .value;
  const locations = (
    (await (await page.request.get('/api/v1/partner/locations')).json()) as { value: PartnerLocation[] }
  ).value;
  const ben = users.find((u) => u.email === USERS.ben)!;
  const target =
    locations.find((l) => l.enrolled && !ben.roles.some((r) => r.locationId === l.id)) ??
    locations.find((l) => !ben.roles.some((r) => r.locationId === l.id))!;
  const label = `Role of ${ben.displayName} at ${target.name} (${target.mpnId})`;
  const cell = page.getByRole('combobox', { name: label });
  await expect(cell).toContainText('No role');
  await expect(page.getByRole('table', { name: 'Roles by user and location' }).getByRole('row')).toHaveCount(
    users.length + 1,
  );
  await expectNoAxeViolations(page, 'role management');

  await tabTo(page, (el) => el.name === label);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listbox')).toBeVisible();
  await page.keyboard.press('ArrowDown'); // Incentives admin
  await page.keyboard.press('ArrowDown'); // Incentives user
  const saved = page.waitForResponse(
    (r) =>
      r.request().method() === 'PUT' &&
      r.url().includes(`/api/v1/partner/users/${ben.id}/roles/${target.id}`),
  );
  await page.keyboard.press('Enter');
  const response = await saved;
  expect(response.status()).toBe(200);
  expect(response.request().postDataJSON()).toEqual({ role: 'incentivesUser' });
  expect(response.request().headers()['x-csrf-token']).toBeTruthy();

  await expect(cell).toContainText('Incentives user');
  await expect(cell).toBeFocused();
  const status = `${ben.displayName} is now Incentives user at ${target.name}.`;
  await expect(page.getByText(status)).toBeVisible();
  await announcements.expectAnnounced(status);

  const after = ((await (await page.request.get('/api/v1/partner/users')).json()) as { value: PartnerUser[] })
    .value;
  expect(after.find((u) => u.id === ben.id)!.roles).toContainEqual({
    locationId: target.id,
    role: 'incentivesUser',
  });
  await expectNoAxeViolations(page, 'role management after a change');

  // And back to "No role" (DELETE), still by keyboard.
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  const removed = page.waitForResponse(
    (r) => r.request().method() === 'DELETE' && r.url().includes(target.id),
  );
  await page.keyboard.press('Enter');
  expect((await removed).status()).toBe(204);
  await expect(cell).toContainText('No role');
  await expect(
    page.getByText(`${ben.displayName} no longer has an incentive role at ${target.name}.`),
  ).toBeVisible();

  // The pointer works too (a portal covering the page once swallowed every click).
  await cell.click();
  await expect(page.getByRole('listbox')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox')).toBeHidden();
});

test('role management is not offered to users who are not Account admins', async ({ page }) => {
  await page.goto('/admin/roles');
  await expect(page).toHaveURL(/\/signin\?returnTo=%2Fadmin%2Froles$/);
  await signIn(page, USERS.ben);
  // Back where the user came from, which Ben may not open.
  await expect(page).toHaveURL(/\/admin\/roles$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'You are not allowed to open this page' }),
  ).toBeVisible();
  // Ben has an incentive role, so the engagements are his; role management is not.
  // (Mailbox: a demo aid of the e2e server, which has no SMTP_URL.)
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
    'Home',
    'Engagements',
    'Mailbox',
  ]);
  await expectNoAxeViolations(page, 'not allowed');
});
