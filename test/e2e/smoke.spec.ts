import { expect, expectNoAxeViolations, isDarkTheme, signIn, test, USERS } from './support/fixtures.ts';

// (a) Smoke: sign in as Ada (Incentives admin on every Trey Research location), see her locations;
// sign-in and home pages have no axe violations in light and dark theme; reflow at 320 px.

interface SessionBody {
  user: { displayName: string; roles: { locationName: string; mpnId: string; role: string }[] };
}

test('Ada signs in and sees her locations; sign-in and home are accessible in light and dark', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page).toHaveTitle('Sign in – MCI Customers');

  // The skip link is the first tab stop and moves focus to the main region.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  await expectNoAxeViolations(page, 'sign-in, light');
  const darkToggle = page.getByRole('button', { name: 'Dark theme' });
  await darkToggle.click();
  await expect(darkToggle).toHaveAttribute('aria-pressed', 'true');
  expect(await isDarkTheme(page)).toBe(true);
  await expectNoAxeViolations(page, 'sign-in, dark');
  await darkToggle.click();
  expect(await isDarkTheme(page)).toBe(false);

  await signIn(page, USERS.ada);
  await expect(page).toHaveURL(/\/$/);
  const session = (await (await page.request.get('/api/v1/session')).json()) as SessionBody;
  await expect(
    page.getByRole('heading', { level: 1, name: `Welcome, ${session.user.displayName}` }),
  ).toBeVisible();
  expect(session.user.roles.length).toBeGreaterThan(1);
  await expect(
    page.getByText(`you hold an incentive role on ${session.user.roles.length} locations`),
  ).toBeVisible();

  const table = page.getByRole('table', { name: 'Your locations and roles' });
  await expect(table.getByRole('row')).toHaveCount(session.user.roles.length + 1);
  for (const role of session.user.roles) {
    const row = table.getByRole('row').filter({ hasText: role.locationName });
    await expect(row).toContainText(role.mpnId);
    await expect(row).toContainText('Incentives admin');
  }
  // Only pages that exist are in the navigation; Ada is not an Account admin, and as an Incentives
  // admin she manages API tokens and webhooks (issue 14).
  const nav = page.getByRole('navigation', { name: 'Main' });
  // Mailbox: the e2e server runs with the embedded mailbox (no SMTP_URL), a demo aid.
  await expect(nav.getByRole('link')).toHaveText([
    'Home',
    'Engagements',
    'API tokens',
    'Webhooks',
    'Activity',
    'Mailbox',
  ]);
  await expect(nav.getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
  await expectNoAxeViolations(page, 'home, light');

  // Dark theme from the header is saved for the user and survives a reload.
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/v1/me/preferences') && r.request().method() === 'PATCH',
  );
  await page.getByRole('button', { name: 'Dark theme' }).click();
  const response = await saved;
  expect(response.status()).toBe(200);
  expect(response.request().headers()['x-csrf-token']).toBeTruthy();
  // The theme is applied when the app has taken in the saved preference.
  await expect.poll(() => isDarkTheme(page)).toBe(true);
  await expectNoAxeViolations(page, 'home, dark');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await isDarkTheme(page)).toBe(true);

  // Reflow: nothing scrolls sideways at 320 px except the table's own focusable scroll region.
  await page.setViewportSize({ width: 320, height: 720 });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectNoAxeViolations(page, 'home, dark, 320 px');

  // Leave Ada as we found her (light), then sign out.
  await page.setViewportSize({ width: 1280, height: 800 });
  const restored = page.waitForResponse((r) => r.url().endsWith('/api/v1/me/preferences'));
  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect((await restored).status()).toBe(200);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test('unknown addresses show the not-found page, and the favicon is served', async ({ page }) => {
  const favicon = await page.request.get('/favicon.svg');
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()['content-type']).toContain('image/svg+xml');

  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('/no/such/page')).toBeVisible();
  await expectNoAxeViolations(page, 'not found');
});

test('the program operator gets the operator home, not a partner page', async ({ page }) => {
  await page.goto('/');
  await signIn(page, 'olga@program.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Program operator' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
    'Home',
    'Claim review',
    'Engagement catalogue',
    'Activity',
    'Mailbox',
  ]);
  await expectNoAxeViolations(page, 'operator home');
  await page.goto('/admin/roles');
  await expect(
    page.getByRole('heading', { level: 1, name: 'You are not allowed to open this page' }),
  ).toBeVisible();
});
