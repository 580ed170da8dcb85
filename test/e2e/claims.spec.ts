import type { Locator, Page } from '@playwright/test';
import { t } from './support/catalogues.ts';
import { claimOf, latestSurveyEmailTo, settled, tinyPdf } from './support/claims.ts';
import { customerRows, engagementByCode, SHOWCASE } from './support/engagements.ts';
import { expect, expectNoAxeViolations, signIn, test, USERS } from './support/fixtures.ts';

// The workshop claim (spec §4.4, S1–S9) through the UI, as Ada on the demo data: Northwind Traders
// on the Azure Migration Workshop (INF-MIG) is `active` with no claim started, and no other spec
// looks at it. The showcase's Complete tab (SEC-WS) opens every claim read-only; its rejected and
// draft records only have their dialogs opened (nothing is sent), because customers.spec.ts reads them.

const CLAIM = { code: 'INF-MIG', customer: 'Northwind Traders' } as const;

const FINDINGS = t('en', 'claim.poe.findingsReport');
const INVOICE = t('en', 'claim.poe.invoice');

const table = (page: Page, tab: 'eligible' | 'complete') =>
  page.getByRole('table', {
    name: t('en', 'customers.tableHeading', { tab: t('en', `customers.tab.${tab}`) }),
  });
const row = (scope: Locator, name: string) =>
  scope.getByRole('row').filter({ has: scope.page().getByText(name, { exact: true }) });
const item = (page: Page, kind: string) => page.locator(`[data-poe="${kind}"]`);

async function signInAsAda(page: Page): Promise<void> {
  await page.goto('/');
  await signIn(page, USERS.ada);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

async function openCustomers(page: Page, engagementId: string, tab: 'eligible' | 'complete') {
  await page.goto(`/engagements/${engagementId}/customers?tab=${tab}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expect(table(page, tab)).toBeVisible();
}

test('Workshop claim: uploads (a wrong type refused), partner survey in the app, customer survey from the mailbox, submit', async ({
  page,
  consoleGuard,
  announcements,
}) => {
  // The wrong type is refused by the server (415), which Chromium logs.
  consoleGuard.expect({ text: /status of 415/, url: /\/claim\/files\/findingsReport$/ });
  await signInAsAda(page);
  const workshop = await engagementByCode(page, CLAIM.code);
  await openCustomers(page, workshop.id, 'eligible');
  const customerRow = row(table(page, 'eligible'), CLAIM.customer);
  const submitAction = customerRow.getByRole('button', { name: `Submit workshop claim: ${CLAIM.customer}` });
  await expect(submitAction).not.toHaveAttribute('aria-disabled', 'true');
  await submitAction.click();

  // The claim page: header with customer, workshop, status, days left and the expected payout.
  const title = t('en', 'claim.title', { customer: CLAIM.customer });
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeFocused();
  await expect(page).toHaveURL(/\/customers\/[^/]+\/claim\?tab=eligible$/);
  const nominationId = /\/customers\/([^/]+)\/claim/.exec(page.url())![1]!;
  const before = await claimOf(page, nominationId);
  expect(before.status).toBe('active');
  const main = page.getByRole('main');
  await expect(main).toContainText(workshop.name);
  await expect(main).toContainText(t('en', 'customers.countdown.claim', { days: before.daysLeft! }));
  await expect(main).toContainText(t('en', 'claim.summary.expectedPayout'));
  const payout = before.expectedPayout!;
  await expect(main).toContainText(
    new Intl.NumberFormat('en', { style: 'currency', currency: payout.currency }).format(
      payout.amountMinor / 100,
    ),
  );
  // Nothing done yet: Submit is disabled and says what is missing.
  const submit = page.getByRole('button', { name: 'Submit workshop claim' });
  await expect(submit).toHaveAttribute('aria-disabled', 'true');
  await expect(submit).toHaveAccessibleDescription(new RegExp(`${FINDINGS}.*${INVOICE}`));
  await expectNoAxeViolations(page, 'claim page, new');

  // A wrong type is refused with what to do.
  const findingsInput = page.getByLabel(t('en', 'claim.file.input', { kind: FINDINGS }), { exact: true });
  await findingsInput.setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('notes'),
  });
  const refusal = item(page, 'findingsReport').getByText(
    t('en', 'claim.upload.wrongType.findingsReport', { name: 'notes.txt' }),
  );
  await expect(refusal).toBeVisible();
  await expectNoAxeViolations(page, 'claim page, upload refused');

  // The findings report and the invoice as PDFs; each can be downloaded afterwards.
  await findingsInput.setInputFiles({ name: 'findings.pdf', mimeType: 'application/pdf', buffer: tinyPdf() });
  const uploaded = t('en', 'claim.upload.done', { kind: FINDINGS, name: 'findings.pdf' });
  await expect(page.getByText(uploaded)).toBeVisible();
  await announcements.expectAnnounced(uploaded);
  await expect(refusal).toHaveCount(0);
  await page
    .getByLabel(t('en', 'claim.file.input', { kind: INVOICE }), { exact: true })
    .setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Invoice') });
  await expect(
    page.getByText(t('en', 'claim.upload.done', { kind: INVOICE, name: 'invoice.pdf' })),
  ).toBeVisible();
  const download = page.getByRole('link', { name: 'Download invoice.pdf' });
  await expect(download).toBeVisible();
  const file = await page.request.get((await download.getAttribute('href'))!);
  expect(file.status()).toBe(200);
  expect((await file.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await expect(item(page, 'findingsReport')).toContainText(t('en', 'claim.poe.state.done'));

  // The partner survey, answered in the app: checked before sending.
  await item(page, 'partnerSurvey').getByRole('button', { name: 'Answer in the app' }).click();
  const dialog = page.getByRole('dialog', {
    name: t('en', 'claim.partnerSurvey.dialogTitle', { customer: CLAIM.customer }),
  });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Save answers' }).click();
  await expect(dialog.getByText(t('en', 'survey.partner.deliveredOn.invalid'))).toBeVisible();
  await expect(dialog.getByText(t('en', 'survey.field.required')).first()).toBeVisible();
  await settled(page);
  await expectNoAxeViolations(page, 'partner survey dialog with errors');
  const delivered = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  await dialog.getByLabel(t('en', 'survey.partner.deliveredOn')).fill(delivered);
  await dialog.getByLabel(t('en', 'survey.partner.durationHours')).fill('6');
  await dialog.getByLabel(t('en', 'survey.partner.attendees')).fill('12');
  await dialog
    .getByLabel(t('en', 'survey.partner.topicsCovered'))
    .fill('Azure Migrate assessment, landing zone');
  await dialog.getByLabel(t('en', 'survey.partner.nextSteps')).fill('Pilot migration of two workloads');
  await dialog.getByRole('button', { name: 'Save answers' }).click();
  await expect(dialog).toHaveCount(0);
  await announcements.expectAnnounced(t('en', 'claim.partnerSurvey.saved'));
  await expect(item(page, 'partnerSurvey')).toContainText('Pilot migration of two workloads');

  // The contacts dialog (opened and closed: nothing changes).
  await page.getByRole('button', { name: 'Change contacts' }).click();
  const contacts = page.getByRole('dialog', { name: t('en', 'claim.contacts.dialogTitle') });
  await expect(contacts).toBeVisible();
  await settled(page);
  await expectNoAxeViolations(page, 'contacts dialog');
  await contacts.getByRole('button', { name: 'Cancel' }).click();
  await expect(contacts).toHaveCount(0);

  // Comments for the reviewer (PATCH with If-Match).
  await page.getByLabel(t('en', 'claim.comments.label')).fill('Delivered on site in Seattle.');
  const patched = page.waitForResponse((r) => r.url().endsWith('/claim') && r.request().method() === 'PATCH');
  await page.getByRole('button', { name: 'Save comments' }).click();
  expect((await patched).request().headers()['if-match']).toMatch(/^W\/"\d+"$/);
  await announcements.expectAnnounced(t('en', 'claim.comments.saved'));

  // The customer survey goes to the customer contact.
  const contact = (await claimOf(page, nominationId)).customerContact!;
  const sentAt = new Date(Date.now() - 1000).toISOString();
  await item(page, 'customerSurvey').getByRole('button', { name: 'Send to customer' }).click();
  const sent = t('en', 'claim.customerSurvey.sentTo', { name: contact.name, email: contact.email });
  await announcements.expectAnnounced(sent);
  await expect(item(page, 'customerSurvey').getByRole('button', { name: 'Resend' })).toBeVisible();
  await expectNoAxeViolations(page, 'claim page, items done but the customer survey');

  // The mailbox: the survey email, its link, the public survey page.
  await latestSurveyEmailTo(page, contact.email, sentAt);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mailbox' }).click();
  const filter = page.getByRole('searchbox', { name: 'Filter by recipient' });
  await filter.fill(contact.email);
  await filter.press('Enter');
  const messageRow = page.getByRole('row').filter({ hasText: contact.email }).first();
  await expect(messageRow).toBeVisible({ timeout: 30_000 });
  await messageRow.getByRole('button').click();
  const link = page.getByRole('link', { name: /\/survey\// });
  await expect(link).toBeVisible();
  await link.click();

  const locale = (contact.locale as 'en') ?? 'en';
  await expect(page.getByRole('heading', { level: 1, name: t(locale, 'survey.public.title') })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(main).toContainText('Trey Research');
  await expect(main).toContainText(CLAIM.customer);
  await expect(main).toContainText(workshop.name);
  await expectNoAxeViolations(page, 'public survey page');
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: t(locale, 'survey.public.submit') }).click();
  await expect(page.getByText(t(locale, 'survey.customer.satisfaction.required'))).toBeVisible();
  await expectNoAxeViolations(page, 'public survey page with errors');
  await page.getByRole('radio', { name: t(locale, 'survey.customer.satisfaction.4') }).check();
  await page.getByRole('radio', { name: t(locale, 'survey.yes') }).check();
  await page.getByLabel(t(locale, 'survey.customer.comments')).fill('Clear next steps.');
  await page.getByRole('button', { name: t(locale, 'survey.public.submit') }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: t(locale, 'survey.public.thanks.title') }),
  ).toBeVisible();
  await expectNoAxeViolations(page, 'public survey page, answered');

  // Back on the claim: every item done; submit asks first, then the claim is read-only.
  await page.goto(`/engagements/${workshop.id}/customers/${nominationId}/claim`);
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(item(page, 'customerSurvey')).toContainText(t('en', 'claim.poe.state.done'));
  await expect(page.getByText(t('en', 'claim.contacts.locked'))).toBeVisible();
  await expect(submit).not.toHaveAttribute('aria-disabled', 'true');
  await submit.click();
  const confirm = page.getByRole('alertdialog', {
    name: t('en', 'claim.submit.title', { customer: CLAIM.customer }),
  });
  await expect(confirm).toBeVisible();
  await settled(page);
  await expectNoAxeViolations(page, 'submit confirmation');
  const submitted = page.waitForResponse((r) => r.url().endsWith('/claim/submit'));
  await confirm.getByRole('button', { name: 'Submit workshop claim' }).click();
  expect((await submitted).request().headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  const done = t('en', 'claim.submit.done', {
    customer: CLAIM.customer,
    status: t('en', 'customers.status.claimSubmitted'),
  });
  await announcements.expectAnnounced(done);
  await expect(page.getByText(t('en', 'claim.readOnly.inReview'))).toBeVisible();
  await expect(submit).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Upload file: Invoice' })).toHaveCount(0);
  const history = page.getByRole('region', { name: 'History' });
  await expect(history).toContainText(`Ada Ruiz: ${t('en', 'claim.history.submitClaim')}`);
  await expect(history).toContainText(
    `Customer: ${t('en', 'claim.history.answered', { item: 'Customer survey' })}`,
  );
  await expectNoAxeViolations(page, 'claim page, submitted');
  expect((await claimOf(page, nominationId)).status).toBe('claim_submitted');

  // The Customers page shows the new status.
  await page.getByRole('link', { name: 'Back to Customers' }).click();
  await expect(row(table(page, 'eligible'), CLAIM.customer)).toContainText(
    t('en', 'customers.status.claimSubmitted'),
  );
});

test('Every Complete-tab row of the showcase opens its claim read-only; dispute and cancel dialogs', async ({
  page,
}) => {
  await signInAsAda(page);
  const showcase = await engagementByCode(page, SHOWCASE);
  const complete = await customerRows(page, showcase.id, 'complete');
  expect(complete.length).toBeGreaterThan(0);

  // Every Complete-tab row of every workshop the user sees answers its claim (API).
  const list = await page.request.get('/api/v1/engagements');
  for (const e of ((await list.json()) as { value: { id: string; kind: string }[] }).value) {
    if (e.kind !== 'workshop') continue;
    for (const r of await customerRows(page, e.id, 'complete')) {
      expect(r.actions).toContain('viewWorkshopClaim');
      const claim = await claimOf(page, r.nominationId!);
      expect(claim.actions.filter((a) => a !== 'dispute')).toEqual([]);
    }
  }

  // Through the UI on the showcase: View workshop claim opens each one, read-only.
  for (const [i, r] of complete.entries()) {
    await openCustomers(page, showcase.id, 'complete');
    await row(table(page, 'complete'), r.name)
      .getByRole('button', { name: `View workshop claim: ${r.name}` })
      .click();
    await expect(
      page.getByRole('heading', { level: 1, name: t('en', 'claim.title', { customer: r.name }) }),
    ).toBeFocused();
    await expect(
      page.getByRole('button', { name: /Submit workshop claim|Upload file|Change contacts/ }),
    ).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'History' })).toBeVisible();
    if (r.status === 'approved' || r.outcome === 'approved')
      await expect(page.getByText(t('en', 'claim.readOnly.approved'))).toBeVisible();
    if (i === 0) await expectNoAxeViolations(page, `claim page, complete (${r.name})`);
    // Back to the Complete tab.
    await page.getByRole('link', { name: 'Back to Customers' }).click();
    await expect(page).toHaveURL(/tab=complete/);
  }

  // A rejected claim (Blue Yonder Airlines): the operator's comment and the dispute dialog (not sent).
  await openCustomers(page, showcase.id, 'eligible');
  const eligible = await customerRows(page, showcase.id, 'eligible');
  const blue = eligible.find((r) => r.name === 'Blue Yonder Airlines')!;
  await page.goto(`/engagements/${showcase.id}/customers/${blue.nominationId}/claim`);
  await expect(page.getByTestId('operator-comment')).toBeVisible();
  await page.getByRole('button', { name: 'Dispute the rejection' }).click();
  const dispute = page.getByRole('dialog', {
    name: t('en', 'claim.dispute.title', { customer: 'Blue Yonder Airlines' }),
  });
  await dispute.getByRole('button', { name: 'Send dispute' }).click();
  await expect(dispute.getByText(t('en', 'claim.dispute.length', { min: 20, max: 2000 }))).toBeVisible();
  await settled(page);
  await expectNoAxeViolations(page, 'dispute dialog');
  await dispute.getByRole('button', { name: 'Cancel' }).click();
  await expect(dispute).toHaveCount(0);

  // A draft claim (Adventure Works): Continue workshop claim; the cancel confirmation (Go back).
  await openCustomers(page, showcase.id, 'eligible');
  await row(table(page, 'eligible'), 'Adventure Works')
    .getByRole('button', { name: 'Continue workshop claim: Adventure Works' })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: t('en', 'claim.title', { customer: 'Adventure Works' }) }),
  ).toBeFocused();
  await expect(item(page, 'findingsReport')).toContainText(t('en', 'claim.poe.state.done'));
  await page.getByRole('button', { name: 'Cancel claim' }).click();
  const cancel = page.getByRole('alertdialog', {
    name: t('en', 'claim.cancel.title', { customer: 'Adventure Works' }),
  });
  await expect(cancel).toBeVisible();
  await settled(page);
  await expectNoAxeViolations(page, 'cancel confirmation');
  await cancel.getByRole('button', { name: 'Go back' }).click();
  await expect(cancel).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Cancel claim' })).toBeFocused();
  // 320 px: no horizontal scrolling (WCAG 1.4.10).
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});
