import type { Page } from '@playwright/test';
import { t } from './support/catalogues.ts';
import { addCustomer, consentLink, latestEmailTo, requestConsent } from './support/consent.ts';
import { engagementByCode } from './support/engagements.ts';
import { expect, expectNoAxeViolations, signIn, test, USERS } from './support/fixtures.ts';

// Consent not given in time (R24, R30), for Fabrikam on the Microsoft 365 Copilot workshop (wizards.spec.ts
// uses Fabrikam's tenant too, so this runs after it): the test clock (MCI_TEST_CLOCK=1) moves 31 days on. The clock
// is global to the server that every spec file shares, so this file runs last (its name sorts last)
// and nothing runs after it.

const EXPIRY = {
  code: 'MW-COP',
  customer: 'Fabrikam, Inc.',
  email: 'it@fabrikam.com',
} as const;

const eligibleTable = (page: Page) =>
  page.getByRole('table', {
    name: t('en', 'customers.tableHeading', { tab: t('en', 'customers.tab.eligible') }),
  });

test('Consent expired: after 31 days the link says the invitation has expired (410) and the record is gone', async ({
  page,
  consoleGuard,
}) => {
  await page.goto('/');
  await signIn(page, USERS.ada);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const workshop = await engagementByCode(page, EXPIRY.code);
  const nominationId = await addCustomer(page, workshop.id, EXPIRY.email);
  const contact = { name: 'Frank Fabrikam', email: 'frank@fabrikam.com', locale: 'en' };
  await requestConsent(page, nominationId, contact);
  const link = consentLink(await latestEmailTo(page, contact.email));

  await page.goto(`/engagements/${workshop.id}/customers?tab=eligible`);
  await expect(
    eligibleTable(page)
      .getByRole('row')
      .filter({ has: page.getByText(EXPIRY.customer, { exact: true }) }),
  ).toContainText(t('en', 'customers.countdown.consent', { days: 30 }));

  // The test clock on the Mailbox page: +31 days.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mailbox' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mailbox' })).toBeFocused();
  const clock = page.getByRole('region', { name: 'Test clock' });
  await expect(clock).toContainText('App time:');
  await expectNoAxeViolations(page, 'mailbox with test clock');
  // R36: sessions run on real time, so moving the app's clock 31 days on signs nobody out (issue 10,
  // finding 2: it used to end on the sign-in page).
  await clock.getByRole('button', { name: 'Advance the app time by 31 days' }).click();
  await expect(clock.getByRole('status')).toContainText('The app time is now');
  await expect(page.getByRole('heading', { level: 1, name: 'Mailbox' })).toBeVisible();
  expect((await page.request.get('/api/v1/session')).status()).toBe(200);
  await expect(clock).toContainText(t('en', 'testClock.ahead', { days: 31 }));

  // The link: "This invitation has expired", answered with HTTP 410 (page and API).
  consoleGuard.expect({ text: /status of 410/ });
  const response = await page.goto(link);
  expect(response?.status()).toBe(410);
  await expect(page.getByRole('heading', { level: 1, name: 'This invitation has expired' })).toBeVisible();
  await expectNoAxeViolations(page, 'consent page, expired');

  // And the record is gone from the Eligible tab (the server computes the effective status).
  await page.goto(`/engagements/${workshop.id}/customers?tab=eligible`);
  const panel = page.locator('[data-tab="eligible"][data-state="ready"]');
  await expect(panel).toBeVisible();
  await expect(
    panel.getByRole('row').filter({ has: page.getByText(EXPIRY.customer, { exact: true }) }),
  ).toHaveCount(0);
});
