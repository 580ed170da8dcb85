import { expect, expectNoAxeViolations, signIn, test, USERS } from './support/fixtures.ts';

// Issue 14: Ada (Incentives admin) creates an API token on the "API tokens" page, sees the secret once
// with a copy button, an integration uses it, and she revokes it: the token stops working at once.

test('Ada creates an API token, sees it once, and revokes it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await signIn(page, USERS.ada);
  await page.getByRole('link', { name: 'API tokens' }).click();
  await expect(page).toHaveURL(/\/admin\/api-tokens$/);
  await expect(page.getByRole('heading', { level: 1, name: 'API tokens' })).toBeFocused();
  await expectNoAxeViolations(page, 'API tokens page');

  const name = `CRM ${Date.now()}`;
  await page.getByLabel('Name').fill(name);
  await page.getByRole('radio', { name: 'Read and write' }).check();
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByText(`Token ${name} created`)).toBeVisible();
  const secret = await page.getByRole('textbox', { name: 'Token', exact: true }).inputValue();
  expect(secret).toMatch(/^mci_[A-Za-z0-9_-]{43}$/);
  await page.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(page.getByRole('status').getByText(/Copied to the clipboard|Could not copy/)).toBeVisible();
  await expectNoAxeViolations(page, 'token created');

  // An integration with only the token, no cookie.
  const use = () =>
    page.request.get('/api/v1/engagements', {
      headers: { authorization: `Bearer ${secret}`, cookie: '' },
    });
  expect((await use()).status()).toBe(200);

  await page.getByRole('button', { name: 'I have saved it' }).click();
  await expect(page.getByRole('textbox', { name: 'Token', exact: true })).toHaveCount(0);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(secret.slice(0, 10));
  await expect(row).not.toContainText(secret);

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toContainText(`Revoke the token ${name}?`);
  await expectNoAxeViolations(page, 'revoke dialog');
  await dialog.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByText(`The token ${name} was revoked.`)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
  expect((await use()).status()).toBe(401);
});
