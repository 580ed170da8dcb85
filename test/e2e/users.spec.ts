import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import type { MailboxMessage } from '../../src/contracts/dev.ts';
import type { CustomerLookup } from '../../src/contracts/lookups.ts';
import { engagementByCode, SHOWCASE } from './support/engagements.ts';
import { expect, expectNoAxeViolations, signIn, test, USERS } from './support/fixtures.ts';
import { expectReflow } from './support/reflow.ts';

// Issue 15 item 2, the journey "Cleo invites Nia, Nia sets a password and adds a customer, Cleo
// deactivates Nia and Nia is signed out", in two browser contexts: Cleo (the demo's Account admin)
// on the Users page, Nia on the invitation page from the email and then in the app.

/** Customers of the demo directory that no other journey uses: Nia adds the first one she may. */
const CANDIDATES = [
  'lamnahealthcare.com',
  'bellowscollege.com',
  'nodpublishers.com',
  'adatum.com',
  'cpandl.com',
  'firstupconsultants.com',
  'consolidatedmessenger.com',
  'southridgevideo.com',
  'munsonspickles.com',
];

async function csrf(page: Page): Promise<string> {
  return ((await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
}

/** The invitation email to `to` in the embedded mailbox (Cleo's organisation's mail), once sent. */
async function invitationLink(page: Page, to: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const response = await page.request.get(`/api/v1/dev/mailbox?to=${encodeURIComponent(to)}`);
        const messages = ((await response.json()) as { value: MailboxMessage[] }).value;
        link = messages
          .filter((m) => m.template === 'userInvitation')
          .flatMap((m) => m.links)
          .find((l) => l.includes('/invitations/'));
        return link !== undefined;
      },
      { message: `an invitation email to ${to}`, timeout: 30_000 },
    )
    .toBe(true);
  return new URL(link!).pathname;
}

test('Cleo invites Nia, Nia sets a password and adds a customer, Cleo deactivates Nia and Nia is signed out', async ({
  page,
  browser,
}) => {
  const nia = { name: 'Nia Okafor', email: `nia.${randomUUID().slice(0, 8)}@treyresearch.example` };

  // Cleo, the Account admin, opens the Users page from the navigation.
  await page.goto('/');
  await signIn(page, USERS.cleo);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Users' })).toBeFocused();
  await expectNoAxeViolations(page, 'Users page');

  // She invites Nia as an Incentives user at Seattle.
  await page.getByRole('textbox', { name: 'Email address' }).fill(nia.email);
  await page.getByRole('textbox', { name: 'Name' }).fill(nia.name);
  await page.getByRole('combobox', { name: /Seattle/ }).selectOption('incentivesUser');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByTestId('users-status')).toContainText(`An invitation was sent to ${nia.email}.`);
  const pending = page.getByRole('listitem').filter({ hasText: nia.email });
  await expect(pending).toContainText('The link is valid until');
  await expect(pending.getByRole('button', { name: `Resend the invitation to ${nia.email}` })).toBeVisible();
  await expectNoAxeViolations(page, 'Users page with a pending invitation');

  // Nia, in her own browser, opens the link from the email.
  const path = await invitationLink(page, nia.email);
  const niaContext = await browser.newContext();
  const niaPage = await niaContext.newPage();
  try {
    await niaPage.goto(path);
    await expect(niaPage.getByRole('heading', { level: 1, name: 'Join Trey Research' })).toBeVisible();
    await expect(niaPage.getByText(`Cleo Jansen invited you, ${nia.name}`)).toBeVisible();
    // The link's end, with its time zone (issue 15; Intl refused a time zone beside dateStyle).
    await expect(
      niaPage.getByText(
        /^This link is valid until .+\b(UTC|GMT|CES?T|[+-]\d{1,2}(:\d\d)?) and works once\.$/,
      ),
    ).toBeVisible();
    await expectNoAxeViolations(niaPage, 'invitation page');
    await niaPage.setViewportSize({ width: 320, height: 720 });
    await expectReflow(niaPage, 'invitation page at 320 px');
    await niaPage.setViewportSize({ width: 1280, height: 800 });

    // A common password is refused, in words; then a good one signs her in.
    const password = niaPage.getByLabel('Choose a password');
    await password.fill('qwerty123456');
    await niaPage.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(niaPage.getByText('This password is too common and easy to guess.')).toBeVisible();
    await expect(password).toBeFocused();
    await password.fill('plum orbit lantern 42');
    await niaPage.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(niaPage).toHaveURL(/\/$/);
    await expect(
      niaPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Engagements' }),
    ).toBeVisible();

    // She adds a customer at Seattle through the Add customer wizard. Which one: the first of the
    // candidates she may add (asked through the API; a lookup changes nothing).
    const showcase = await engagementByCode(niaPage, SHOWCASE);
    const session = (await (await niaPage.request.get('/api/v1/session')).json()) as {
      user: { roles: { locationId: string; locationName: string }[] };
    };
    expect(session.user.roles.map((r) => r.locationName)).toEqual([expect.stringContaining('Seattle')]);
    const locationId = session.user.roles[0]!.locationId;
    let chosen:
      | { domain: string; name: string; workshop: { engagementId: string; name: string } }
      | undefined;
    const seen: string[] = [];
    for (const domain of CANDIDATES) {
      const lookup = await niaPage.request.post('/api/v1/customer-lookups', {
        data: { engagementId: showcase.id, locationId, email: `it@${domain}` },
        headers: { 'X-CSRF-Token': await csrf(niaPage), 'Accept-Language': 'en' },
      });
      seen.push(`${domain}: ${lookup.status()} ${(await lookup.text()).slice(0, 300)}`);
      if (!lookup.ok()) continue;
      const found = (await lookup.json()) as CustomerLookup;
      const open = found.workshops.find((w) => w.selectable);
      if (!open) continue;
      chosen = { domain, name: found.tenant.name, workshop: open };
      break;
    }
    expect(chosen, `a customer Nia may add:\n${seen.join('\n')}`).toBeDefined();
    const { domain, name: customer, workshop } = chosen!;

    // The workshop's Customers page, "Add customer": her one location is chosen already.
    await niaPage.goto(`/engagements/${workshop.engagementId}/customers`);
    await expect(niaPage.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
    await niaPage.getByRole('button', { name: 'Add customer' }).click();
    const wizard = niaPage.getByRole('dialog');
    const step = (n: number, name: string) =>
      wizard.getByRole('heading', { level: 2, name: `Step ${n} of 4: ${name}` });
    await expect(step(1, 'Location and customer')).toBeFocused();
    await expect(wizard.getByLabel('MPN location')).toHaveValue(locationId);
    await wizard.getByLabel('Customer email').fill(`it@${domain}`);
    await wizard.getByRole('button', { name: 'Next' }).click();
    await expect(step(2, 'Workshops')).toBeFocused();
    await expect(wizard.getByText(`Customer found: ${customer}`)).toBeVisible();
    // Only this workshop (the page's), as the lookup offered it.
    await expect(wizard.getByRole('checkbox', { name: workshop.name, exact: true })).toBeChecked();
    await expect(wizard.locator('input[type=checkbox]:checked')).toHaveCount(1);
    await expectNoAxeViolations(niaPage, 'Add customer as Nia, workshops');
    await wizard.getByRole('button', { name: 'Next' }).click();
    await expect(step(3, 'Review')).toBeFocused();
    await expect(wizard).toContainText(`it@${domain}`);
    const created = niaPage.waitForResponse(
      (r) => r.url().endsWith('/api/v1/nominations') && r.request().method() === 'POST',
    );
    await wizard.getByRole('button', { name: 'Add customer' }).click();
    expect((await created).status()).toBe(201);
    await expect(step(4, 'Confirmation')).toBeFocused();
    await expect(wizard).toContainText(`${customer} was added to 1 workshop.`);
    await wizard.getByRole('button', { name: 'Close' }).click();
    await expect(wizard).toHaveCount(0);
    // The page refreshed: her customer is on it.
    await expect(niaPage.getByRole('table').getByText(customer, { exact: true })).toBeVisible();

    // Cleo deactivates Nia.
    await page.reload();
    const niaRow = page.getByRole('listitem').filter({ hasText: nia.email });
    await expect(niaRow).toContainText('Active');
    await niaRow.getByRole('button', { name: `Deactivate ${nia.name}` }).click();
    const dialog = page.getByRole('alertdialog');
    await expect(dialog).toContainText(`Deactivate ${nia.name}?`);
    await expectNoAxeViolations(page, 'deactivate dialog');
    await dialog.getByRole('button', { name: 'Deactivate' }).click();
    await expect(page.getByTestId('users-status')).toContainText(
      `${nia.name} is deactivated and signed out everywhere.`,
    );
    await expect(niaRow).toContainText('Deactivated');
    await expect(niaRow.getByRole('button', { name: `Reactivate ${nia.name}` })).toBeVisible();
    await page.setViewportSize({ width: 320, height: 720 });
    await expectReflow(page, 'Users page at 320 px');

    // Nia's next request finds her signed out.
    const refused = await niaPage.request.get('/api/v1/session');
    expect(refused.status()).toBe(401);
    await niaPage.goto('/engagements');
    await expect(niaPage).toHaveURL(/\/signin/);
  } finally {
    await niaContext.close();
  }
});

test('an invitation can be taken with an organisation account: its button when the server offers it, and why it sent the invitee back', async ({
  page,
  browser,
}) => {
  const email = `oidc.${randomUUID().slice(0, 8)}@treyresearch.example`;
  await page.goto('/');
  await signIn(page, USERS.cleo);
  const session = (await (await page.request.get('/api/v1/session')).json()) as {
    csrfToken: string;
    user: { roles: unknown[] };
  };
  const locations = (await (await page.request.get('/api/v1/partner/locations')).json()) as {
    value: { id: string; name: string }[];
  };
  const seattle = locations.value.find((l) => l.name.includes('Seattle'))!;
  const invited = await page.request.post('/api/v1/partner/users', {
    headers: { 'x-csrf-token': session.csrfToken },
    data: { email, name: 'Oona Idowu', roles: [{ locationId: seattle.id, role: 'incentivesUser' }] },
  });
  expect(invited.status()).toBe(201);
  const path = await invitationLink(page, email);
  const token = path.split('/invitations/')[1]!;

  const invitee = await browser.newContext();
  const inviteePage = await invitee.newPage();
  try {
    // The e2e server has no OpenID Connect provider (test/http/oidc-invitation.test.ts takes an
    // invitation through a real one); answer /auth/providers as a server that has.
    await inviteePage.route('**/api/v1/auth/providers', (route) =>
      route.fulfill({ json: { password: true, oidc: { loginUrl: '/api/v1/auth/oidc/login' } } }),
    );
    await inviteePage.goto(path);
    const button = inviteePage.getByRole('link', { name: 'Use your organisation account instead' });
    await expect(button).toHaveAttribute('href', `/api/v1/auth/oidc/login?invitation=${token}`);
    await expect(inviteePage.getByText(`sign in with the organisation account of ${email}`)).toBeVisible();
    await expectNoAxeViolations(inviteePage, 'invitation page with an organisation account');

    await inviteePage.goto(`${path}?error=oidcEmailMismatch`);
    await expect(
      inviteePage.getByText(`The organisation account you signed in with is not ${email}.`),
    ).toBeVisible();
    await expectNoAxeViolations(inviteePage, 'invitation page: another address');
    await inviteePage.setViewportSize({ width: 320, height: 720 });
    await expectReflow(inviteePage, 'invitation page with an organisation account at 320 px');
  } finally {
    await invitee.close();
  }
});
