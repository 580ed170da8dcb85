import type { InjectOptions } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { RouteInfo } from '../../src/http/route-table.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId, userId } from '../../src/seed/demo-catalogue.ts';
import { demoNominationId } from '../../src/seed/demo-scenarios.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { fingerprint } from '../support/fingerprint.ts';
import { signInAs, useTestApp } from '../support/http.ts';
import { classOf, routeKey, UNSAFE_METHODS } from '../support/route-classes.ts';

// Quality §3.4, the CSRF matrix (issue 10: it used to be tested on two routes): EVERY state-changing
// route of the route table, called with a valid session cookie but no CSRF token, a wrong one, or
// another session's token, is refused with 403 CsrfTokenMissing before anything is read or written.
// Only the routes the allowlist marks `csrf: 'exempt'` (no cookie protects them) are left out, each
// with its reason.

const IDS: Record<string, string> = {
  nominationId: demoNominationId('trey', 'SEC-WS', 'alpine'),
  engagementId: engagementId('SEC-WS'),
  userId: userId('ben'),
  locationId: locationId('trey-seattle'),
  kind: 'findingsReport',
  token: 'x'.repeat(43),
};

describeEachDatabase('CSRF matrix', ({ handle }) => {
  const t = useTestApp(handle, { env: { MCI_TEST_CLOCK: '1' } });
  let routes: RouteInfo[];
  let sessions: Record<'partner' | 'operator', Awaited<ReturnType<typeof signInAs>>>;
  let other: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    sessions = {
      partner: await signInAs(t().app, 'ada@treyresearch.example', 'demo'),
      operator: await signInAs(t().app, 'olga@program.example', 'demo'),
    };
    other = await signInAs(t().app, 'ben@treyresearch.example', 'demo');
    routes = t().app.routeTable.filter((r) => UNSAFE_METHODS.has(r.method));
  });

  const request = (route: RouteInfo, cookie: string, token: string | undefined): InjectOptions => {
    const isUpload = route.path.endsWith('/files/:kind');
    return {
      method: route.method as 'POST',
      url: route.path.replace(/:(\w+)/g, (_m, name: string) => IDS[name] ?? name),
      headers: {
        cookie: `mci_session=${cookie}`,
        ...(token === undefined ? {} : { 'x-csrf-token': token }),
        ...(isUpload ? { 'content-type': 'application/pdf', 'x-file-name': 'x.pdf' } : {}),
      },
      payload: isUpload ? Buffer.from('%PDF-1.4\n%%EOF\n') : {},
    };
  };

  it('finds the state-changing routes, each classified', () => {
    expect(routes.length).toBeGreaterThanOrEqual(26);
    expect(routes.filter((r) => !classOf(r)).map(routeKey)).toEqual([]);
  });

  it('refuses every state-changing route without the right CSRF token, and nothing changes', async () => {
    const before = await fingerprint(handle().db);
    let checked = 0;
    for (const route of routes) {
      const cls = classOf(route)!;
      if (cls.access === 'public' && cls.csrf === 'exempt') continue;
      const session = cls.access === 'operator' ? sessions.operator : sessions.partner;
      const cookie = session.cookie.value;
      for (const [variant, token] of [
        ['no token', undefined],
        ['wrong token', 'x'.repeat(43)],
        ["another session's token", other.csrfToken],
        ['empty token', ''],
      ] as const) {
        const response = await t().app.inject(request(route, cookie, token));
        const label = `${routeKey(route)} (${variant})`;
        expect(response.statusCode, `${label}: ${response.body}`).toBe(403);
        expect(response.json().error.code, label).toBe('CsrfTokenMissing');
      }
      checked += 1;
    }
    expect(checked).toBe(routes.length - 4);
    expect(await fingerprint(handle().db)).toEqual(before);
  });

  it('the exempt routes are exactly the ones no cookie protects', () => {
    const exempt = routes
      .filter((r) => {
        const cls = classOf(r);
        return cls?.access === 'public' && cls.csrf === 'exempt';
      })
      .map(routeKey)
      .sort();
    expect(exempt).toEqual([
      'POST /api/v1/public/consent/:token',
      'POST /api/v1/public/invitations/:token',
      'POST /api/v1/public/surveys/:token',
      'POST /api/v1/session',
    ]);
  });
});
