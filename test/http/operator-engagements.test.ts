import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, userId } from '../../src/seed/demo-catalogue.ts';
import { demoNominationId } from '../../src/seed/demo-scenarios.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

// The operator's engagement editor (spec §4.5, issue 6): list, read, create (unique code), edit with
// If-Match; windows apply to new deadlines only (§5); customer criteria re-derive the Customers page.
const SEC = engagementId('SEC-WS');
const ALPINE = demoNominationId('trey', 'SEC-WS', 'alpine'); // claim_submitted
const OLGA = userId('olga');
const DAY = 24 * 3_600_000;

type Client = Awaited<ReturnType<typeof signInAs>>;

describeEachDatabase('operator: engagement editor', ({ handle }) => {
  const t = useTestApp(handle);
  let olga: Client;
  let ada: Client;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    olga = await signInAs(t().app, 'olga@program.example', 'demo');
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
  });
  const get = (id: string) => olga.request({ method: 'GET', url: `/api/v1/operator/engagements/${id}` });
  const patch = (id: string, body: unknown, ifMatch?: string) =>
    olga.request({
      method: 'PATCH',
      url: `/api/v1/operator/engagements/${id}`,
      payload: body as object,
      headers: ifMatch ? { 'if-match': ifMatch } : {},
    });
  const create = (body: unknown, headers: Record<string, string> = {}) =>
    olga.request({ method: 'POST', url: '/api/v1/operator/engagements', payload: body as object, headers });
  const customers = async (id: string, tab: string, client = ada) => {
    const response = await client.request({
      method: 'GET',
      url: `/api/v1/engagements/${id}/customers?tab=${tab}&maxpagesize=500`,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().value as {
      tenantId: string;
      status: string;
      nominationId: string | null;
      ineligibleReason: { code: string } | null;
    }[];
  };

  it('lists every engagement of every kind with windows, availability, criteria, POE requirements, rates and reminders', async () => {
    const response = await olga.request({ method: 'GET', url: '/api/v1/operator/engagements' });
    expect(response.statusCode, response.body).toBe(200);
    const { value } = response.json();
    expect(new Set(value.map((e: { kind: string }) => e.kind))).toEqual(
      new Set(['workshop', 'deployment', 'consumption']),
    );
    const sec = value.find((e: { id: string }) => e.id === SEC);
    expect(sec).toMatchObject({
      code: 'SEC-WS',
      kind: 'workshop',
      availability: 'active',
      consentWindowDays: 30,
      claimWindowDays: 90,
      reviewWindowDays: 120,
      disputeWindowDays: 30,
      reminderDays: [7, 2],
      poeRequirements: { findingsReport: true, invoice: true, partnerSurvey: true, customerSurvey: true },
      rates: { A: expect.any(Number), B: expect.any(Number), C: expect.any(Number) },
      currency: 'USD',
      etag: expect.stringMatching(/^W\/"/),
    });
    expect(Array.isArray(sec.customerCriteria)).toBe(true);
    const workshops = await olga.request({
      method: 'GET',
      url: '/api/v1/operator/engagements?kind=workshop',
    });
    expect(workshops.json().value.every((e: { kind: string }) => e.kind === 'workshop')).toBe(true);
    const one = await get(SEC);
    expect(one.statusCode).toBe(200);
    expect(one.headers.etag).toBe(one.json().etag);
    expect(one.json()).toEqual(sec);
    expect((await get(crypto.randomUUID())).statusCode).toBe(404);
  });

  it('creates a workshop (201, ETag, Location, audit); its Customers page lists the partners\u2019 known customers; a taken code is 409', async () => {
    const body = {
      code: 'COP-WS2',
      kind: 'workshop',
      name: 'Copilot Readiness Workshop',
      solutionArea: 'Modern Work',
      availability: 'active',
      description: 'Two days on readiness.',
      claimWindowDays: 60,
      reviewWindowDays: 90,
      reminderDays: [2, 10, 5],
      partnerCriteria: { countries: ['US', 'PL'] },
      customerCriteria: [{ type: 'seatsBetween', min: 50 }],
      poeRequirements: { findingsReport: true, invoice: true, partnerSurvey: false, customerSurvey: true },
      rates: { A: 300000, B: 200000 },
    };
    const key = 'create-cop-ws2';
    const response = await create(body, { 'idempotency-key': key });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      code: 'COP-WS2',
      consentWindowDays: 30,
      claimWindowDays: 60,
      reviewWindowDays: 90,
      disputeWindowDays: 30,
      reminderDays: [10, 5, 2],
      rates: { A: 300000, B: 200000, C: null },
      currency: 'USD',
      poeRequirements: { partnerSurvey: false },
    });
    expect(response.headers.etag).toBe(created.etag);
    expect(response.headers.location).toBe(`/api/v1/operator/engagements/${created.id}`);
    const replay = await create(body, { 'idempotency-key': key });
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().id).toBe(created.id);

    const taken = await create({ ...body, name: 'Another' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'Conflict', target: 'code' });
    expect(taken.json().error.details[0]).toMatchObject({ code: 'EngagementCodeTaken', target: 'code' });
    expect(taken.json().error.details[0].message).not.toMatch(/^error\./);
    const audit = await handle()
      .db.selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'engagement.create')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_kind: 'operator', actor_id: OLGA });

    // The partner sees it in the catalogue and its Customers page lists their known customers.
    const catalogue = await ada.request({ method: 'GET', url: '/api/v1/engagements?kind=workshop' });
    expect(catalogue.json().value.map((e: { id: string }) => e.id)).toContain(created.id);
    const rows = [
      ...(await customers(created.id, 'eligible')),
      ...(await customers(created.id, 'ineligible')),
    ];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === 'candidate')).toBe(true);
  });

  it('refuses bad engagement bodies with 400 in the error shape (never 500), and writes nothing', async () => {
    const base = {
      code: 'BAD-WS',
      kind: 'workshop',
      name: 'x',
      solutionArea: 'Security',
      availability: 'active',
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, code: 'lower case' }, 'code'],
      [{ ...base, kind: 'webinar' }, 'kind'],
      [{ ...base, availability: 'soon' }, 'availability'],
      [{ ...base, consentWindowDays: 0 }, 'consentWindowDays'],
      [{ ...base, disputeWindowDays: 366 }, 'disputeWindowDays'],
      [{ ...base, claimWindowDays: 731 }, 'claimWindowDays'],
      [{ ...base, claimWindowDays: 90, reviewWindowDays: 60 }, 'reviewWindowDays'],
      [{ ...base, reminderDays: [1, 2, 3, 4, 5, 6] }, 'reminderDays'],
      [{ ...base, reminderDays: [61] }, 'reminderDays'],
      [{ ...base, reminderDays: [7, 7] }, 'reminderDays'],
      [{ ...base, customerCriteria: [{ type: 'revenueAbove', amount: 5 }] }, 'customerCriteria'],
      [{ ...base, customerCriteria: [{ type: 'seatsBetween' }] }, 'customerCriteria'],
      [{ ...base, customerCriteria: [{ type: 'seatsBetween', min: 10, max: 5 }] }, 'customerCriteria'],
      [{ ...base, customerCriteria: [{ type: 'countryIn', countries: [] }] }, 'customerCriteria'],
      [{ ...base, partnerCriteria: { countries: ['USA'] } }, 'partnerCriteria'],
      [{ ...base, partnerCriteria: { region: 'EU' } }, 'partnerCriteria'],
      [{ ...base, poeRequirements: { invoice: false } }, 'poeRequirements'],
      [{ ...base, rates: { D: 5 } }, 'rates'],
      [{ ...base, rates: { A: -1 } }, 'rates'],
      [{ ...base, currency: 'usd' }, 'currency'],
      [{ ...base, id: crypto.randomUUID() }, 'id'],
      [{ ...base, createdAt: '2020-01-01T00:00:00Z' }, 'createdAt'],
    ];
    for (const [body, target] of cases) {
      const response = await create(body);
      expect(response.statusCode, `${JSON.stringify(body)}: ${response.body}`).toBe(400);
      const error = response.json().error;
      expect(error.code).toBe('ValidationFailed');
      expect(JSON.stringify(error)).toContain(target);
      for (const d of error.details ?? []) expect(d.message).not.toMatch(/^error\./);
    }
    const strings = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.jsonValue());
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            code: strings,
            kind: strings,
            name: strings,
            availability: strings,
            customerCriteria: fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.jsonValue()),
            rates: fc.jsonValue(),
            reminderDays: fc.jsonValue(),
          },
          { requiredKeys: [] },
        ),
        async (body) => {
          const response = await create({ solutionArea: 'Security', ...body });
          expect(response.statusCode, response.body).toBeLessThan(500);
          expect(typeof response.json().error?.code).toBe('string');
        },
      ),
      { numRuns: 60 },
    );
    const written = await handle()
      .db.selectFrom('engagements')
      .select('code')
      .where('code', '=', 'BAD-WS')
      .execute();
    expect(written).toEqual([]);
  });

  it('PATCH needs the current ETag in If-Match: missing is 400, stale is 412 and nothing changes', async () => {
    const current = await get(SEC);
    const etag = current.headers.etag as string;
    const missing = await patch(SEC, { name: 'Security Workshop (new)' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('ValidationFailed');
    const stale = await patch(SEC, { name: 'Security Workshop (new)' }, 'W/"stale"');
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('PreconditionFailed');
    expect((await get(SEC)).json()).toEqual(current.json());
    // Server-owned and create-only fields cannot be patched.
    for (const body of [{ kind: 'deployment' }, { code: 'SEC-2' }, { id: SEC }, { updatedAt: 'x' }]) {
      const response = await patch(SEC, body, etag);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }

    const ok = await patch(SEC, { name: 'Security Workshop (new)', availability: 'upcoming' }, etag);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Security Workshop (new)', availability: 'upcoming' });
    expect(ok.headers.etag).not.toBe(etag);
    // The first ETag is now stale: a lost update is refused.
    const lost = await patch(SEC, { name: 'Lost update' }, etag);
    expect(lost.statusCode).toBe(412);
    const back = await patch(
      SEC,
      { name: 'Security Workshop', availability: 'active' },
      ok.headers.etag as string,
    );
    expect(back.statusCode, back.body).toBe(200);
    const audit = await handle()
      .db.selectFrom('audit_events')
      .select(['actor_kind', 'actor_id', 'data'])
      .where('action', '=', 'engagement.update')
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor_kind: 'operator', actor_id: OLGA });
    expect((audit[0]!.data as { changes: Record<string, unknown> }).changes).toEqual({
      name: { from: 'Security Workshop', to: 'Security Workshop (new)' },
      availability: { from: 'active', to: 'upcoming' },
    });
    // A PATCH that changes nothing writes nothing.
    const same = await patch(SEC, { name: 'Security Workshop' }, back.headers.etag as string);
    expect(same.statusCode).toBe(200);
    expect(same.headers.etag).toBe(back.headers.etag);
    expect(
      await handle()
        .db.selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'engagement.update')
        .execute(),
    ).toHaveLength(2);
  });

  it('changing windows never moves deadlines already granted; new grants use the new windows', async () => {
    const deadlines = () =>
      handle()
        .db.selectFrom('nominations')
        .select(['id', 'consent_due_at', 'claim_due_at', 'review_due_at', 'dispute_due_at'])
        .where('engagement_id', '=', SEC)
        .orderBy('id')
        .execute();
    const before = await deadlines();
    expect(before.length).toBeGreaterThan(5);
    const etag = (await get(SEC)).headers.etag as string;
    const response = await patch(
      SEC,
      {
        consentWindowDays: 10,
        claimWindowDays: 45,
        reviewWindowDays: 60,
        disputeWindowDays: 10,
        reminderDays: [3],
      },
      etag,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(await deadlines()).toEqual(before);

    // A rejection granted now gets the new 10-day dispute window.
    const reject = await olga.request({
      method: 'POST',
      url: `/api/v1/operator/claims/${ALPINE}/decisions`,
      payload: { decision: 'reject', comment: 'The invoice is missing the customer name.' },
    });
    expect(reject.statusCode, reject.body).toBe(200);
    const now = t().clock.now();
    expect(reject.json().claim.disputeDueAt).toBe(new Date(now.getTime() + 10 * DAY).toISOString());
    const after = await deadlines();
    expect(after.filter((d) => d.id !== ALPINE)).toEqual(before.filter((d) => d.id !== ALPINE));
    // Restore the demo's windows for the next test.
    const restore = await patch(
      SEC,
      {
        consentWindowDays: 30,
        claimWindowDays: 90,
        reviewWindowDays: 120,
        disputeWindowDays: 30,
        reminderDays: [7, 2],
      },
      response.headers.etag as string,
    );
    expect(restore.statusCode, restore.body).toBe(200);
  });

  it('changing customer criteria re-derives every partner\u2019s Customers page for that engagement', async () => {
    const eligibleBefore = await customers(SEC, 'eligible');
    const candidates = eligibleBefore.filter((r) => r.status === 'candidate');
    expect(candidates.length).toBeGreaterThan(0);
    const records = eligibleBefore.filter((r) => r.nominationId !== null);
    const current = await get(SEC);
    const original = current.json().customerCriteria;
    // No customer is in Antarctica: every candidate becomes ineligible, records in progress stay.
    const response = await patch(
      SEC,
      { customerCriteria: [{ type: 'countryIn', countries: ['AQ'] }] },
      current.headers.etag as string,
    );
    expect(response.statusCode, response.body).toBe(200);
    const eligibleAfter = await customers(SEC, 'eligible');
    expect(eligibleAfter.filter((r) => r.status === 'candidate')).toEqual([]);
    expect(eligibleAfter.map((r) => r.nominationId).sort()).toEqual(
      records.map((r) => r.nominationId).sort(),
    );
    const ineligible = await customers(SEC, 'ineligible');
    for (const c of candidates) {
      const row = ineligible.find((r) => r.tenantId === c.tenantId);
      expect(row?.ineligibleReason?.code, c.tenantId).toBe('criteriaNotMet');
    }
    // Another partner's page changed too.
    const dan = await signInAs(t().app, 'dan@proseware.example', 'demo');
    expect((await customers(SEC, 'eligible', dan)).filter((r) => r.status === 'candidate')).toEqual([]);

    const restored = await patch(SEC, { customerCriteria: original }, response.headers.etag as string);
    expect(restored.statusCode, restored.body).toBe(200);
    expect((await customers(SEC, 'eligible')).filter((r) => r.status === 'candidate').length).toBe(
      candidates.length,
    );
  });
});
