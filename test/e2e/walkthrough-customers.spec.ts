import type { Page } from '@playwright/test';
import type { CustomerLookup } from '../../src/contracts/lookups.ts';
import { t } from './support/catalogues.ts';
import { csrfToken } from './support/claims.ts';
import { engagementByCode, SHOWCASE } from './support/engagements.ts';
import { expect, expectNoAxeViolations, signIn, test, USERS } from './support/fixtures.ts';

// Issue 15's walkthrough defects on the Customers page, each with the behaviour that fixes it.

// Customers of the directory that no spec before this one adds (users.spec takes one of its own list):
// the test takes the first that Ada may still add somewhere.
const CANDIDATES = [
  'fourthcoffee.com',
  'wingtiptoys.com',
  'vanarsdel.com',
  'relecloud.com',
  'humongousinsurance.com',
  'blueyonderairlines.com',
  'munsonspickles.com',
  'southridgevideo.com',
];

/** The locations the Add wizard offers on a workshop: Ada's enrolled ones that may earn on it. */
async function offeredLocations(page: Page, engagementId: string): Promise<string[]> {
  const detail = (await (await page.request.get(`/api/v1/engagements/${engagementId}`)).json()) as {
    locations: { locationId: string; enrolled: boolean; eligible: boolean }[];
  };
  const session = (await (await page.request.get('/api/v1/session')).json()) as {
    user: { roles: { locationId: string }[] };
  };
  const mine = new Set(session.user.roles.map((r) => r.locationId));
  return detail.locations
    .filter((l) => mine.has(l.locationId) && l.enrolled && l.eligible)
    .map((l) => l.locationId);
}

/** A customer, a workshop Ada can add it to, and the location to add it at. */
async function addableCustomer(page: Page, startAt: string) {
  const locations = await offeredLocations(page, startAt);
  expect(locations.length, 'a location the wizard offers').toBeGreaterThan(0);
  const seen: string[] = [];
  for (const domain of CANDIDATES)
    for (const locationId of locations) {
      const email = `it@${domain}`;
      const lookup = await page.request.post('/api/v1/customer-lookups', {
        data: { engagementId: startAt, locationId, email },
        headers: { 'X-CSRF-Token': await csrfToken(page), 'Accept-Language': 'en' },
      });
      if (!lookup.ok()) {
        seen.push(`${domain} @ ${locationId}: ${lookup.status()}`);
        continue;
      }
      const found = (await lookup.json()) as CustomerLookup;
      const open = found.workshops.filter((w) => w.selectable);
      seen.push(`${domain} @ ${locationId}: ${open.length} of ${found.workshops.length} workshops open`);
      for (const w of open)
        if ((await offeredLocations(page, w.engagementId)).includes(locationId))
          return {
            email,
            locationId,
            name: found.tenant.name,
            workshop: { id: w.engagementId, name: w.name },
          };
    }
  throw new Error(`no customer Ada may add:\n${seen.join('\n')}`);
}

test('the Add confirmation offers "Trigger customer consent now", and the consent wizard starts with the email typed in step 1', async ({
  page,
}) => {
  await page.goto('/');
  await signIn(page, USERS.ada);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const showcase = await engagementByCode(page, SHOWCASE);
  const customer = await addableCustomer(page, showcase.id);
  const workshop = customer.workshop;
  await page.goto(`/engagements/${workshop.id}/customers?tab=eligible`);
  await page.getByRole('button', { name: 'Add customer' }).click();
  const d = page.getByRole('dialog');
  await d.getByLabel('MPN location').selectOption(customer.locationId);
  await d.getByLabel('Customer email').fill(customer.email);
  await d.getByRole('button', { name: 'Next' }).click();
  await expect(d.getByRole('checkbox', { name: workshop.name, exact: true })).toBeChecked();
  await d.getByRole('button', { name: 'Next' }).click();
  await d.getByRole('button', { name: 'Add customer' }).click();
  await expect(d).toContainText(`${customer.name} was added to 1 workshop.`);

  const consentNow = d.getByRole('button', { name: t('en', 'wizard.done.consentNow') });
  await expect(consentNow).toBeVisible();
  await expectNoAxeViolations(page, 'add confirmation with the next step');
  await consentNow.click();

  // The consent wizard for the record just created, with the address typed in step 1.
  const consent = page.getByRole('dialog');
  await expect(
    consent.getByRole('heading', { name: t('en', 'consent.wizard.title', { customer: customer.name }) }),
  ).toBeVisible();
  await expect(consent.getByLabel('Contact email')).toHaveValue(customer.email);
  await expectNoAxeViolations(page, 'consent wizard from the confirmation');

  // Nothing typed yet beyond what was offered: Cancel closes at once. The page refreshed meanwhile:
  // the new row is on the Eligible tab.
  await consent.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('row').filter({ hasText: customer.name })).toContainText(
    t('en', 'customers.type.notStarted'),
  );
});

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
