import type { Page, Request } from '@playwright/test';
import { engagementByCode, SHOWCASE } from './support/engagements.ts';
import { expect, signIn, test, USERS } from './support/fixtures.ts';

// Issue 12 item 7: no request waterfall on a first load straight to a Customers page. The engagement,
// the shown tab's first page (with the URL's tab and sort) and the tab counts are requested alongside
// the session probe, not after its answer, and each once: the page finds them in its read cache.
// The order is the browser's network events' (request sent, answer finished); the session's real
// answer is held back until those three requests were sent, or for 5 s on code that waits for it,
// so that the order never depends on how fast the server answers. (Chromium's resource timing of an
// intercepted request mixes the held and the released moments, so it is only logged, not compared.)

interface NetworkEvent {
  kind: 'sent' | 'finished';
  request: Request;
  /** ms since the epoch, in the test process (for the log only). */
  at: number;
}

/** The page's API requests from now on: sent and finished, in the order the browser reported them. */
function recordApi(page: Page): NetworkEvent[] {
  const events: NetworkEvent[] = [];
  const api = (request: Request) => new URL(request.url()).pathname.startsWith('/api/v1/');
  page.on('request', (request) => {
    if (api(request)) events.push({ kind: 'sent', request, at: Date.now() });
  });
  page.on('requestfinished', (request) => {
    if (api(request)) events.push({ kind: 'finished', request, at: Date.now() });
  });
  return events;
}

/** Waits until the first load is over: the shown tab's rows, the other tabs loaded, the network quiet. */
async function firstLoadDone(page: Page, tab: string): Promise<void> {
  await expect(page.locator(`[data-tab="${tab}"][data-state="ready"]`).getByRole('row').nth(1)).toBeVisible();
  for (const other of ['eligible', 'ineligible', 'complete'])
    await expect(page.locator(`[data-tab="${other}"][data-state="ready"]`)).toHaveCount(1);
  await page.waitForLoadState('networkidle');
}

const path = (r: Request) => new URL(r.url()).pathname;

test('a first load of the Customers page asks for its data alongside the session, once each', async ({
  page,
}) => {
  await page.goto('/');
  await signIn(page, USERS.ada);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const showcase = await engagementByCode(page, SHOWCASE);
  const base = `/api/v1/engagements/${showcase.id}`;
  const data: Record<string, (r: Request) => boolean> = {
    engagement: (r) => path(r) === base,
    'first page of the Complete tab': (r) =>
      path(r) === `${base}/customers` && new URL(r.url()).searchParams.get('tab') === 'complete',
    'tab counts': (r) => path(r) === `${base}/customers/counts`,
  };

  const events = recordApi(page);
  const sent = (match: (r: Request) => boolean) =>
    events.flatMap((e, index) =>
      e.kind === 'sent' && match(e.request) ? [{ index, request: e.request }] : [],
    );
  let dataSent = () => {};
  const allSent = new Promise<'data requests sent'>((resolve) => {
    dataSent = () => resolve('data requests sent');
  });
  page.on('request', () => {
    if (Object.values(data).every((match) => sent(match).length > 0)) dataSent();
  });
  let held = '';
  await page.route('**/api/v1/session', async (route) => {
    if (route.request().method() !== 'GET') return route.fallback();
    const timeout = new Promise<'5 s passed'>((resolve) => setTimeout(() => resolve('5 s passed'), 5_000));
    held = await Promise.race([allSent, timeout]);
    await route.continue();
  });
  // A fresh document (not a click inside the app): the bootstrap of web/main.tsx runs again.
  await page.goto(`/engagements/${showcase.id}/customers?tab=complete&sort=-name`);
  await firstLoadDone(page, 'complete');

  const session = sent((r) => path(r) === '/api/v1/session' && r.method() === 'GET');
  expect(session, 'one session probe').toHaveLength(1);
  const sessionFinished = events.findIndex((e) => e.kind === 'finished' && e.request === session[0]!.request);
  expect(sessionFinished, "the session's answer finished").toBeGreaterThan(-1);
  // The sequence, in ms from the session request, for the reader of the log.
  const t0 = events[session[0]!.index]!.at;
  for (const e of events)
    console.log(
      `[first load] +${e.at - t0} ms ${e.kind} ${path(e.request)}${new URL(e.request.url()).search}`,
    );

  for (const [what, match] of Object.entries(data)) {
    const found = sent(match);
    expect(found, `${what}: requested exactly once during the first load`).toHaveLength(1);
    expect(
      found[0]!.index,
      `${what}: requested before the session's answer had finished (not after it)`,
    ).toBeLessThan(sessionFinished);
    // In the language the page asks in (Ada's browser and saved language: English).
    expect(await found[0]!.request.headerValue('accept-language'), what).toBe('en');
  }
  // Sent while the session's answer was held back: the server's speed played no part in the order.
  expect(held, "the session's answer was held until").toBe('data requests sent');
  // The list request is the page's own: the URL's sort, the page size.
  const list = new URL(sent(data['first page of the Complete tab']!)[0]!.request.url()).searchParams;
  expect(list.get('sort')).toBe('-name');
  expect(list.get('maxpagesize')).toBe('100');
});

test('after a signed-out first load of a Customers page, signing in shows the rows, not the 401s', async ({
  page,
  consoleGuard,
}) => {
  await page.goto('/');
  await signIn(page, USERS.ada);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const showcase = await engagementByCode(page, SHOWCASE);

  // The session cookie is gone, but this browser was signed in before: the first load asks for the
  // page's data alongside the session probe and gets 401s, which Chromium logs.
  consoleGuard.expect({ text: /status of 401/, url: new RegExp(`/api/v1/engagements/${showcase.id}`) });
  await page.context().clearCookies();
  const events = recordApi(page);
  await page.goto(`/engagements/${showcase.id}/customers?tab=eligible`);
  await expect(page).toHaveURL(/\/signin\?returnTo=/);
  await signIn(page, USERS.ada);

  // Back on the page: its rows and name, from requests made with the session.
  await expect(page).toHaveURL(new RegExp(`/engagements/${showcase.id}/customers`));
  await firstLoadDone(page, 'eligible');
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expect(page.getByText(showcase.name).first()).toBeVisible();
  // Asked twice: by the first load without a session (401, dropped), then by the page with one.
  const engagement = events.filter(
    (e) => e.kind === 'sent' && path(e.request) === `/api/v1/engagements/${showcase.id}`,
  );
  const statuses = await Promise.all(engagement.map(async (e) => (await e.request.response())?.status()));
  expect(statuses).toEqual([401, 200]);
});
