import type { Page, Request } from '@playwright/test';
import { engagementByCode, SHOWCASE } from './support/engagements.ts';
import { expect, signIn, test, USERS } from './support/fixtures.ts';

// Issue 12 item 7: no request waterfall on a first load straight to a Customers page. The engagement,
// the shown tab's first page (with the URL's tab and sort) and the tab counts are requested alongside
// the session probe, not after its answer, and each once: the page finds them in its read cache. When
// a request started and when the session's answer ended come from Chromium's own resource timing of
// each request (compared with each other, never with a time limit).

/** The API requests the page makes from now on, in the order they were sent. */
function recordApi(page: Page): Request[] {
  const requests: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/v1/')) requests.push(request);
  });
  return requests;
}

/** Waits until the first load is over: the shown tab's rows, the other tabs loaded, the network quiet. */
async function firstLoadDone(page: Page, tab: string): Promise<void> {
  await expect(page.locator(`[data-tab="${tab}"][data-state="ready"]`).getByRole('row').nth(1)).toBeVisible();
  for (const other of ['eligible', 'ineligible', 'complete'])
    await expect(page.locator(`[data-tab="${other}"][data-state="ready"]`)).toHaveCount(1);
  await page.waitForLoadState('networkidle');
}

/** When the request was sent and when its answer had fully arrived (ms since the epoch). */
async function span(request: Request): Promise<{ start: number; end: number }> {
  await (await request.response())?.finished();
  const { startTime, responseEnd } = request.timing();
  return { start: startTime, end: responseEnd >= 0 ? startTime + responseEnd : Number.NaN };
}

test('a first load of the Customers page asks for its data alongside the session, once each', async ({
  page,
}) => {
  await page.goto('/');
  await signIn(page, USERS.ada);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const showcase = await engagementByCode(page, SHOWCASE);
  const base = `/api/v1/engagements/${showcase.id}`;

  // A fresh document (not a click inside the app): the bootstrap of web/main.tsx runs again.
  const requests = recordApi(page);
  await page.goto(`/engagements/${showcase.id}/customers?tab=complete&sort=-name`);
  await firstLoadDone(page, 'complete');

  const path = (r: Request) => new URL(r.url()).pathname;
  const session = requests.filter((r) => path(r) === '/api/v1/session' && r.method() === 'GET');
  expect(session, 'one session probe').toHaveLength(1);
  const sessionSpan = await span(session[0]!);
  expect(sessionSpan.end, 'the session answer has a time').not.toBeNaN();

  // The sequence, in ms from the session request's start, for the reader of the log.
  for (const request of requests) {
    const { start, end } = await span(request);
    const at = (t: number) => Math.round(t - sessionSpan.start);
    console.log(
      `[first load] ${path(request)}${new URL(request.url()).search}: ${at(start)} → ${at(end)} ms`,
    );
  }

  const asked = {
    engagement: requests.filter((r) => path(r) === base),
    'first page of the Complete tab': requests.filter(
      (r) => path(r) === `${base}/customers` && new URL(r.url()).searchParams.get('tab') === 'complete',
    ),
    'tab counts': requests.filter((r) => path(r) === `${base}/customers/counts`),
  };
  for (const [what, found] of Object.entries(asked)) {
    expect(found, `${what}: requested exactly once during the first load`).toHaveLength(1);
    const { start } = await span(found[0]!);
    expect(start, `${what}: requested before the session's answer had arrived (not after it)`).toBeLessThan(
      sessionSpan.end,
    );
    // In the language the page asks in (Ada's browser and saved language: English).
    expect(await found[0]!.headerValue('accept-language'), what).toBe('en');
  }
  // The list request is the page's own: the URL's sort, the page size.
  const list = new URL(asked['first page of the Complete tab'][0]!.url()).searchParams;
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
  const requests = recordApi(page);
  await page.goto(`/engagements/${showcase.id}/customers?tab=eligible`);
  await expect(page).toHaveURL(/\/signin\?returnTo=/);
  expect(await signIn(page, USERS.ada)).toBe(200);

  // Back on the page: its rows and name, from requests made with the session.
  await expect(page).toHaveURL(new RegExp(`/engagements/${showcase.id}/customers`));
  await firstLoadDone(page, 'eligible');
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  await expect(page.getByText(showcase.name).first()).toBeVisible();
  // Asked twice: by the first load without a session (401, dropped), then by the page with one.
  const engagement = requests.filter(
    (r) => new URL(r.url()).pathname === `/api/v1/engagements/${showcase.id}`,
  );
  const statuses = await Promise.all(engagement.map(async (r) => (await r.response())?.status()));
  expect(statuses).toEqual([401, 200]);
});
