import { beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId, userId } from '../../src/seed/demo-catalogue.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

// Issue 15 item 3 (R39): the Account admin enrols a location in the program, accepting the terms, and
// withdraws it while nothing runs there; eligibility and the Add wizard follow at once.

const UTRECHT = locationId('trey-utrecht'); // the demo's not-enrolled location (NL, data-ai)
const SEATTLE = locationId('trey-seattle');
const CHICAGO = locationId('proseware-chicago');
const DAI = engagementId('DAI-ENV'); // needs the data-ai designation, which Utrecht holds
const enrolmentUrl = (id: string) => `/api/v1/partner/locations/${id}/enrolment`;

type Client = Awaited<ReturnType<typeof signInAs>>;
type Location = {
  id: string;
  enrolled: boolean;
  enrolledAt: string | null;
  enrolledBy: { id: string; displayName: string } | null;
};

describeEachDatabase('enrolment', ({ handle }) => {
  const t = useTestApp(handle);
  let cleo: Client;
  let ada: Client;

  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    cleo = await signInAs(t().app, 'cleo@treyresearch.example', 'demo');
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
  });

  const locations = async () => {
    const response = await cleo.request({ method: 'GET', url: '/api/v1/partner/locations' });
    expect(response.statusCode).toBe(200);
    return response.json().value as Location[];
  };
  const utrechtOn = async (client: Client) => {
    const detail = await client.request({ method: 'GET', url: `/api/v1/engagements/${DAI}` });
    expect(detail.statusCode).toBe(200);
    return detail.json().locations.find((l: { locationId: string }) => l.locationId === UTRECHT) as {
      enrolled: boolean;
      eligible: boolean;
      reasons: { code: string }[];
    };
  };
  const addContoso = (email = 'it@contoso.com') =>
    ada.request({
      method: 'POST',
      url: '/api/v1/nominations',
      payload: { origin: 'add', locationId: UTRECHT, engagementIds: [DAI], email },
    });
  const auditActions = async () =>
    (
      await handle()
        .db.selectFrom('audit_events')
        .select(['action', 'data', 'actor_id'])
        .where('action', 'like', 'location.%')
        .orderBy('id')
        .execute()
    ).map((e) => ({
      action: e.action,
      actor: e.actor_id,
      locationId: (e.data as { locationId: string }).locationId,
    }));

  it('lists the locations with enrolled, enrolledAt and enrolledBy', async () => {
    const all = await locations();
    const utrecht = all.find((l) => l.id === UTRECHT)!;
    expect(utrecht).toMatchObject({ enrolled: false, enrolledAt: null, enrolledBy: null });
    const seattle = all.find((l) => l.id === SEATTLE)!;
    expect(seattle.enrolled).toBe(true);
    expect(new Date(seattle.enrolledAt!).getTime()).toBeLessThan(t().clock.now().getTime());
    // Enrolled by the demo's set-up, before the Account admin could: nobody is named.
    expect(seattle.enrolledBy).toBeNull();
    expect(all.map((l) => l.id)).not.toContain(CHICAGO);
  });

  it('Ada (Incentives admin, not Account admin) gets 403 on enrol and withdraw, and nothing changes', async () => {
    for (const method of ['POST', 'DELETE'] as const) {
      const response = await ada.request({
        method,
        url: enrolmentUrl(UTRECHT),
        ...(method === 'POST' ? { payload: { acceptTerms: true } } : {}),
      });
      expect(response.statusCode, method).toBe(403);
      expect(response.json().error.code).toBe('Forbidden');
    }
    expect((await locations()).find((l) => l.id === UTRECHT)!.enrolled).toBe(false);
    expect(await auditActions()).toEqual([]);
  });

  it('before enrolment Utrecht cannot add customers', async () => {
    expect(await utrechtOn(ada)).toMatchObject({ enrolled: false, eligible: false });
    const refused = await addContoso();
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('CustomerNotEligible');
  });

  it('the terms must be accepted: false is a localised 422, a missing field a 400', async () => {
    const en = await cleo.request({
      method: 'POST',
      url: enrolmentUrl(UTRECHT),
      payload: { acceptTerms: false },
    });
    expect(en.statusCode).toBe(422);
    expect(en.json().error).toMatchObject({ code: 'UnprocessableEntity', target: 'acceptTerms' });
    expect(en.json().error.details[0]).toMatchObject({
      code: 'TermsNotAccepted',
      target: 'acceptTerms',
      message: 'To enrol the location, accept the program terms.',
    });
    const pl = await cleo.request({
      method: 'POST',
      url: enrolmentUrl(UTRECHT),
      payload: { acceptTerms: false },
      headers: { 'accept-language': 'pl' },
    });
    expect(pl.statusCode).toBe(422);
    expect(pl.json().error.details[0].message).toBe(
      'Aby zarejestrować lokalizację, zaakceptuj warunki programu.',
    );
    const missing = await cleo.request({ method: 'POST', url: enrolmentUrl(UTRECHT), payload: {} });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.code).toBe('ValidationFailed');
    expect((await locations()).find((l) => l.id === UTRECHT)!.enrolled).toBe(false);
  });

  it("another partner's location is the same 404 as one that does not exist", async () => {
    for (const id of [CHICAGO, crypto.randomUUID()]) {
      for (const method of ['POST', 'DELETE'] as const) {
        const response = await cleo.request({
          method,
          url: enrolmentUrl(id),
          ...(method === 'POST' ? { payload: { acceptTerms: true } } : {}),
        });
        expect(response.statusCode, `${method} ${id}`).toBe(404);
        expect(response.json().error).toMatchObject({ code: 'NotFound', target: 'locationId' });
      }
    }
    const chicago = await handle()
      .db.selectFrom('enrolments')
      .select(['status', 'enrolled_by'])
      .where('location_id', '=', CHICAGO)
      .executeTakeFirstOrThrow();
    expect(chicago).toEqual({ status: 'enrolled', enrolled_by: null });
  });

  it('Cleo enrols Utrecht (audit event); again is 200 and unchanged; the Idempotency-Key replays', async () => {
    const key = `enrol-${crypto.randomUUID()}`;
    const first = await cleo.request({
      method: 'POST',
      url: enrolmentUrl(UTRECHT),
      payload: { acceptTerms: true },
      headers: { 'idempotency-key': key },
    });
    expect(first.statusCode, first.body).toBe(200);
    const enrolled = first.json() as Location;
    expect(enrolled).toMatchObject({
      id: UTRECHT,
      enrolled: true,
      enrolledAt: t().clock.now().toISOString(),
      enrolledBy: { id: userId('cleo'), displayName: 'Cleo Jansen' },
    });
    const replay = await cleo.request({
      method: 'POST',
      url: enrolmentUrl(UTRECHT),
      payload: { acceptTerms: true },
      headers: { 'idempotency-key': key },
    });
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(enrolled);
    t().clock.advance(60_000);
    const again = await cleo.request({
      method: 'POST',
      url: enrolmentUrl(UTRECHT),
      payload: { acceptTerms: true },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(enrolled);
    expect((await locations()).find((l) => l.id === UTRECHT)).toEqual(enrolled);
    expect(await auditActions()).toEqual([
      { action: 'location.enrol', actor: userId('cleo'), locationId: UTRECHT },
    ]);
    const row = await handle()
      .db.selectFrom('enrolments')
      .select(['status', 'enrolled_by', 'terms_version'])
      .where('location_id', '=', UTRECHT)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'enrolled', enrolled_by: userId('cleo') });
    expect(row.terms_version).toBeTruthy();
  });

  let added = '';
  it('at once, Utrecht is eligible and Ada adds a customer on it', async () => {
    expect(await utrechtOn(ada)).toMatchObject({ enrolled: true, eligible: true, reasons: [] });
    const response = await addContoso();
    expect(response.statusCode, response.body).toBe(201);
    added = response.json().value[0].id;
    expect(response.json().value[0]).toMatchObject({ location: { id: UTRECHT }, status: 'claimed' });
  });

  it('withdrawal with running records is a 409 naming them', async () => {
    const refused = await cleo.request({ method: 'DELETE', url: enrolmentUrl(UTRECHT) });
    expect(refused.statusCode).toBe(409);
    const error = refused.json().error;
    expect(error).toMatchObject({ code: 'Conflict', target: 'locationId' });
    expect(error.details[0]).toMatchObject({ code: 'LocationHasRunningRecords', target: 'locationId' });
    expect(error.details[0].message).toContain('1 customer record is still running');
    expect(error.details.slice(1)).toEqual([
      {
        code: 'RunningRecord',
        target: added,
        message: expect.stringContaining('Contoso'),
      },
    ]);
    // Seattle has records in every state: the running ones are named, the ended ones are not.
    const seattle = await cleo.request({ method: 'DELETE', url: enrolmentUrl(SEATTLE) });
    expect(seattle.statusCode).toBe(409);
    const named: string[] = seattle
      .json()
      .error.details.slice(1)
      .map((d: { target: string }) => d.target);
    expect(named.length).toBeGreaterThan(1);
    const statuses = await handle()
      .db.selectFrom('nominations')
      .select('status')
      .where('id', 'in', named)
      .execute();
    for (const { status } of statuses)
      expect(['approved', 'rejected_final', 'cancelled', 'consent_expired']).not.toContain(status);
    expect((await locations()).filter((l) => l.enrolled).map((l) => l.id)).toContain(UTRECHT);
    expect((await auditActions()).map((a) => a.action)).toEqual(['location.enrol']);
  });

  it('once nothing runs there, Cleo withdraws it (audit event) and it can add nobody at once', async () => {
    // The record ends (as the consent sweep would end it), so nothing runs at Utrecht any more.
    await handle()
      .db.updateTable('nominations')
      .set({ status: 'consent_expired', ended_at: t().clock.now() })
      .where('id', '=', added)
      .execute();
    const withdrawn = await cleo.request({ method: 'DELETE', url: enrolmentUrl(UTRECHT) });
    expect(withdrawn.statusCode, withdrawn.body).toBe(204);
    expect((await locations()).find((l) => l.id === UTRECHT)).toMatchObject({
      enrolled: false,
      enrolledAt: null,
      enrolledBy: null,
    });
    expect(await utrechtOn(ada)).toMatchObject({ enrolled: false, eligible: false });
    const refused = await addContoso('ops@fabrikam.com');
    expect(refused.statusCode).toBe(422);
    // Withdrawing what is not enrolled changes nothing.
    const again = await cleo.request({ method: 'DELETE', url: enrolmentUrl(UTRECHT) });
    expect(again.statusCode).toBe(204);
    expect((await auditActions()).map((a) => a.action)).toEqual(['location.enrol', 'location.withdraw']);
  });
});
