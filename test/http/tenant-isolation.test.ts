import { beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { locationId, partnerId, userId } from '../../src/seed/demo-catalogue.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';
import { type RouteEntry, routesUnder } from '../unit/operator/route-tree.ts';

// Quality §3.1, the tenant isolation matrix: for EVERY partner route of the route table (read from
// Fastify, not a hand list) that names an object in its path, partner B's user asking for partner A's
// object gets exactly the answer a non-existent id gets, and nothing changes.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
// Bodies that pass validation, so that the request reaches the scope check.
const BODIES: Record<string, unknown> = {
  'POST /api/v1/nominations/:nominationId/consent-requests': {
    customerContact: { name: 'Eve', email: 'eve@contoso.com', locale: 'en' },
    partnerContact: { name: 'Dan', email: 'dan@proseware.example' },
  },
  'PATCH /api/v1/nominations/:nominationId/consent-requests/current': {
    customerContact: { name: 'Eve', email: 'eve@contoso.com', locale: 'en' },
  },
  'PATCH /api/v1/nominations/:nominationId/claim': { comments: 'looking around' },
  'PUT /api/v1/nominations/:nominationId/claim/surveys/partner': {
    answers: {
      deliveredOn: '2026-11-01',
      durationHours: 4,
      attendees: 5,
      topicsCovered: 'x',
      nextSteps: 'y',
    },
  },
  'POST /api/v1/nominations/:nominationId/claim/dispute': {
    justification: 'We delivered everything that was asked for.',
  },
  'PUT /api/v1/partner/users/:userId/roles/:locationId': { role: 'incentivesUser' },
};
const SKIP = [
  '/api/v1/operator/',
  '/api/v1/public/',
  '/api/v1/dev/',
  '/api/v1/session',
  '/api/v1/test-clock',
];

describeEachDatabase('tenant isolation matrix', ({ handle }) => {
  const t = useTestApp(handle);
  let dan: Awaited<ReturnType<typeof signInAs>>;
  let routes: RouteEntry[];
  const trey: Record<string, string> = {};
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    dan = await signInAs(t().app, 'dan@proseware.example', 'demo');
    routes = routesUnder(t().app.printRoutes({ commonPrefix: false }), '/api/v1/').filter(
      (r) => !SKIP.some((p) => r.path.startsWith(p)) && /:(nominationId|userId|locationId)/.test(r.path),
    );
    const active = await handle()
      .db.selectFrom('nominations')
      .select('id')
      .where('partner_id', '=', partnerId('trey'))
      .where('status', '=', 'active')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    trey.nominationId = active.id;
    trey.userId = userId('ben');
    trey.locationId = locationId('trey-seattle');
  });

  const fill = (path: string, ids: Record<string, string>) =>
    path.replace(/:(\w+)/g, (_m, name: string) => (name === 'kind' ? 'findingsReport' : (ids[name] ?? name)));
  const call = (route: RouteEntry, ids: Record<string, string>) => {
    const key = `${route.method} ${route.path}`;
    const isUpload = route.method === 'PUT' && route.path.endsWith('/files/:kind');
    return dan.request({
      method: route.method as 'GET',
      url: fill(route.path, ids),
      ...(isUpload
        ? { payload: PDF, headers: { 'content-type': 'application/pdf', 'x-file-name': 'x.pdf' } }
        : route.method === 'GET' || route.method === 'DELETE'
          ? {}
          : { payload: (BODIES[key] ?? {}) as object }),
    });
  };

  it('finds every partner route that names an object', () => {
    expect(routes.length).toBeGreaterThanOrEqual(18);
  });

  it("answers partner A's objects to partner B exactly like objects that do not exist, and changes nothing", async () => {
    const before = await handle()
      .db.selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const missing: Record<string, string> = {
      nominationId: crypto.randomUUID(),
      userId: crypto.randomUUID(),
      locationId: crypto.randomUUID(),
    };
    for (const route of routes) {
      const foreign = await call(route, trey);
      const none = await call(route, missing);
      const label = `${route.method} ${route.path}`;
      expect(foreign.statusCode, label).toBe(none.statusCode);
      // A record of another partner is simply not there (the role routes may refuse earlier: 403 for both).
      if (route.path.includes(':nominationId')) expect(foreign.statusCode, label).toBe(404);
      else expect(foreign.statusCode, label).toBeGreaterThanOrEqual(400);
      expect(foreign.json().error?.code, label).toBe(none.json().error?.code);
      expect(foreign.body, label).not.toMatch(/Trey|Seattle/);
    }
    const after = await handle()
      .db.selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("no list, count or notification of partner B contains partner A's records", async () => {
    const notes = (await dan.request({ method: 'GET', url: '/api/v1/notifications?maxpagesize=100' })).json();
    const treyIds = new Set(
      (
        await handle()
          .db.selectFrom('nominations')
          .select('id')
          .where('partner_id', '=', partnerId('trey'))
          .execute()
      ).map((r) => r.id),
    );
    for (const n of notes.value as { nominationId: string | null }[])
      expect(treyIds.has(n.nominationId ?? '')).toBe(false);
  });
});
