import type { Page } from '@playwright/test';
import { t } from './support/catalogues.ts';
import { expect, expectNoAxeViolations, signIn, test, USERS } from './support/fixtures.ts';

// The program operator's back office (spec §4.4, §4.5, issue 6) as Olga on the demo data: the review
// queue, a claim's detail, review decisions and the engagement editor; and a partner user kept out.
// Each decision uses a demo claim no other spec looks at: Alpine Ski House (claim submitted → request
// more information) and Lucerne Publishing (under review → approve), both Trey Research – Seattle on
// the Security Workshop. The editor creates its own engagement (code E2E-OPS-WS).

const OLGA = 'olga@program.example';
const REQUEST_INFO = 'Alpine Ski House';
const APPROVE = 'Lucerne Publishing';

async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await signIn(page, email);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

const queueTable = (page: Page) => page.getByRole('table', { name: t('en', 'operator.queue.heading') });
const queueRow = (page: Page, customer: string) =>
  queueTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: customer, exact: true }) });

/** The dialog's opening transition is over (axe would otherwise measure colours mid-fade). */
async function dialogSettled(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page
        .getByRole('dialog')
        .evaluate(
          (el) => el.getAnimations({ subtree: true }).filter((a) => a.playState === 'running').length,
        ),
    )
    .toBe(0);
}

async function openQueue(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: t('en', 'shell.nav') })
    .getByRole('link', { name: 'Claim review' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: t('en', 'operator.queue.title') })).toBeFocused();
  await expect(queueTable(page)).toBeVisible();
}

async function openClaim(page: Page, customer: string): Promise<void> {
  await queueRow(page, customer).getByRole('link', { name: customer, exact: true }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: t('en', 'operator.claim.title', { customer }) }),
  ).toBeVisible();
}

test('the operator’s home and the review queue: demo claims awaiting review, filters by status and workshop', async ({
  page,
}) => {
  await signInAs(page, OLGA);
  const main = page.getByRole('main');
  await expect(main.getByRole('link', { name: t('en', 'operator.home.queue') })).toBeVisible();
  await expect(main.getByRole('link', { name: t('en', 'operator.home.engagements') })).toBeVisible();
  await expectNoAxeViolations(page, 'operator home');

  await openQueue(page);
  // The default queue: claims awaiting the operator (submitted, under review, disputed), both partners.
  await expect(queueRow(page, REQUEST_INFO)).toContainText(t('en', 'customers.status.claimSubmitted'));
  await expect(queueRow(page, APPROVE)).toContainText(t('en', 'customers.status.underReview'));
  await expect(queueRow(page, 'Graphic Design Institute')).toContainText(t('en', 'operator.disputed.yes'));
  await expect(queueRow(page, 'Humongous Insurance')).toContainText('Proseware');
  await expect(queueRow(page, 'Margie’s Travel')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: /claims?\./ })).toBeVisible();
  await expectNoAxeViolations(page, 'review queue');

  // Filters: add "Action required", keep only the Security Workshop; the URL keeps them.
  await page.getByRole('checkbox', { name: t('en', 'operator.filter.status.actionRequired') }).check();
  await expect(queueRow(page, 'Margie’s Travel')).toContainText(t('en', 'customers.status.actionRequired'));
  await page.getByLabel(t('en', 'operator.filter.engagement')).selectOption({ label: 'Security Workshop' });
  await expect(queueRow(page, 'Humongous Insurance')).toHaveCount(0);
  await expect(queueRow(page, REQUEST_INFO)).toBeVisible();
  expect(new URL(page.url()).searchParams.get('status')).toContain('action_required');
  await page.reload();
  await expect(
    page.getByRole('checkbox', { name: t('en', 'operator.filter.status.actionRequired') }),
  ).toBeChecked();
  await expect(queueRow(page, 'Margie’s Travel')).toBeVisible();
  await expectNoAxeViolations(page, 'review queue, filtered');
});

test('claim detail: files and survey answers; request more information with a comment → action required', async ({
  page,
  announcements,
}) => {
  await signInAs(page, OLGA);
  await openQueue(page);
  await openClaim(page, REQUEST_INFO);

  // Proof of execution: the files to download and both surveys' answers, readable.
  const download = page.getByRole('link', { name: /^Download / }).first();
  await expect(download).toBeVisible();
  const href = await download.getAttribute('href');
  expect(href).toMatch(/\/api\/v1\/operator\/claims\/[^/]+\/files\/(findingsReport|invoice)$/);
  const file = await page.request.get(href!);
  expect(file.status()).toBe(200);
  const poe = page.getByRole('region', { name: t('en', 'operator.claim.poe') });
  for (const survey of ['operator.poe.partnerSurvey', 'operator.poe.customerSurvey'] as const) {
    const item = poe
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: t('en', survey) }) });
    await expect(item).toContainText(t('en', 'operator.survey.state.completed'));
    await expect(item.getByRole('term').first()).toBeVisible();
  }
  await expect(
    poe
      .getByRole('term')
      .filter({ hasText: t('en', 'operator.survey.satisfaction') })
      .first(),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: t('en', 'operator.claim.history') })).toContainText(
    t('en', 'operator.history.submitClaim'),
  );
  await expectNoAxeViolations(page, 'claim detail');

  // A comment is required to ask for more information: checked before anything is sent.
  await page.getByRole('radio', { name: t('en', 'operator.decision.requestInfo') }).check();
  await page.getByRole('button', { name: t('en', 'operator.decide.continue') }).click();
  await expect(page.getByText(t('en', 'operator.decide.commentRequired'))).toBeVisible();
  const comment = page.getByLabel(t('en', 'operator.decide.comment'));
  await expect(comment).toBeFocused();
  await comment.fill('Please upload the signed invoice; the one attached is a draft.');
  await page.getByRole('button', { name: t('en', 'operator.decide.continue') }).click();

  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(
    t('en', 'operator.confirm.requestInfo.title', { customer: REQUEST_INFO }),
  );
  await expect(dialog).toContainText('the signed invoice');
  await dialogSettled(page);
  await expectNoAxeViolations(page, 'request information confirmation');
  await dialog.getByRole('button', { name: t('en', 'operator.confirm.requestInfo.button') }).click();
  await expect(dialog).toHaveCount(0);

  const done = t('en', 'operator.decide.done', {
    decision: t('en', 'operator.decision.requestInfo'),
    status: t('en', 'customers.status.actionRequired'),
  });
  await expect(page.getByText(done)).toBeVisible();
  await announcements.expectAnnounced(done);
  await expect(
    page.getByText(t('en', 'operator.decide.none', { status: t('en', 'customers.status.actionRequired') })),
  ).toBeVisible();
  await expect(page.getByRole('list').filter({ hasText: 'the signed invoice' })).toContainText(
    t('en', 'operator.decision.requestInfo'),
  );
  await expectNoAxeViolations(page, 'claim detail after the decision');

  // Back in the queue, the claim waits for the partner now.
  await openQueue(page);
  await expect(queueRow(page, REQUEST_INFO)).toHaveCount(0);
});

test('approve a claim under review: confirmed, announced, out of the queue', async ({
  page,
  announcements,
}) => {
  await signInAs(page, OLGA);
  await openQueue(page);
  await openClaim(page, APPROVE);
  await page.getByRole('radio', { name: t('en', 'operator.decision.approve') }).check();
  await expect(page.getByText(/Optional for an approval/)).toBeVisible();
  await page.getByRole('button', { name: t('en', 'operator.decide.continue') }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(t('en', 'operator.confirm.approve.title', { customer: APPROVE }));
  await dialogSettled(page);
  await expectNoAxeViolations(page, 'approve confirmation');
  // Esc cancels without deciding.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: t('en', 'operator.decide.continue') }).click();
  await dialog.getByRole('button', { name: t('en', 'operator.confirm.approve.button') }).click();
  const done = t('en', 'operator.decide.done', {
    decision: t('en', 'operator.decision.approve'),
    status: t('en', 'customers.status.approved'),
  });
  await announcements.expectAnnounced(done);
  await expect(page.getByRole('term').filter({ hasText: t('en', 'operator.claim.payout') })).toBeVisible();
  await openQueue(page);
  await expect(queueRow(page, APPROVE)).toHaveCount(0);
});

test('engagement editor: create a workshop with windows and rates, then rename it (If-Match; 412 explained)', async ({
  page,
  consoleGuard,
}) => {
  consoleGuard.expect({ text: /status of 412/, url: /\/api\/v1\/operator\/engagements\// });
  await signInAs(page, OLGA);
  await page
    .getByRole('navigation', { name: t('en', 'shell.nav') })
    .getByRole('link', { name: 'Engagement catalogue' })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: t('en', 'operator.engagements.title') }),
  ).toBeFocused();
  await expect(page.getByRole('table', { name: t('en', 'operator.engagements.heading') })).toContainText(
    'Security Workshop',
  );
  await expectNoAxeViolations(page, 'engagement catalogue');

  await page.getByRole('link', { name: t('en', 'operator.engagements.new') }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: t('en', 'operator.editor.newTitle') }),
  ).toBeFocused();
  await expectNoAxeViolations(page, 'new engagement');

  await page.getByLabel(t('en', 'operator.editor.code')).fill('E2E-OPS-WS');
  await page
    .getByRole('textbox', { name: t('en', 'operator.editor.name'), exact: true })
    .fill('Operator Test Workshop');
  await page.getByLabel(t('en', 'operator.editor.solutionArea')).fill('Security');
  await page.getByLabel(t('en', 'operator.editor.availability')).selectOption({ label: 'Active' });
  await page.getByLabel(t('en', 'operator.editor.consentWindowDays')).fill('21');
  await page.getByLabel(t('en', 'operator.editor.claimWindowDays')).fill('60');
  // Checked in the browser: the review window may not be shorter than the claim window.
  await page.getByLabel(t('en', 'operator.editor.reviewWindowDays')).fill('30');
  await page.getByLabel(t('en', 'operator.editor.rate', { market: 'A' })).fill('4500');
  await page.getByLabel(t('en', 'operator.editor.rate', { market: 'B' })).fill('3000.50');
  await page.getByRole('switch', { name: t('en', 'operator.poe.customerSurvey') }).uncheck();
  await page.getByRole('button', { name: t('en', 'operator.editor.create') }).click();
  await expect(page.getByText(t('en', 'operator.editor.error.reviewShorter', { days: 60 }))).toBeVisible();
  await expect(page.getByLabel(t('en', 'operator.editor.reviewWindowDays'))).toBeFocused();
  await expectNoAxeViolations(page, 'new engagement with errors');
  await page.getByLabel(t('en', 'operator.editor.reviewWindowDays')).fill('100');
  await page.getByRole('button', { name: t('en', 'operator.editor.create') }).click();

  await expect(
    page.getByText(t('en', 'operator.editor.created', { name: 'Operator Test Workshop' })),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: t('en', 'operator.editor.editTitle', { name: 'Operator Test Workshop' }),
    }),
  ).toBeVisible();
  const id = new URL(page.url()).pathname.split('/').pop()!;
  const created = await (await page.request.get(`/api/v1/operator/engagements/${id}`)).json();
  expect(created).toMatchObject({
    code: 'E2E-OPS-WS',
    kind: 'workshop',
    availability: 'active',
    consentWindowDays: 21,
    claimWindowDays: 60,
    reviewWindowDays: 100,
    rates: { A: 450000, B: 300050, C: null },
    poeRequirements: { customerSurvey: false, invoice: true },
  });
  await expect(page.getByText('$4,500.00')).toBeVisible();
  await expectNoAxeViolations(page, 'edit engagement');

  // Someone else saves in between: the next save is refused (412), the form reloads and says why.
  const session = await (await page.request.get('/api/v1/session')).json();
  const patched = await page.request.patch(`/api/v1/operator/engagements/${id}`, {
    data: { description: 'Changed elsewhere' },
    headers: { 'If-Match': created.etag, 'X-CSRF-Token': session.csrfToken },
  });
  expect(patched.status()).toBe(200);
  const name = page.getByRole('textbox', { name: t('en', 'operator.editor.name'), exact: true });
  await name.fill('Operator Test Workshop (renamed)');
  await page.getByRole('button', { name: t('en', 'operator.editor.save') }).click();
  await expect(page.getByText(t('en', 'operator.editor.conflict'))).toBeVisible();
  await expect(name).toHaveValue('Operator Test Workshop');
  await expect(page.getByLabel(t('en', 'operator.editor.description'))).toHaveValue('Changed elsewhere');

  await name.fill('Operator Test Workshop (renamed)');
  await page.getByRole('button', { name: t('en', 'operator.editor.save') }).click();
  await expect(
    page.getByText(t('en', 'operator.editor.saved', { name: 'Operator Test Workshop (renamed)' })),
  ).toBeVisible();
  const saved = await (await page.request.get(`/api/v1/operator/engagements/${id}`)).json();
  expect(saved.name).toBe('Operator Test Workshop (renamed)');
  expect(saved.description).toBe('Changed elsewhere');

  // Back in the catalogue, under its new name.
  await page
    .getByRole('link', { name: t('en', 'operator.engagements.title') })
    .first()
    .click();
  await expect(page.getByRole('link', { name: 'Operator Test Workshop (renamed)' })).toBeVisible();
});

test('a partner user never reaches the operator pages: "not allowed", no operator navigation', async ({
  page,
}) => {
  await signInAs(page, USERS.ada);
  const nav = page.getByRole('navigation', { name: t('en', 'shell.nav') });
  await expect(nav.getByRole('link', { name: 'Claim review' })).toHaveCount(0);
  for (const path of ['/operator/claims', '/operator/engagements/new']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: t('en', 'notAllowed.title') })).toBeVisible();
    await expect(page.getByText(t('en', 'operator.notAllowed'))).toBeVisible();
  }
  await expectNoAxeViolations(page, 'operator page as a partner user');
  // The server refuses the data as well.
  expect((await page.request.get('/api/v1/operator/claims')).status()).toBe(403);
});

test('the operator pages reflow at 320 px: no page-wide horizontal scrolling (tables scroll in their region)', async ({
  page,
}) => {
  await signInAs(page, OLGA);
  await page.setViewportSize({ width: 320, height: 720 });
  const pageScrollsSideways = () =>
    page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
  await page.goto('/operator/claims');
  await expect(queueTable(page)).toBeVisible();
  expect(await pageScrollsSideways()).toBe(false);
  await openClaim(page, 'Graphic Design Institute');
  await expect(
    page.getByRole('heading', { level: 2, name: t('en', 'operator.decide.heading') }),
  ).toBeVisible();
  expect(await pageScrollsSideways()).toBe(false);
  await expectNoAxeViolations(page, 'claim detail at 320 px');
  await page.goto('/operator/engagements/new');
  await expect(
    page.getByRole('heading', { level: 1, name: t('en', 'operator.editor.newTitle') }),
  ).toBeVisible();
  expect(await pageScrollsSideways()).toBe(false);
});
