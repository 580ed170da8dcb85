import type { APIRequestContext, Page } from '@playwright/test';
import { PublicConsent } from '../../src/contracts/consent.ts';
import type { CustomerRow, RowAction } from '../../src/contracts/customers.ts';
import type { EngagementSummary } from '../../src/contracts/engagements.ts';
import {
  ClaimStatus,
  type OperatorClaimDetail,
  type OperatorEngagement,
  type ReviewQueueItem,
} from '../../src/contracts/operator.ts';
import { CUSTOMER_SURVEY_ID, PARTNER_SURVEY_ID, PublicSurvey } from '../../src/contracts/surveys.ts';
import { PublicInvitation } from '../../src/contracts/users.ts';
import { t } from './support/catalogues.ts';
import { SHOWCASE } from './support/engagements.ts';
import { DEMO_PASSWORD, expect, test, USERS } from './support/fixtures.ts';
import { dialogSettled, expectReflow, RequestTracker } from './support/reflow.ts';
import { type Access, routeTable } from './support/routeTable.ts';

// Reflow at 320 px (WCAG 1.4.10, quality §4) for every page of the SPA: each route of the route
// table (web/routes/routes.ts, read from its source) is opened at 320 × 720 by everyone who can
// open it (Ada, an Incentives admin; Cleo, an Account admin without incentive roles; Olga, the
// program operator; a signed-out visitor for the sign-in and public pages), with every id the demo
// data has for it (taken through the API). A page is measured once its h1 is visible and what it
// loads has arrived; nothing may scroll sideways but a table inside its own focusable region. The
// Customers page's dialogs are opened and measured as well. The spec only reads: it changes no data
// the other specs use.

test.use({ viewport: { width: 320, height: 720 } });

const TABLE = routeTable();

type User = 'ada' | 'cleo' | 'olga';
type Who = User | 'visitor';
const EMAILS: Record<User, string> = { ada: USERS.ada, cleo: USERS.cleo, olga: 'olga@program.example' };

/** Who opens a route, by its access. */
const AUDIENCE: Record<Access, readonly Who[]> = {
  // A signed-in user is sent on to home (or `returnTo`): only a visitor sees it.
  signedOut: ['visitor'],
  // Always the public layout and the token's content, whoever opens it: the visitor stands for all.
  public: ['visitor'],
  signedIn: ['ada', 'cleo', 'olga'],
  // Partner users get "only for the program operator" there: that page is measured too.
  operator: ['ada', 'cleo', 'olga'],
};

interface Visit {
  url: string;
  /** The h1 the page must show (where an id picks the page's subject). */
  heading?: string;
  /** Console errors the page causes on purpose (a 404 it explains to the user). */
  errors?: { text: RegExp; url?: RegExp }[];
  /**
   * An API answer given in place of the server's: only for the public pages' open states, whose
   * links the demo keeps unusable (a working link needs a consent request or survey that would
   * change what other specs see). The body is checked against the API's contract.
   */
  stub?: { api: string; body: unknown };
}

interface Demo {
  /** Ada's engagements. */
  engagements: EngagementSummary[];
  /** Customers-page rows (any tab of any workshop of Ada's) whose workshop claim page can be opened. */
  claimRows: { engagementId: string; row: CustomerRow }[];
  /** Every claim the operator can review, in any status. */
  operatorClaims: OperatorClaimDetail[];
  operatorEngagements: OperatorEngagement[];
}

const TABS = ['eligible', 'ineligible', 'complete'] as const;
const CLAIM_ACTIONS: readonly RowAction[] = [
  'submitWorkshopClaim',
  'continueWorkshopClaim',
  'viewWorkshopClaim',
];

/** A user refused a page sees the same refusal whatever the id: the first address is enough. */
const forOwner = (who: Who, owner: User, visits: Visit[]): Visit[] =>
  who === owner ? visits : visits.slice(0, 1).map(({ url }) => ({ url }));

/** The addresses to open for each route of the table, by route pattern. */
const CHECKS: Record<string, (demo: Demo, who: Who) => Visit[]> = {
  '/signin': () => [{ url: '/signin' }],
  '/': () => [{ url: '/' }],
  '/admin/roles': () => [{ url: '/admin/roles' }],
  '/admin/api-tokens': () => [{ url: '/admin/api-tokens' }],
  '/admin/webhooks': () => [{ url: '/admin/webhooks' }],
  '/activity': () => [{ url: '/activity' }],
  '/admin/users': () => [{ url: '/admin/users' }],
  '/engagements': () => [{ url: '/engagements' }],
  '/engagements/:engagementId': (demo, who) =>
    forOwner(
      who,
      'ada',
      demo.engagements.map((e) => ({ url: `/engagements/${e.id}`, heading: e.name })),
    ),
  '/engagements/:engagementId/customers': (demo, who) =>
    forOwner(
      who,
      'ada',
      demo.engagements.flatMap((e): Visit[] =>
        e.hasCustomersPage
          ? TABS.map((tab) => ({
              url: `/engagements/${e.id}/customers?tab=${tab}`,
              heading: t('en', 'customers.title'),
            }))
          : // R2: no Customers page; the server's 404 is explained on the page.
            [
              {
                url: `/engagements/${e.id}/customers`,
                heading: t('en', 'customers.notAvailable.title'),
                errors: [{ text: /status of 404/, url: new RegExp(`/api/v1/engagements/${e.id}/customers`) }],
              },
            ],
      ),
    ),
  '/engagements/:engagementId/customers/:nominationId/claim': (demo, who) =>
    forOwner(
      who,
      'ada',
      demo.claimRows.map(({ engagementId, row }) => ({
        url: `/engagements/${engagementId}/customers/${row.nominationId}/claim`,
        heading: t('en', 'claim.title', { customer: row.name }),
      })),
    ),
  '/survey/:token': (demo) => [unknownLink('survey', 'survey.public.invalid.title'), ...surveyStubs(demo)],
  '/mailbox': () => [{ url: '/mailbox' }],
  '/consent/:token': (demo) => [unknownLink('consent', 'publicConsent.invalid.title'), ...consentStubs(demo)],
  '/invitations/:token': () => [unknownLink('invitations', 'invitation.invalid.title'), invitationStub()],
  '/operator/claims': () => [
    { url: '/operator/claims' },
    { url: `/operator/claims?status=${ClaimStatus.options.join(',')}` },
  ],
  '/operator/claims/:nominationId': (demo, who) =>
    forOwner(
      who,
      'olga',
      demo.operatorClaims.map((c) => ({
        url: `/operator/claims/${c.nominationId}`,
        heading: t('en', 'operator.claim.title', { customer: c.customer.name }),
      })),
    ),
  '/operator/engagements': () => [{ url: '/operator/engagements' }],
  '/operator/engagements/new': () => [{ url: '/operator/engagements/new' }],
  '/operator/engagements/:engagementId': (demo, who) =>
    forOwner(
      who,
      'olga',
      demo.operatorEngagements.map((e) => ({
        url: `/operator/engagements/${e.id}`,
        heading: t('en', 'operator.editor.editTitle', { name: e.name }),
      })),
    ),
};

/** Routes of the table this spec does not open, each with the reason why. None at present. */
const NOT_CHECKED: Record<string, string> = {};

// ── Public pages: a link the server does not know (its real answer), and the open states ─────────

function unknownLink(page: 'consent' | 'survey' | 'invitations', title: string): Visit {
  const token = `reflow320UnknownLink${page}`;
  // The API answers 404 and so does the page's HTML; the page explains that the link is not valid.
  return {
    url: `/${page}/${token}`,
    heading: t('en', title),
    errors: [{ text: /status of 404/, url: new RegExp(token) }],
  };
}

function stubbed(
  page: 'consent' | 'survey' | 'invitations',
  name: string,
  title: string,
  api: string,
  body: unknown,
): Visit {
  const token = `reflow320Stub${name}`;
  return {
    url: `/${page}/${token}`,
    heading: t('en', title),
    // The server does not know the token, so the page's HTML comes with a 404.
    errors: [{ text: /status of 404/, url: new RegExp(token) }],
    stub: { api: `/api/v1/${api}/${token}`, body },
  };
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** The invitation page's open state, with long names (issue 15 item 2). */
function invitationStub(): Visit {
  const body = PublicInvitation.parse({
    email: 'konstantinos.papadopoulos-wisniewska@treyresearch.example',
    displayName: 'Konstantinos Papadopoulos-Wiśniewska',
    partnerName: 'Trey Research',
    inviterName: 'Cleo Jansen',
    expiresAt: inDays(7),
  });
  return {
    ...stubbed('invitations', 'invitation', 'invitation.title', 'public/invitations', body),
    heading: t('en', 'invitation.heading', { partner: body.partnerName }),
  };
}

/** The demo claim with the longest customer contact email: its names fill the public pages. */
function longestContacts(demo: Demo) {
  const withContacts = demo.operatorClaims.flatMap((c) =>
    c.customerContact && c.partnerContact
      ? [{ claim: c, customer: c.customerContact, partner: c.partnerContact }]
      : [],
  );
  const longest = withContacts.sort((a, b) => b.customer.email.length - a.customer.email.length)[0];
  if (!longest) throw new Error('no demo claim with both contacts');
  return longest;
}

function consentStubs(demo: Demo): Visit[] {
  const { claim, customer, partner } = longestContacts(demo);
  const workshops = demo.engagements
    .filter((e) => e.kind === 'workshop')
    .sort((a, b) => b.name.length - a.name.length)
    .slice(0, 2)
    .map((e) => ({ name: e.name, description: e.description }));
  const open = {
    state: 'open',
    locale: 'en',
    partner: { name: claim.partner.name, contactName: partner.name, contactEmail: partner.email },
    customer: { name: claim.customer.name, contactName: customer.name },
    workshops,
    consentDueAt: inDays(20),
    claimDueAt: null,
  };
  const states = [
    { title: 'publicConsent.title', body: open },
    { title: 'publicConsent.accepted.title', body: { ...open, state: 'accepted', claimDueAt: inDays(90) } },
    { title: 'publicConsent.declined.title', body: { ...open, state: 'declined' } },
  ];
  return states.map(({ title, body }) =>
    stubbed('consent', body.state, title, 'public/consent', PublicConsent.parse(body)),
  );
}

function surveyStubs(demo: Demo): Visit[] {
  const { claim, customer, partner } = longestContacts(demo);
  const common = {
    locale: 'en',
    partner: { name: claim.partner.name },
    customer: { name: claim.customer.name },
    workshop: { name: claim.engagement.name },
    dueAt: inDays(20),
  };
  const partnerOpen = {
    ...common,
    audience: 'partner',
    state: 'open',
    questions: PARTNER_SURVEY_ID,
    contactName: partner.name,
  };
  const customerOpen = {
    ...common,
    audience: 'customer',
    state: 'open',
    questions: CUSTOMER_SURVEY_ID,
    contactName: customer.name,
  };
  const states = [
    { name: 'partner', title: 'survey.public.title', body: partnerOpen },
    { name: 'customer', title: 'survey.public.title', body: customerOpen },
    { name: 'completed', title: 'survey.public.thanks.title', body: { ...customerOpen, state: 'completed' } },
  ];
  return states.map(({ name, title, body }) =>
    stubbed('survey', name, title, 'public/surveys', PublicSurvey.parse(body)),
  );
}

// ── The demo data and the sessions, once per worker ─────────────────────────────────────────────

async function get<T>(api: APIRequestContext, path: string): Promise<T> {
  const response = await api.get(path);
  if (!response.ok()) throw new Error(`GET ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Every item of a paged list (following `nextLink`). */
async function listAll<T>(api: APIRequestContext, path: string): Promise<T[]> {
  const items: T[] = [];
  for (let next: string | undefined = path; next; ) {
    const page: { value: T[]; nextLink?: string } = await get(api, next);
    items.push(...page.value);
    next = page.nextLink;
  }
  return items;
}

async function loadDemo(ada: APIRequestContext, olga: APIRequestContext): Promise<Demo> {
  const engagements = await listAll<EngagementSummary>(ada, '/api/v1/engagements');
  expect(engagements.map((e) => e.code)).toContain(SHOWCASE);
  const claimRows = new Map<string, { engagementId: string; row: CustomerRow }>();
  for (const e of engagements.filter((e) => e.hasCustomersPage))
    for (const tab of TABS)
      for (const row of await listAll<CustomerRow>(
        ada,
        `/api/v1/engagements/${e.id}/customers?tab=${tab}&maxpagesize=500`,
      ))
        if (row.nominationId && row.actions.some((a) => CLAIM_ACTIONS.includes(a)))
          claimRows.set(row.nominationId, { engagementId: e.id, row });
  const queue = await listAll<ReviewQueueItem>(
    olga,
    `/api/v1/operator/claims?status=${ClaimStatus.options.join(',')}`,
  );
  const operatorClaims = await Promise.all(
    queue.map((q) => get<OperatorClaimDetail>(olga, `/api/v1/operator/claims/${q.nominationId}`)),
  );
  const operatorEngagements = await listAll<OperatorEngagement>(olga, '/api/v1/operator/engagements');
  expect(claimRows.size, 'demo claims to open').toBeGreaterThan(0);
  expect(operatorClaims.length, 'demo claims to review').toBeGreaterThan(0);
  return { engagements, claimRows: [...claimRows.values()], operatorClaims, operatorEngagements };
}

type Cookies = Awaited<ReturnType<APIRequestContext['storageState']>>['cookies'];
let demo: Demo;
const sessions = {} as Record<User, Cookies>;

// One sign-in per user for the whole file (sign-in is rate-limited per account); each test's page
// gets the session's cookie.
test.beforeAll(async ({ playwright }, testInfo) => {
  const apis = {} as Record<User, APIRequestContext>;
  for (const who of Object.keys(EMAILS) as User[]) {
    const api = await playwright.request.newContext({
      baseURL: testInfo.project.use.baseURL,
      extraHTTPHeaders: { 'Accept-Language': 'en' },
    });
    const signedIn = await api.post('/api/v1/session', {
      data: { email: EMAILS[who], password: DEMO_PASSWORD },
    });
    expect(signedIn.status(), `sign-in of ${who}`).toBe(200);
    sessions[who] = (await api.storageState()).cookies;
    apis[who] = api;
  }
  demo = await loadDemo(apis.ada, apis.olga);
  for (const api of Object.values(apis)) await api.dispose();
});

async function signedInAs(page: Page, who: Who): Promise<void> {
  if (who !== 'visitor') await page.context().addCookies(sessions[who]);
}

// ── The checks ────────────────────────────────────────────────────────────────────────────────

test('every route of the table is checked here or listed as not checked, with a reason', () => {
  const paths = TABLE.map((r) => r.path);
  expect(paths.length, 'routes read from web/routes/routes.ts').toBeGreaterThan(0);
  expect(
    paths.filter((p) => !(p in CHECKS) && !(p in NOT_CHECKED)),
    'routes neither checked (CHECKS) nor listed with a reason (NOT_CHECKED)',
  ).toEqual([]);
  expect(
    Object.keys(CHECKS).filter((p) => p in NOT_CHECKED),
    'routes both checked and listed',
  ).toEqual([]);
  expect(
    [...Object.keys(CHECKS), ...Object.keys(NOT_CHECKED)].filter((p) => !paths.includes(p)),
    'entries for routes the table no longer has',
  ).toEqual([]);
  for (const [path, reason] of Object.entries(NOT_CHECKED)) expect(reason.trim(), path).not.toBe('');
});

for (const route of TABLE) {
  const visits = CHECKS[route.path];
  if (!visits) continue; // named by the test above
  for (const who of AUDIENCE[route.access]) {
    test(`${route.path} as ${who}`, async ({ page, consoleGuard }) => {
      const list = visits(demo, who);
      expect(list.length, 'addresses to open').toBeGreaterThan(0);
      // Some routes have a page per demo record: time for each of them on a loaded machine.
      test.setTimeout(30_000 + list.length * 15_000);
      await signedInAs(page, who);
      const tracker = new RequestTracker(page);
      for (const visit of list) {
        for (const error of visit.errors ?? []) consoleGuard.expect(error);
        const stub = visit.stub;
        if (stub)
          await page.route(`**${stub.api}`, (r) =>
            r.request().method() === 'GET' ? r.fulfill({ json: stub.body }) : r.fallback(),
          );
        await page.goto(visit.url);
        const h1 = page.getByRole('heading', { level: 1 });
        await expect(h1).toBeVisible();
        await tracker.settled(page);
        if (visit.heading) await expect(h1).toHaveText(visit.heading);
        expect(new URL(page.url()).pathname, 'the page itself, not a redirect').toBe(
          new URL(visit.url, 'http://x').pathname,
        );
        await expectReflow(page, `${visit.url} as ${who}`);
      }
    });
  }
}

test('an address outside the table: the "Page not found" page, for everyone', async ({ page }) => {
  for (const who of ['visitor', 'ada', 'cleo', 'olga'] as const) {
    await page.context().clearCookies();
    await signedInAs(page, who);
    const tracker = new RequestTracker(page);
    await page.goto('/reflow-320/no-such-page');
    await expect(page.getByRole('heading', { level: 1, name: t('en', 'notFound.title') })).toBeVisible();
    await tracker.settled(page);
    await expectReflow(page, `not found as ${who}`);
  }
});

test('the Customers page’s dialogs: Add customer, Claim customer, Trigger and Resend customer consent', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signedInAs(page, 'ada');
  const showcase = demo.engagements.find((e) => e.code === SHOWCASE)!;
  const rows = await listAll<CustomerRow>(
    page.request,
    `/api/v1/engagements/${showcase.id}/customers?tab=eligible&maxpagesize=500`,
  );
  const rowWith = (action: RowAction) => {
    const row = rows.find((r) => r.actions.includes(action));
    if (!row) throw new Error(`no row of ${SHOWCASE} offers ${action}`);
    return row;
  };
  const actionButton = (action: RowAction, row: CustomerRow) =>
    page.getByRole('button', {
      name: t('en', 'customers.action.label', {
        action: t('en', `customers.action.${action}`),
        customer: row.name,
      }),
    });
  const dialog = page.getByRole('dialog');
  const step = (n: number, total: number, name: string) =>
    dialog.getByRole('heading', { level: 2, name: t('en', 'wizard.stepOf', { step: n, total, name }) });
  const tracker = new RequestTracker(page);
  const measure = async (label: string) => {
    await dialogSettled(page);
    await tracker.settled(page);
    await expectReflow(page, label);
  };

  await page.goto(`/engagements/${showcase.id}/customers?tab=eligible`);
  await expect(page.getByRole('heading', { level: 1, name: t('en', 'customers.title') })).toBeVisible();
  await tracker.settled(page);

  // Add customer (R10–R17), step 1: locations, the email and the Tenant ID or TPID field.
  await page.getByRole('button', { name: t('en', 'customers.add') }).click();
  await expect(step(1, 4, t('en', 'wizard.step.customer'))).toBeFocused();
  await measure('Add customer, step 1');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Claim customer (R18–R22), step 1: the location.
  const candidate = rowWith('claimCustomer');
  await actionButton('claimCustomer', candidate).click();
  await expect(step(1, 4, t('en', 'wizard.step.location'))).toBeFocused();
  await measure('Claim customer, step 1');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // Trigger customer consent (R26–R28): every step, its field errors and the discard question,
  // with the demo's longest customer contact as typed text: its name, and its email's local part at
  // the row customer's own domain (R34: the wizard accepts only the customer's domains).
  const consentRow = rowWith('triggerConsent');
  const longest = longestContacts(demo).customer;
  const customer = { name: longest.name, email: `${longest.email.split('@')[0]}@${consentRow.domain}` };
  await actionButton('triggerConsent', consentRow).click();
  await expect(step(1, 3, t('en', 'consent.step.customer'))).toBeFocused();
  await measure('Trigger customer consent, step 1');
  await dialog.getByRole('button', { name: t('en', 'wizard.next') }).click();
  await expect(dialog.getByText(t('en', 'consent.field.name.required'))).toBeVisible();
  await measure('Trigger customer consent, step 1 with errors');
  await dialog.getByLabel(t('en', 'consent.field.customerName')).fill(customer.name);
  await dialog.getByLabel(t('en', 'consent.field.customerEmail')).fill(customer.email);
  await dialog.getByRole('button', { name: t('en', 'wizard.next') }).click();
  await expect(step(2, 3, t('en', 'consent.step.partner'))).toBeFocused();
  await measure('Trigger customer consent, step 2');
  await dialog.getByRole('button', { name: t('en', 'wizard.next') }).click();
  await expect(step(3, 3, t('en', 'consent.step.review'))).toBeFocused();
  await expect(dialog).toContainText(customer.email);
  await measure('Trigger customer consent, step 3');
  await page.keyboard.press('Escape');
  await expect(dialog.getByText(t('en', 'wizard.discard.body'))).toBeVisible();
  await measure('Trigger customer consent, discard?');
  await dialog.getByRole('button', { name: t('en', 'wizard.discard.confirm') }).click();
  await expect(dialog).toHaveCount(0);

  // Resend customer consent (R29): the current request.
  await actionButton('resendConsent', rowWith('resendConsent')).click();
  await expect(dialog.getByRole('heading', { name: t('en', 'consent.resend.heading') })).toBeVisible();
  await measure('Resend customer consent');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
