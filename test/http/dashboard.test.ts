import { beforeAll, expect, it } from 'vitest';
import { DAY_MS } from '../../src/domain/time.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { locationId } from '../../src/seed/demo-catalogue.ts';
import { demoNominationId } from '../../src/seed/demo-scenarios.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

// Issue 15, the action centre: GET /api/v1/dashboard over the demo data through the composed app.
// Counts are the sizes of the Customers lists; deadlines of the next 14 days carry the Customers
// table's row action; what was lost in the last 30 days shows with how it ended; scoped by partner
// and by the locations the user holds an incentive role on.

type Client = Awaited<ReturnType<typeof signInAs>>;
interface Dashboard {
  counts: Record<string, number>;
  deadlines: {
    nominationId: string;
    engagement: { id: string; name: string };
    customer: { tenantId: string; name: string };
    status: string;
    kind: string;
    deadline: string;
    daysLeft: number;
    action: string | null;
  }[];
  recentlyEnded: { nominationId: string; status: string; at: string; reason?: string }[];
  payout: { currency: string; expected: number; approved: number }[];
}

const WIDEWORLD = demoNominationId('trey', 'SEC-WS', 'wideworld');
const COHO = demoNominationId('trey', 'SEC-WS', 'coho');
const RELECLOUD = demoNominationId('trey', 'SEC-WS', 'relecloud');

describeEachDatabase('action centre (GET /api/v1/dashboard, GET /api/v1/customers)', ({ handle }) => {
  const t = useTestApp(handle);
  let ada: Client;
  let ben: Client;
  let dan: Client;
  let cleo: Client;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    ben = await signInAs(t().app, 'ben@treyresearch.example', 'demo');
    dan = await signInAs(t().app, 'dan@proseware.example', 'demo');
    cleo = await signInAs(t().app, 'cleo@treyresearch.example', 'demo');
  });

  const dashboard = async (client: Client): Promise<Dashboard> => {
    const response = await client.request({ method: 'GET', url: '/api/v1/dashboard' });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  /** Every record row of every workshop's Customers lists, counted by status. */
  const listedStatuses = async (client: Client) => {
    const engagements: { value: { id: string; kind: string }[] } = (
      await client.request({ method: 'GET', url: '/api/v1/engagements' })
    ).json();
    const counts: Record<string, number> = {};
    const ids: string[] = [];
    for (const e of engagements.value.filter((x) => x.kind === 'workshop')) {
      for (const tab of ['eligible', 'ineligible', 'complete']) {
        let url: string | undefined = `/api/v1/engagements/${e.id}/customers?tab=${tab}&maxpagesize=500`;
        while (url) {
          const page: { value: { status: string; nominationId: string | null }[]; nextLink?: string } = (
            await client.request({ method: 'GET', url })
          ).json();
          for (const row of page.value.filter((r) => r.nominationId)) {
            counts[row.status] = (counts[row.status] ?? 0) + 1;
            ids.push(row.nominationId!);
          }
          url = page.nextLink;
        }
      }
    }
    return { counts, ids };
  };

  const locationOf = async (nominationId: string) =>
    (
      await handle()
        .db.selectFrom('nominations')
        .select('location_id')
        .where('id', '=', nominationId)
        .executeTakeFirstOrThrow()
    ).location_id;

  it('counts records by status exactly as the Customers lists of every workshop show them', async () => {
    for (const client of [ada, ben, dan]) {
      const view = await dashboard(client);
      const listed = await listedStatuses(client);
      expect(view.counts).toEqual(listed.counts);
      expect(Object.values(view.counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    }
  });

  it('shows what was lost in the last 30 days, newest first, with how it ended', async () => {
    const view = await dashboard(ada);
    const coho = view.recentlyEnded.find((e) => e.nominationId === COHO);
    const relecloud = view.recentlyEnded.find((e) => e.nominationId === RELECLOUD);
    expect(coho?.status).toBe('consent_declined');
    expect(relecloud?.status).toBe('superseded');
    const now = t().clock.now().getTime();
    for (const e of view.recentlyEnded) {
      expect(now - Date.parse(e.at)).toBeLessThanOrEqual(30 * DAY_MS);
      expect(['approved', 'cancelled']).not.toContain(e.status);
    }
    const times = view.recentlyEnded.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('reports expected and approved payout per currency', async () => {
    const [usd] = (await dashboard(ada)).payout;
    expect(usd?.currency).toBe('USD');
    expect(usd?.approved).toBeGreaterThan(0);
    expect(usd?.expected).toBeGreaterThan(0);
  });

  it('a consent due in 5 days appears with kind consent and the resend action, soonest first', async () => {
    // Wide World's consent (Ada, SEC-WS) has 18 days left in the demo: 13 days on, it has 5.
    t().clock.advance(13 * DAY_MS);
    const view = await dashboard(ada);
    const row = view.deadlines.find((d) => d.nominationId === WIDEWORLD);
    expect(row).toMatchObject({
      kind: 'consent',
      daysLeft: 5,
      action: 'resendConsent',
      status: 'consent_pending',
      customer: { name: expect.stringMatching(/wide world/i) },
    });
    // A record not yet sent for consent offers to trigger it.
    expect(view.deadlines.some((d) => d.kind === 'consent' && d.action === 'triggerConsent')).toBe(true);
    const due = view.deadlines.map((d) => Date.parse(d.deadline));
    expect(due).toEqual([...due].sort((a, b) => a - b));
    const now = t().clock.now().getTime();
    for (const d of view.deadlines) {
      expect(Date.parse(d.deadline)).toBeGreaterThan(now);
      expect(Date.parse(d.deadline) - now).toBeLessThanOrEqual(14 * DAY_MS);
    }
    // The counts still agree with the lists 13 days on (rows past their deadline left both).
    expect(view.counts).toEqual((await listedStatuses(ada)).counts);
  });

  it("another partner sees none of it, and a user with one location sees only that location's records", async () => {
    const trey = await dashboard(ada);
    const treyIds = new Set([
      ...trey.deadlines.map((d) => d.nominationId),
      ...trey.recentlyEnded.map((e) => e.nominationId),
    ]);
    expect(treyIds.size).toBeGreaterThan(0);
    const proseware = await dashboard(dan);
    const body = JSON.stringify(proseware);
    for (const id of treyIds) expect(body.includes(id), id).toBe(false);
    expect(body).not.toMatch(/trey/i);

    const warsaw = await dashboard(ben);
    const warsawIds = [
      ...warsaw.deadlines.map((d) => d.nominationId),
      ...warsaw.recentlyEnded.map((e) => e.nominationId),
    ];
    expect(warsawIds.length).toBeGreaterThan(0);
    for (const id of warsawIds) expect(await locationOf(id), id).toBe(locationId('trey-warsaw'));
    expect(warsaw.deadlines.some((d) => d.nominationId === WIDEWORLD)).toBe(false);
    const listedIds = (await listedStatuses(ben)).ids;
    for (const id of listedIds) expect(await locationOf(id), id).toBe(locationId('trey-warsaw'));
  });

  it("searches the partner's customers across workshops by name, domain and tenant ID", async () => {
    type Found = {
      value: {
        tenantId: string;
        name: string;
        domain: string | null;
        workshops: { engagement: { id: string }; nominationId: string | null; status: string }[];
      }[];
    };
    const search = async (client: Client, q: string): Promise<Found> => {
      const response = await client.request({
        method: 'GET',
        url: `/api/v1/customers?search=${encodeURIComponent(q)}`,
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    const byName = await search(ada, 'wide world');
    const wideworld = byName.value.find((c) => c.workshops.some((w) => w.nominationId === WIDEWORLD));
    expect(wideworld).toBeDefined();
    const byDomain = await search(ada, wideworld!.domain!);
    expect(byDomain.value.map((c) => c.tenantId)).toContain(wideworld!.tenantId);
    const byTenant = await search(ada, wideworld!.tenantId);
    expect(byTenant.value.map((c) => c.tenantId)).toEqual([wideworld!.tenantId]);
    expect((await search(ada, '')).value.length).toBeLessThanOrEqual(50);
    // Ben (Warsaw only) sees the customer's rows of his location, never Ada's Seattle record.
    for (const c of (await search(ben, '')).value)
      for (const w of c.workshops)
        if (w.nominationId) expect(await locationOf(w.nominationId)).toBe(locationId('trey-warsaw'));
    expect(JSON.stringify(await search(ben, 'wide world'))).not.toContain(WIDEWORLD);
    // Another partner finds none of Trey's records.
    expect(JSON.stringify(await search(dan, 'wide world'))).not.toContain(WIDEWORLD);
    const tooLong = await ada.request({ method: 'GET', url: `/api/v1/customers?search=${'x'.repeat(201)}` });
    expect(tooLong.statusCode).toBe(400);
  });

  it('refuses a user without an incentive role (403) and an anonymous caller (401)', async () => {
    const refused = await cleo.request({ method: 'GET', url: '/api/v1/dashboard' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('NoIncentiveRole');
    const anonymous = await t().app.inject({ method: 'GET', url: '/api/v1/dashboard' });
    expect(anonymous.statusCode).toBe(401);
  });
});
