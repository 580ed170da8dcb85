import { beforeAll, expect, it } from 'vitest';
import type { RouteInfo as RouteEntry } from '../../src/http/route-table.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, USERS } from '../../src/seed/demo-catalogue.ts';
import { demoNominationId } from '../../src/seed/demo-scenarios.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

// Spec §4.5 / quality §3.2: operator routes are a separate role; partner users can never reach them.
// Every route under /api/v1/operator/ is taken from the app's own route table (not a hand list) and
// tried by every demo partner user (403 Forbidden, whatever their roles, even on their own records),
// without a session (401), and by the operator (neither 401 nor 403).
const OWN_CLAIM = demoNominationId('trey', 'SEC-WS', 'alpine');
const SEC = engagementId('SEC-WS');
const PARTNER_USERS = USERS.filter((u) => u.partner !== null).map((u) => u.email);

function concrete(route: RouteEntry, ids: { nominationId: string; engagementId: string }) {
  const url = route.path
    .replace(':nominationId', ids.nominationId)
    .replace(':engagementId', ids.engagementId)
    .replace(':kind', 'findingsReport');
  expect(url, `unknown path parameter in ${route.path}`).not.toMatch(/:/);
  // A valid body for the routes that take one, so that nothing but the role can refuse the request.
  if (route.path.endsWith('/directory/imports'))
    return {
      url,
      payload: 'tenantId,name,domains\r\n',
      headers: { 'content-type': 'text/csv' } as Record<string, string>,
    };
  if (route.path.endsWith('/decisions')) return { url, payload: { decision: 'approve' }, headers: {} };
  if (route.method === 'PATCH')
    return { url, payload: { name: 'Renamed' }, headers: { 'if-match': 'W/"x"' } };
  if (route.method === 'POST')
    return {
      url,
      payload: {
        code: 'ROLE-TEST',
        kind: 'workshop',
        name: 'x',
        solutionArea: 'Security',
        availability: 'active',
      },
      headers: {},
    };
  return { url, headers: {} as Record<string, string> };
}

describeEachDatabase('operator routes: role matrix', ({ handle }) => {
  const t = useTestApp(handle);
  let routes: RouteEntry[];
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    routes = t().app.routeTable.filter((r) => r.path.startsWith('/api/v1/operator/'));
  });

  it('finds the operator routes in the route table', () => {
    const listed = routes.map((r) => `${r.method} ${r.path}`);
    expect(listed).toEqual(
      expect.arrayContaining([
        'GET /api/v1/operator/claims',
        'GET /api/v1/operator/claims/:nominationId',
        'GET /api/v1/operator/claims/:nominationId/files/:kind',
        'POST /api/v1/operator/claims/:nominationId/decisions',
        'GET /api/v1/operator/engagements',
        'POST /api/v1/operator/engagements',
        'GET /api/v1/operator/engagements/:engagementId',
        'PATCH /api/v1/operator/engagements/:engagementId',
        'POST /api/v1/operator/directory/imports',
      ]),
    );
  });

  it('documents every operator route in the OpenAPI document', async () => {
    const response = await t().app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = response.json().paths as Record<string, Record<string, unknown>>;
    for (const route of routes) {
      const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeTruthy();
    }
  });

  it('every partner user gets 403 Forbidden on every operator route, and nothing changes', async () => {
    const before = await handle()
      .db.selectFrom('nominations')
      .select(['status', 'version'])
      .where('id', '=', OWN_CLAIM)
      .executeTakeFirstOrThrow();
    for (const email of PARTNER_USERS) {
      const client = await signInAs(t().app, email, 'demo');
      for (const route of routes) {
        const r = concrete(route, { nominationId: OWN_CLAIM, engagementId: SEC });
        const response = await client.request({ method: route.method as 'GET', ...r });
        expect(response.statusCode, `${email} ${route.method} ${route.path}: ${response.body}`).toBe(403);
        expect(response.json().error.code).toBe('Forbidden');
      }
    }
    const after = await handle()
      .db.selectFrom('nominations')
      .select(['status', 'version'])
      .where('id', '=', OWN_CLAIM)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(before);
    const created = await handle()
      .db.selectFrom('engagements')
      .select('id')
      .where('code', '=', 'ROLE-TEST')
      .execute();
    expect(created).toEqual([]);
  });

  it('without a session every operator route is 401', async () => {
    for (const route of routes) {
      const r = concrete(route, { nominationId: OWN_CLAIM, engagementId: SEC });
      const response = await t().app.inject({ method: route.method as 'GET', ...r });
      expect(response.statusCode, `${route.method} ${route.path}`).toBe(401);
      expect(response.json().error.code).toBe('Unauthenticated');
    }
  });

  it('the operator reaches every operator route (never 401 / 403)', async () => {
    const olga = await signInAs(t().app, 'olga@program.example', 'demo');
    for (const route of routes) {
      // Ids nobody has: the operator gets past the role check and finds nothing, so nothing changes.
      const r = concrete(route, { nominationId: crypto.randomUUID(), engagementId: crypto.randomUUID() });
      const response = await olga.request({ method: route.method as 'GET', ...r });
      expect([401, 403], `${route.method} ${route.path}: ${response.body}`).not.toContain(
        response.statusCode,
      );
      expect(response.statusCode).toBeLessThan(500);
    }
  });
});
