import { beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId, tenantId } from '../../src/seed/demo-catalogue.ts';
import { freshCustomer as newCustomer } from '../support/customers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

const SEC = engagementId('SEC-WS');
const COP = engagementId('MW-COP');
const SEATTLE = locationId('trey-seattle');

// Add a customer and claim a customer (issue 4, spec §4.1, §4.2), through the API, on the demo data.
describeEachDatabase('add and claim customers', ({ handle }) => {
  const t = useTestApp(handle);
  let ada: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
  });
  const lookup = (body: Record<string, unknown>, client = ada) =>
    client.request({
      method: 'POST',
      url: '/api/v1/customer-lookups',
      payload: { engagementId: SEC, locationId: SEATTLE, ...body },
    });
  // A customer known to nobody, eligible like Contoso, reachable by its own domain.
  const freshCustomer = (slug: string) => newCustomer(handle().db, { slug });
  const nominate = (body: Record<string, unknown>, key?: string, client = ada) =>
    client.request({
      method: 'POST',
      url: '/api/v1/nominations',
      payload: { locationId: SEATTLE, ...body },
      headers: key ? { 'idempotency-key': key } : {},
    });

  it('R12: derives the tenant from the email domain and lists the workshops it can take', async () => {
    const response = await lookup({ email: 'someone@contoso.com' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      tenant: { id: tenantId('contoso') },
      resolvedBy: 'domain',
      domainMatches: true,
      mismatchReasonRequired: false,
    });
    expect(body.workshops.find((w: { engagementId: string }) => w.engagementId === SEC).selectable).toBe(
      true,
    );
    const upcoming = body.workshops.find(
      (w: { engagementId: string }) => w.engagementId === engagementId('DAI-AGENTS'),
    );
    expect(upcoming.selectable).toBe(false);
    expect(upcoming.reasons[0].code).toBe('engagementNotActive');
  });

  it('R13: free-mail and unknown domains resolve to no tenant; bad ids are field errors, never a 500', async () => {
    for (const email of ['someone@gmail.com', 'x@outlook.com', 'a@nowhere.invalid']) {
      const response = await lookup({ email });
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toMatchObject({ code: 'TenantNotFound', target: 'email' });
    }
    const malformed = await lookup({ email: 'a@contoso.com', tenantId: 'not-a-guid' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.details[0].target).toBe('tenantId');
    const unknown = await lookup({
      email: 'a@contoso.com',
      tenantId: '00000000-0000-4000-8000-00000000abcd',
    });
    expect(unknown.json().error).toMatchObject({ code: 'TenantNotFound', target: 'tenantId' });
    const both = await lookup({ email: 'a@contoso.com', tenantId: tenantId('contoso'), tpid: 5 });
    expect(both.statusCode).toBe(400);
  });

  it('R14: an ID whose tenant does not own the email domain needs a reason (10–500 characters)', async () => {
    const fresh = await freshCustomer('mismatch');
    const response = await lookup({ email: 'buyer@contoso.com', tenantId: fresh.id });
    expect(response.json()).toMatchObject({
      tenant: { id: fresh.id },
      resolvedBy: 'tenantId',
      domainMatches: false,
      mismatchReasonRequired: true,
    });
    const without = await nominate({
      origin: 'add',
      engagementIds: [SEC],
      email: 'buyer@contoso.com',
      tenantId: fresh.id,
    });
    expect(without.statusCode).toBe(422);
    expect(without.json().error).toMatchObject({ code: 'MismatchReasonRequired', target: 'mismatchReason' });
    const tooShort = await nominate({
      origin: 'add',
      engagementIds: [SEC],
      email: 'buyer@contoso.com',
      tenantId: fresh.id,
      mismatchReason: 'short',
    });
    expect(tooShort.statusCode).toBe(400);
    const withReason = await nominate({
      origin: 'add',
      engagementIds: [SEC],
      email: 'buyer@contoso.com',
      tenantId: fresh.id,
      mismatchReason: 'Fabrikam buys through its Contoso subsidiary.',
    });
    expect(withReason.statusCode).toBe(201);
    expect(withReason.json().value[0].mismatchReason).toBe('Fabrikam buys through its Contoso subsidiary.');
  });

  it('R17: adds someone@contoso.com to two workshops: two records, not started, 30 days left, on both Eligible tabs', async () => {
    const response = await nominate(
      { origin: 'add', engagementIds: [SEC, COP], email: 'someone@contoso.com' },
      'add-contoso-1',
    );
    expect(response.statusCode).toBe(201);
    const records = response.json().value;
    expect(records).toHaveLength(2);
    for (const r of records) {
      expect(r).toMatchObject({
        status: 'claimed',
        type: 'notStarted',
        origin: 'add',
        daysLeft: 30,
        customer: { tenantId: tenantId('contoso') },
      });
      expect(new Date(r.consentDueAt).getTime() - new Date(r.claimedAt).getTime()).toBe(30 * 86_400_000);
    }
    for (const engagement of [SEC, COP]) {
      const tab = await ada.request({
        method: 'GET',
        url: `/api/v1/engagements/${engagement}/customers?tab=eligible&search=contoso`,
      });
      expect(tab.json().value).toEqual([
        expect.objectContaining({
          name: 'Contoso Ltd',
          status: 'claimed',
          type: 'notStarted',
          daysLeft: 30,
          actions: ['triggerConsent'],
        }),
      ]);
    }
    const history = await ada.request({ method: 'GET', url: `/api/v1/nominations/${records[0].id}/history` });
    expect(history.json().value).toEqual([
      expect.objectContaining({
        action: 'addCustomer',
        toStatus: 'claimed',
        actor: { kind: 'partnerUser', name: 'Ada Ruiz' },
      }),
    ]);
  });

  it('R9: a duplicate is AlreadyNominated; adding a known customer points to Claim customer', async () => {
    const duplicate = await nominate({ origin: 'add', engagementIds: [SEC], email: 'other@contoso.com' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('AlreadyNominated');
    const known = await nominate({
      origin: 'add',
      engagementIds: [SEC],
      email: 'someone@northwindtraders.com',
      tenantId: tenantId('northwind'),
      mismatchReason: 'only to reach the known-customer rule',
    });
    expect(known.statusCode).toBe(409);
    expect(known.json().error.code).toBe('UseClaimCustomer');
  });

  it('R18–R22: claims a pre-populated customer; the row becomes a claimed record', async () => {
    const response = await nominate({
      origin: 'claim',
      engagementIds: [SEC],
      customerId: tenantId('northwind'),
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().value[0]).toMatchObject({
      origin: 'claim',
      status: 'claimed',
      customerEmail: null,
    });
    const tab = await ada.request({
      method: 'GET',
      url: `/api/v1/engagements/${SEC}/customers?tab=eligible&search=northwind`,
    });
    expect(tab.json().value[0]).toMatchObject({ status: 'claimed', actions: ['triggerConsent'] });
    // A customer this partner does not know cannot be claimed: the same 404 as an unknown id.
    const unknown = await nominate({
      origin: 'claim',
      engagementIds: [SEC],
      customerId: (await freshCustomer('unclaimable')).id,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses ineligible workshops and locations with distinct codes, writing nothing', async () => {
    const before = await handle()
      .db.selectFrom('nominations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const fresh = await freshCustomer('refused');
    const saoPaulo = await nominate({
      origin: 'add',
      locationId: locationId('trey-sao-paulo'),
      engagementIds: [engagementId('BA-PP'), SEC],
      email: fresh.email,
    });
    expect(saoPaulo.statusCode).toBe(422);
    expect(saoPaulo.json().error).toMatchObject({ code: 'CustomerNotEligible', target: 'engagementIds[1]' });
    // Every detail is a sentence, never a raw catalogue key.
    for (const detail of saoPaulo.json().error.details as { code: string; message: string }[]) {
      expect(detail.message).not.toMatch(/^(error|field|partnerReason|ineligible)\./);
      expect(detail.message.length).toBeGreaterThan(10);
    }
    const expired = await nominate({
      origin: 'add',
      engagementIds: [engagementId('MW-W11')],
      email: fresh.email,
    });
    expect(expired.json().error.code).toBe('EngagementNotActive');
    const after = await handle()
      .db.selectFrom('nominations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('Idempotency-Key: a replay returns the first result; another body with the same key is 422', async () => {
    const fresh = await freshCustomer('idempotent');
    const first = await nominate(
      { origin: 'add', engagementIds: [engagementId('BA-PP')], email: fresh.email },
      'fabrikam-bapp',
    );
    expect(first.statusCode).toBe(201);
    const replay = await nominate(
      { origin: 'add', engagementIds: [engagementId('BA-PP')], email: fresh.email },
      'fabrikam-bapp',
    );
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const other = await nominate(
      { origin: 'add', engagementIds: [engagementId('BA-PP')], email: `cfo@idempotent.example` },
      'fabrikam-bapp',
    );
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('IdempotencyKeyReused');
  });

  it('20 concurrent identical requests with one key create one record', async () => {
    const fresh = await freshCustomer('race');
    const body = { origin: 'add', engagementIds: [engagementId('BA-D365')], email: fresh.email };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => nominate(body, 'race-fabrikam-d365')),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    expect(new Set(responses.map((r) => r.json().value[0].id)).size).toBe(1);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
    const rows = await handle()
      .db.selectFrom('nominations')
      .select('id')
      .where('tenant_id', '=', fresh.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('isolation: partner B cannot look up through, nominate into, or read partner A’s locations and records', async () => {
    const dan = await signInAs(t().app, 'dan@proseware.example', 'demo');
    expect((await lookup({ email: 'x@contoso.com' }, dan)).statusCode).toBe(404);
    expect(
      (await nominate({ origin: 'add', engagementIds: [SEC], email: 'x@fabrikam.com' }, undefined, dan))
        .statusCode,
    ).toBe(404);
    const trey = await handle()
      .db.selectFrom('nominations')
      .select('id')
      .where('location_id', '=', SEATTLE)
      .limit(1)
      .executeTakeFirstOrThrow();
    for (const url of [`/api/v1/nominations/${trey.id}`, `/api/v1/nominations/${trey.id}/history`]) {
      const response = await dan.request({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NotFound');
    }
    // Ben holds a role on Warsaw only: Seattle is not his to act on or read.
    const ben = await signInAs(t().app, 'ben@treyresearch.example', 'demo');
    expect((await lookup({ email: 'x@contoso.com' }, ben)).statusCode).toBe(404);
    expect((await ben.request({ method: 'GET', url: `/api/v1/nominations/${trey.id}` })).statusCode).toBe(
      404,
    );
  });
});
