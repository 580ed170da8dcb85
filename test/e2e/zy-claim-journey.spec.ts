import type { Browser, Locator, Page } from '@playwright/test';
import { t } from './support/catalogues.ts';
import { claimOf, latestSurveyEmailTo, settled, surveyLink, tinyPdf } from './support/claims.ts';
import { consentLink, latestEmailTo } from './support/consent.ts';
import { customerRows, engagementByCode } from './support/engagements.ts';
import { expect, expectNoAxeViolations, signIn, test, USERS } from './support/fixtures.ts';

// The whole journey of a workshop claim (issue 6, spec §4.4–§5) through the UI: Ada adds Tailwind
// Traders Europe to the Threat Protection Workshop (a customer and workshop no other spec uses),
// triggers consent, the customer accepts from the email; Ada claims with both uploads, sends the
// partner survey to a colleague and the customer survey to the customer, both answered on the public
// page, and submits; Olga (program operator) asks for more information in the back office; Ada sees
// the comment, fixes and resubmits; Olga approves; the Complete tab shows the row approved and opens
// the claim read-only. Runs after the other specs and before zz-consent-expiry (which moves the clock).

const JOURNEY = {
  code: 'SEC-TP',
  customer: 'Tailwind Traders Europe',
  email: 'it@tailwindtraders.eu',
  contact: { name: 'Daan Bakker', email: 'daan.bakker@tailwindtraders.eu' },
  colleague: { name: 'Tom Berg', email: 'tom.berg@treyresearch.example' },
} as const;
const OLGA = 'olga@program.example';
const REQUEST = 'Please add the attendee list to the findings report.';

const table = (page: Page, tab: 'eligible' | 'complete') =>
  page.getByRole('table', {
    name: t('en', 'customers.tableHeading', { tab: t('en', `customers.tab.${tab}`) }),
  });
const row = (scope: Locator, name: string) =>
  scope.getByRole('row').filter({ has: scope.page().getByText(name, { exact: true }) });
const item = (page: Page, kind: string) => page.locator(`[data-poe="${kind}"]`);

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto('/');
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  return page;
}

/** Opens a public link in a browser of its own (no session), as the email's recipient would. */
async function asRecipient<T>(browser: Browser, link: string, act: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto(link);
    return await act(page);
  } finally {
    await context.close();
  }
}

/** Olga's decision in the back office (spec §4.5). */
async function decide(
  olga: Page,
  nominationId: string,
  decision: 'requestInfo' | 'approve',
  comment: string,
) {
  await olga.goto(`/operator/claims/${nominationId}`);
  await expect(olga.getByRole('heading', { level: 1 })).toContainText(JOURNEY.customer);
  await olga.getByRole('radio', { name: t('en', `operator.decision.${decision}`) }).check();
  if (comment) await olga.getByLabel(t('en', 'operator.decide.comment')).fill(comment);
  await olga.getByRole('button', { name: t('en', 'operator.decide.continue') }).click();
  const decided = olga.waitForResponse(
    (r) => r.url().endsWith(`/operator/claims/${nominationId}/decisions`) && r.request().method() === 'POST',
  );
  await olga.getByRole('button', { name: t('en', `operator.confirm.${decision}.button`) }).click();
  expect((await decided).ok()).toBe(true);
}

test('Claim journey: add → consent → claim with uploads and both surveys → submit → more information → resubmit → approved → Complete tab', async ({
  page,
  browser,
  announcements,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await signIn(page, USERS.ada);
  const workshop = await engagementByCode(page, JOURNEY.code);
  await page.goto(`/engagements/${workshop.id}/customers?tab=eligible`);
  await expect(table(page, 'eligible')).toBeVisible();

  // Add the customer (R10–R17).
  await page.getByRole('button', { name: 'Add customer' }).click();
  const d = page.getByRole('dialog');
  await d.getByLabel('Customer email').fill(JOURNEY.email);
  await d.getByRole('button', { name: 'Next' }).click();
  await expect(d.getByRole('checkbox', { name: workshop.name, exact: true })).toBeChecked();
  await d.getByRole('button', { name: 'Next' }).click();
  await d.getByRole('button', { name: 'Add customer' }).click();
  await expect(d).toContainText(`${JOURNEY.customer} was added to 1 workshop.`);
  await d.getByRole('button', { name: 'Close' }).click();
  const customerRow = row(table(page, 'eligible'), JOURNEY.customer);

  // Trigger customer consent (R26–R28).
  await customerRow.getByRole('button', { name: `Trigger customer consent: ${JOURNEY.customer}` }).click();
  await d.getByLabel('Contact name').fill(JOURNEY.contact.name);
  await d.getByLabel('Contact email').fill(JOURNEY.contact.email);
  await d.getByRole('button', { name: 'Next' }).click();
  await d.getByRole('button', { name: 'Next' }).click();
  await d.getByRole('button', { name: 'Send for consent' }).click();
  await expect(d).toHaveCount(0);
  await expect(customerRow).toContainText(t('en', 'customers.status.consentPending'));

  // The customer accepts from the email.
  const consent = consentLink(await latestEmailTo(page, JOURNEY.contact.email));
  await asRecipient(browser, consent, async (customer) => {
    await customer.getByRole('button', { name: t('en', 'publicConsent.accept') }).click();
    await expect(
      customer.getByRole('heading', { level: 1, name: t('en', 'publicConsent.accepted.title') }),
    ).toBeVisible();
  });

  // Active: Submit workshop claim opens the claim.
  await page.reload();
  await expect(customerRow).toContainText(t('en', 'customers.countdown.claim', { days: 90 }));
  await customerRow.getByRole('button', { name: `Submit workshop claim: ${JOURNEY.customer}` }).click();
  const title = t('en', 'claim.title', { customer: JOURNEY.customer });
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeFocused();
  const nominationId = /\/customers\/([^/]+)\/claim/.exec(page.url())![1]!;
  await expect(page.getByRole('main')).toContainText(t('en', 'customers.countdown.claim', { days: 90 }));

  // Both uploads.
  const findings = t('en', 'claim.poe.findingsReport');
  const invoice = t('en', 'claim.poe.invoice');
  await page
    .getByLabel(t('en', 'claim.file.input', { kind: findings }), { exact: true })
    .setInputFiles({ name: 'findings.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Findings') });
  await expect(
    page.getByText(t('en', 'claim.upload.done', { kind: findings, name: 'findings.pdf' })),
  ).toBeVisible();
  await page
    .getByLabel(t('en', 'claim.file.input', { kind: invoice }), { exact: true })
    .setInputFiles({ name: 'invoice.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Invoice') });
  await expect(
    page.getByText(t('en', 'claim.upload.done', { kind: invoice, name: 'invoice.pdf' })),
  ).toBeVisible();

  // The partner survey goes to a colleague, who answers it on the public page.
  await item(page, 'partnerSurvey').getByRole('button', { name: 'Send to a partner contact' }).click();
  const send = page.getByRole('dialog', { name: t('en', 'claim.partnerSurvey.sendTitle') });
  await expect(send.getByLabel('Name')).toHaveValue('Ada Ruiz');
  await settled(page);
  await expectNoAxeViolations(page, 'send partner survey dialog');
  await send.getByLabel('Name').fill(JOURNEY.colleague.name);
  await send.getByLabel('Email').fill(JOURNEY.colleague.email);
  await send.getByRole('button', { name: 'Send survey' }).click();
  await announcements.expectAnnounced(t('en', 'claim.partnerSurvey.sentTo', JOURNEY.colleague));
  await expect(item(page, 'partnerSurvey')).toContainText(JOURNEY.colleague.email);
  const partnerLink = surveyLink(await latestSurveyEmailTo(page, JOURNEY.colleague.email));
  await asRecipient(browser, partnerLink, async (colleague) => {
    await expect(
      colleague.getByRole('heading', { level: 1, name: t('en', 'survey.public.title') }),
    ).toBeVisible();
    await expect(colleague.getByRole('main')).toContainText(JOURNEY.customer);
    await expectNoAxeViolations(colleague, 'public partner survey');
    await colleague
      .getByLabel(t('en', 'survey.partner.deliveredOn'))
      .fill(new Date().toISOString().slice(0, 10));
    await colleague.getByLabel(t('en', 'survey.partner.durationHours')).fill('4');
    await colleague.getByLabel(t('en', 'survey.partner.attendees')).fill('9');
    await colleague.getByLabel(t('en', 'survey.partner.topicsCovered')).fill('Defender XDR incidents');
    await colleague.getByLabel(t('en', 'survey.partner.nextSteps')).fill('Sentinel pilot');
    await colleague.getByRole('button', { name: t('en', 'survey.public.submit') }).click();
    await expect(
      colleague.getByRole('heading', { level: 1, name: t('en', 'survey.public.thanks.title') }),
    ).toBeVisible();
  });

  // The customer survey goes to the customer contact, who answers it.
  await item(page, 'customerSurvey').getByRole('button', { name: 'Send to customer' }).click();
  await announcements.expectAnnounced(t('en', 'claim.customerSurvey.sentTo', JOURNEY.contact));
  const customerLink = surveyLink(await latestSurveyEmailTo(page, JOURNEY.contact.email));
  await asRecipient(browser, customerLink, async (customer) => {
    await customer.getByRole('radio', { name: t('en', 'survey.customer.satisfaction.5') }).check();
    await customer.getByRole('radio', { name: t('en', 'survey.yes') }).check();
    await customer.getByRole('button', { name: t('en', 'survey.public.submit') }).click();
    await expect(
      customer.getByRole('heading', { level: 1, name: t('en', 'survey.public.thanks.title') }),
    ).toBeVisible();
    // The link is single-purpose: answering again with other answers is refused (409).
    const again = await customer.request.post(customerLink.replace('/survey/', '/api/v1/public/surveys/'), {
      data: { answers: { satisfaction: 1, wouldRecommend: false } },
    });
    expect(again.status()).toBe(409);
  });

  // Every item done: submit.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  for (const kind of ['findingsReport', 'invoice', 'partnerSurvey', 'customerSurvey'])
    await expect(item(page, kind)).toContainText(t('en', 'claim.poe.state.done'));
  await page.getByRole('button', { name: 'Submit workshop claim' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Submit workshop claim' }).click();
  await announcements.expectAnnounced(
    t('en', 'claim.submit.done', {
      customer: JOURNEY.customer,
      status: t('en', 'customers.status.claimSubmitted'),
    }),
  );

  // Olga asks for more information.
  const olga = await signedIn(browser, OLGA);
  try {
    await decide(olga, nominationId, 'requestInfo', REQUEST);

    // Ada sees the comment, fixes the findings report, adds a comment and resubmits.
    await page.reload();
    const comment = page.getByTestId('operator-comment');
    await expect(comment).toContainText(REQUEST);
    await expect(comment).toContainText('The program operator asked for more information');
    await expect(page.getByRole('main')).toContainText(t('en', 'customers.status.actionRequired'));
    await expectNoAxeViolations(page, 'claim page, action required');
    await page
      .getByLabel(t('en', 'claim.file.input', { kind: findings }), { exact: true })
      .setInputFiles({ name: 'findings-v2.pdf', mimeType: 'application/pdf', buffer: tinyPdf('Attendees') });
    await expect(
      page.getByText(t('en', 'claim.upload.done', { kind: findings, name: 'findings-v2.pdf' })),
    ).toBeVisible();
    await page.getByLabel(t('en', 'claim.comments.label')).fill('Attendee list added on page 2.');
    await page.getByRole('button', { name: 'Save comments' }).click();
    await announcements.expectAnnounced(t('en', 'claim.comments.saved'));
    await page.getByRole('button', { name: 'Resubmit workshop claim' }).click();
    const confirm = page.getByRole('alertdialog', {
      name: t('en', 'claim.submit.titleResubmit', { customer: JOURNEY.customer }),
    });
    await confirm.getByRole('button', { name: 'Resubmit workshop claim' }).click();
    await expect(page.getByText(t('en', 'claim.readOnly.inReview'))).toBeVisible();
    expect((await claimOf(page, nominationId)).status).toBe('claim_submitted');

    // Olga approves.
    await decide(olga, nominationId, 'approve', '');
  } finally {
    await olga.context().close();
  }

  // The Complete tab shows the row approved; View workshop claim opens it read-only, with the history.
  await page.goto(`/engagements/${workshop.id}/customers?tab=complete`);
  const completeRow = row(table(page, 'complete'), JOURNEY.customer);
  await expect(completeRow).toContainText(t('en', 'customers.status.approved'));
  expect(
    (await customerRows(page, workshop.id, 'complete')).find((r) => r.name === JOURNEY.customer)?.outcome,
  ).toBe('approved');
  await completeRow.getByRole('button', { name: `View workshop claim: ${JOURNEY.customer}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeFocused();
  await expect(page.getByText(t('en', 'claim.readOnly.approved'))).toBeVisible();
  await expect(page.getByRole('main')).toContainText(t('en', 'claim.summary.payout'));
  await expect(
    page.getByRole('button', { name: /Submit|Upload file|Change contacts|Cancel claim/ }),
  ).toHaveCount(0);
  const history = page.getByRole('region', { name: 'History' });
  const operator = t('en', 'claim.history.actor.operator');
  await expect(history).toContainText(`${operator}: ${t('en', 'claim.history.requestInfo')}`);
  await expect(history).toContainText(`Ada Ruiz: ${t('en', 'claim.history.resubmitClaim')}`);
  await expect(history).toContainText(`${operator}: ${t('en', 'claim.history.approve')}`);
  await expect(history).toContainText(REQUEST);
  await expectNoAxeViolations(page, 'claim page, approved');
});
