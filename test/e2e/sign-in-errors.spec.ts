import { LOCALE_NAMES, t } from './support/catalogues.ts';
import { expect, expectNoAxeViolations, signIn, test, USERS } from './support/fixtures.ts';

// (c) A refused sign-in explains itself in the UI language and is announced to screen readers.

test('a wrong password shows the localised error, in English and in Polish', async ({
  page,
  consoleGuard,
  announcements,
}) => {
  // The refused POST is logged by Chromium as a failed resource load: expected here.
  consoleGuard.expect({ text: /status of 401/, url: /\/api\/v1\/session$/ });
  await page.goto('/signin');

  // Empty form: field errors, no request.
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(t('en', 'signin.email.required'))).toBeVisible();
  await expect(page.getByLabel('Email address')).toBeFocused();

  await signIn(page, USERS.ada, 'not-the-password', 401);
  const en = t('en', 'signin.error.invalidCredentials');
  await expect(page.getByText(en)).toBeVisible();
  await announcements.expectAnnounced(en);
  await expect(page).toHaveURL(/\/signin$/);

  await page.getByRole('button', { name: LOCALE_NAMES.en }).click();
  await page.getByRole('menuitemradio', { name: LOCALE_NAMES.pl }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  await expect(page.getByRole('heading', { level: 1, name: t('pl', 'signin.title') })).toBeVisible();

  await page.getByLabel(t('pl', 'signin.email')).fill(USERS.ada);
  await page.getByLabel(t('pl', 'signin.password')).fill('nie-to-hasło');
  const request = page.waitForRequest((r) => r.url().endsWith('/api/v1/session') && r.method() === 'POST');
  await page.getByRole('button', { name: t('pl', 'signin.submit') }).click();
  expect((await request).headers()['accept-language']).toBe('pl');
  const pl = t('pl', 'signin.error.invalidCredentials');
  await expect(page.getByText(pl)).toBeVisible();
  await announcements.expectAnnounced(pl);
});

test('organisation sign-in: its button when the server offers it, and why it sent the user back', async ({
  page,
}) => {
  // The e2e server has no OpenID Connect provider; answer /auth/providers as one that has.
  await page.route('**/api/v1/auth/providers', (route) =>
    route.fulfill({ json: { password: true, oidc: { loginUrl: '/api/v1/auth/oidc/login' } } }),
  );
  await page.goto('/engagements');
  await expect(page).toHaveURL(/\/signin\?returnTo=%2Fengagements$/);
  const oidc = page.getByRole('link', { name: t('en', 'signin.oidc') });
  await expect(oidc).toHaveAttribute('href', '/api/v1/auth/oidc/login?returnTo=%2Fengagements');
  await expectNoAxeViolations(page, 'sign-in with organisation account');

  for (const [error, id] of [
    ['oidcNoAccount', 'signin.error.oidcNoAccount'],
    ['oidcFailed', 'signin.error.oidcFailed'],
  ] as const) {
    await page.goto(`/signin?error=${error}`);
    await expect(page.getByText(t('en', id))).toBeVisible();
  }
  await page.getByRole('button', { name: LOCALE_NAMES.en }).click();
  await page.getByRole('menuitemradio', { name: LOCALE_NAMES.sv }).click();
  await expect(page.getByText(t('sv', 'signin.error.oidcFailed'))).toBeVisible();
});
