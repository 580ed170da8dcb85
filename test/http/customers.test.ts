import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { countQuery, listQuery } from '../../src/adapters/db/repositories/customer-rows.ts';
import { bindRepositories } from '../../src/adapters/db/repositories/index.ts';
import { loadPrincipal } from '../../src/app/auth/session-user.ts';
import { refreshCustomerRows } from '../../src/app/customers/read-model.ts';
import type { CustomerSort, CustomerTab } from '../../src/contracts/customers.ts';
import { statusMessageId } from '../../src/contracts/status-words.ts';
import { locationsWhere } from '../../src/domain/policy.ts';
import webEn from '../../src/i18n/web/en.json' with { type: 'json' };
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId, partnerId, tenantId, userId } from '../../src/seed/demo-catalogue.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

const SEC = engagementId('SEC-WS');
type Row = {
  name: string;
  status: string;
  tenantId: string;
  location: { id: string } | null;
  actions: string[];
  ineligibleReason: { code: string; message: string; failedCriteria?: unknown[] } | null;
  type: string | null;
  daysLeft: number | null;
};

// The read side of the Customers page (issue 3) on the demo data of spec §8.
describeEachDatabase('Customers page API', ({ handle }) => {
  const t = useTestApp(handle);
  let ada: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
  });

  async function all(client: typeof ada, tab: CustomerTab, extra = '') {
    const rows: Row[] = [];
    let url: string | undefined = `/api/v1/engagements/${SEC}/customers?tab=${tab}&maxpagesize=3${extra}`;
    let pages = 0;
    while (url) {
      const response = await client.request({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      const body = response.json() as { value: Row[]; nextLink?: string };
      rows.push(...body.value);
      url = body.nextLink;
      pages++;
      expect(pages).toBeLessThan(50);
    }
    return rows;
  }

  it('lists engagements with eligibility summaries and a Customers page only for workshops', async () => {
    const response = await ada.request({ method: 'GET', url: '/api/v1/engagements' });
    expect(response.statusCode).toBe(200);
    const value = response.json().value as {
      code: string;
      kind: string;
      hasCustomersPage: boolean;
      eligibility: { earningLocations: number; enrolledLocations: number };
    }[];
    const sec = value.find((e) => e.code === 'SEC-WS')!;
    expect(sec.hasCustomersPage).toBe(true);
    // Seattle and Warsaw earn; São Paulo lacks the security designation; Utrecht is not enrolled.
    expect(sec.eligibility).toEqual({ earningLocations: 2, enrolledLocations: 3 });
    const deployment = value.find((e) => e.kind === 'deployment')!;
    expect(deployment.hasCustomersPage).toBe(false);
    // Earning does not depend on having a Customers page: enrolled locations meeting the criteria earn.
    expect(deployment.eligibility.earningLocations).toBeGreaterThan(0);
    const workshops = await ada.request({
      method: 'GET',
      url: '/api/v1/engagements?kind=workshop&availability=active',
    });
    expect(
      workshops
        .json()
        .value.every(
          (e: { kind: string; availability: string }) => e.kind === 'workshop' && e.availability === 'active',
        ),
    ).toBe(true);
  });

  it('shows an engagement with criteria, windows, rates and the unmet criteria of each location, localised', async () => {
    const response = await ada.request({
      method: 'GET',
      url: `/api/v1/engagements/${SEC}`,
      headers: { 'accept-language': 'pl' },
    });
    expect(response.statusCode).toBe(200);
    const e = response.json();
    expect(e.windows).toEqual({ consentDays: 30, claimDays: 90, reviewDays: 120, disputeDays: 30 });
    expect(e.rates.map((r: { market: string }) => r.market)).toEqual(['A', 'B', 'C']);
    expect(e.customerCriteria.length).toBeGreaterThan(0);
    const utrecht = e.locations.find(
      (l: { locationId: string }) => l.locationId === locationId('trey-utrecht'),
    );
    expect(utrecht).toMatchObject({ enrolled: false, eligible: false });
    expect(utrecht.reasons[0].code).toBe('notEnrolled');
    const en = await ada.request({ method: 'GET', url: `/api/v1/engagements/${SEC}` });
    expect(utrecht.reasons[0].message).not.toBe(
      en.json().locations.find((l: { locationId: string }) => l.locationId === locationId('trey-utrecht'))
        .reasons[0].message,
    );
  });

  it('Eligible tab: records with Type, days left and actions, and pre-populated claim candidates (R4, R5, R6, R18)', async () => {
    const rows = await all(ada, 'eligible');
    const byName = new Map(rows.map((r) => [r.name, r]));
    expect(byName.get('Tailspin Toys')).toMatchObject({
      status: 'claimed',
      type: 'notStarted',
      actions: ['triggerConsent'],
      daysLeft: 28,
    });
    expect(byName.get('Adventure Works')).toMatchObject({ status: 'active', type: 'active' });
    expect(byName.get('Northwind Traders')).toMatchObject({
      status: 'candidate',
      actions: ['claimCustomer'],
      location: null,
    });
    // R30: an added customer who declined is gone; a claimed one whose consent expired is a candidate again.
    expect(byName.has('Coho Winery')).toBe(false);
    expect(byName.get('Litware, Inc.')?.status).toBe('candidate');
    // contoso and fabrikam are known to nobody: not pre-populated.
    expect(rows.some((r) => r.tenantId === tenantId('contoso'))).toBe(false);
  });

  it('Ineligible tab: exactly one reason each, all three present, the other partner never named (R7)', async () => {
    const rows = await all(ada, 'ineligible');
    const reasons = new Map(rows.map((r) => [r.name, r.ineligibleReason!.code]));
    expect(reasons.get('Relecloud')).toBe('consentedToOtherPartner');
    expect(reasons.get('City Power & Light')).toBe('completedWithOtherPartner');
    expect(reasons.get('Fourth Coffee')).toBe('criteriaNotMet');
    expect(
      rows.find((r) => r.name === 'Fourth Coffee')!.ineligibleReason!.failedCriteria!.length,
    ).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/proseware/i);
    expect(rows.every((r) => r.actions.length === 0)).toBe(true);
  });

  it('Complete tab: the outcomes, each with View workshop claim (R8)', async () => {
    const rows = await all(ada, 'complete');
    expect(rows.map((r) => r.status).sort()).toEqual([
      'approved',
      'cancelled',
      'dispute_expired',
      'not_submitted_expired',
      'post_submission_expired',
      'rejected_final',
    ]);
    expect(rows.every((r) => r.actions.includes('viewWorkshopClaim'))).toBe(true);
  });

  it('counts per tab match the lists, with and without search', async () => {
    const counts = (
      await ada.request({ method: 'GET', url: `/api/v1/engagements/${SEC}/customers/counts` })
    ).json();
    expect(counts).toEqual({
      eligible: (await all(ada, 'eligible')).length,
      ineligible: (await all(ada, 'ineligible')).length,
      complete: (await all(ada, 'complete')).length,
    });
    const searched = (
      await ada.request({ method: 'GET', url: `/api/v1/engagements/${SEC}/customers/counts?search=wood` })
    ).json();
    expect(searched.eligible).toBe(1);
  });

  it('searches by name, domain, tenant ID and TPID', async () => {
    expect((await all(ada, 'eligible', '&search=tailspin')).map((r) => r.name)).toEqual(['Tailspin Toys']);
    expect((await all(ada, 'eligible', '&search=tailspintoys.com')).map((r) => r.name)).toEqual([
      'Tailspin Toys',
    ]);
    expect((await all(ada, 'eligible', `&search=${tenantId('tailspin')}`)).map((r) => r.name)).toEqual([
      'Tailspin Toys',
    ]);
    const tpid = (
      await handle()
        .db.selectFrom('tenants')
        .select('tpid')
        .where('id', '=', tenantId('tailspin'))
        .executeTakeFirstOrThrow()
    ).tpid;
    expect((await all(ada, 'eligible', `&search=${tpid}`)).map((r) => r.name)).toContain('Tailspin Toys');
    expect(await all(ada, 'eligible', '&search=%25')).toEqual([]);
  });

  it('keyset pages follow every sort without gaps or duplicates; the last page has no nextLink', async () => {
    const reference = await all(ada, 'eligible', '&sort=name');
    for (const sort of ['name', '-name', 'daysLeft', '-daysLeft', 'status', '-status'] as CustomerSort[]) {
      const rows = await all(ada, 'eligible', `&sort=${sort}`);
      expect(rows.map((r) => r.tenantId).sort()).toEqual(reference.map((r) => r.tenantId).sort());
      expect(new Set(rows.map((r) => r.tenantId)).size).toBe(rows.length);
    }
    const byName = reference.map((r) => r.name.toLowerCase());
    expect(byName).toEqual([...byName].sort());
    const byDays = (await all(ada, 'eligible', '&sort=daysLeft')).map(
      (r) => r.daysLeft ?? Number.POSITIVE_INFINITY,
    );
    expect(byDays).toEqual([...byDays].sort((a, b) => a - b));
  });

  it('a tampered or foreign cursor is a field error, not a 500', async () => {
    for (const cursor of [
      'garbage',
      Buffer.from('["-name",["x","y"]]').toString('base64url'),
      Buffer.from('["name",[{"a":1},"y"]]').toString('base64url'),
    ]) {
      const response = await ada.request({
        method: 'GET',
        url: `/api/v1/engagements/${SEC}/customers?sort=name&cursor=${cursor}`,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'ValidationFailed', target: 'cursor' });
    }
    const badTab = await ada.request({
      method: 'GET',
      url: `/api/v1/engagements/${SEC}/customers?tab=archived`,
    });
    expect(badTab.statusCode).toBe(400);
  });

  it('non-workshop engagements have no Customers page (R2); unknown ids are 404', async () => {
    for (const suffix of ['', '/counts', '/export']) {
      const response = await ada.request({
        method: 'GET',
        url: `/api/v1/engagements/${engagementId('INF-DEPLOY')}/customers${suffix}`,
      });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NotAvailableForEngagement');
    }
    const unknown = await ada.request({
      method: 'GET',
      url: '/api/v1/engagements/00000000-0000-4000-8000-000000000000/customers',
    });
    expect(unknown.json().error.code).toBe('NotFound');
  });

  it('exports what the filter shows as RFC 4180 CSV, formula-safe', async () => {
    // A customer whose name a spreadsheet would run as a formula.
    await handle()
      .db.updateTable('tenants')
      .set({ name: '=HYPERLINK("http://x","Tailspin, "Toys"")' })
      .where('id', '=', tenantId('tailspin'))
      .execute();
    await t().ctx.store.transaction((tx) =>
      refreshCustomerRows(
        tx,
        { partnerId: partnerId('trey') },
        { tenantIds: [tenantId('tailspin')] },
        t().clock.now(),
      ),
    );
    const response = await ada.request({
      method: 'GET',
      url: `/api/v1/engagements/${SEC}/customers/export?tab=eligible&search=hyperlink`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    // The file names the workshop (issue 15).
    expect(response.headers['content-disposition']).toMatch(
      /attachment; filename="customers-SEC-WS-eligible-/,
    );
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Customer,Tenant ID,TPID,Domain,MPN location ID,Location,Type,Status,Days left,Deadline (UTC),Reason',
    );
    expect(lines[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x"",""Tailspin, ""Toys""""\)",/);
    expect(lines).toHaveLength(3); // header, one row, and the empty string after the final CRLF
    expect(lines[2]).toBe('');
    // Type and status in the words the Customers page shows for this row (issue 15).
    const listed = await ada.request({
      method: 'GET',
      url: `/api/v1/engagements/${SEC}/customers?tab=eligible&search=hyperlink`,
    });
    const [row] = listed.json().value as { status: string; type: 'active' | 'notStarted' | null }[];
    const [cells] = parse(lines[1]!) as string[][];
    const words = webEn as Record<string, string>;
    const statusId = statusMessageId(row!.status);
    expect(statusId).toBeDefined();
    expect(cells![7]).toBe(words[statusId!]);
    expect(cells![6]).toBe(row!.type ? words[`customers.type.${row!.type}`] : '');
  });

  it('tenant isolation: partner B never sees partner A’s rows, in lists, counts, search or export', async () => {
    const dan = await signInAs(t().app, 'dan@proseware.example', 'demo');
    const rows = [
      ...(await all(dan, 'eligible')),
      ...(await all(dan, 'ineligible')),
      ...(await all(dan, 'complete')),
    ];
    const trey = await handle()
      .db.selectFrom('nominations')
      .select('id')
      .where('partner_id', '=', partnerId('trey'))
      .execute();
    const treyIds = new Set(trey.map((n) => n.id));
    expect(rows.some((r) => treyIds.has((r as unknown as { nominationId: string }).nominationId))).toBe(
      false,
    );
    expect(rows.find((r) => r.name === 'Relecloud')).toMatchObject({ status: 'active' });
    expect(await all(dan, 'eligible', '&search=tailspin')).toEqual([]);
    const exported = await dan.request({
      method: 'GET',
      url: `/api/v1/engagements/${SEC}/customers/export?tab=eligible`,
    });
    expect(exported.body).not.toMatch(/Tailspin|HYPERLINK/);
  });

  it('roles: a user sees only rows of locations where they hold a role; no role, no page (R1, R33)', async () => {
    const ben = await signInAs(t().app, 'ben@treyresearch.example', 'demo');
    const rows = await all(ben, 'eligible');
    expect(rows.every((r) => r.location === null || r.location.id === locationId('trey-warsaw'))).toBe(true);
    expect(rows.some((r) => r.name === 'Woodgrove Bank UK')).toBe(true);
    expect(rows.some((r) => r.name === 'Tailspin Toys')).toBe(false);
    const cleo = await signInAs(t().app, 'cleo@treyresearch.example', 'demo');
    for (const url of [
      `/api/v1/engagements/${SEC}/customers`,
      `/api/v1/engagements/${SEC}/customers/counts`,
      '/api/v1/engagements',
    ]) {
      const response = await cleo.request({ method: 'GET', url });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('NoIncentiveRole');
    }
    const olga = await signInAs(t().app, 'olga@program.example', 'demo');
    expect(
      (await olga.request({ method: 'GET', url: `/api/v1/engagements/${SEC}/customers` })).statusCode,
    ).toBe(403);
    expect(
      (await t().app.inject({ method: 'GET', url: `/api/v1/engagements/${SEC}/customers` })).statusCode,
    ).toBe(401);
  });
});

// Quality §2: every list query has an index that serves it (checked with sequential scans disabled,
// so a missing index shows up as a Seq Scan whatever the table size).
describeEachDatabase('Customers list query plans', ({ handle }) => {
  it('every tab × sort × search variant, and the counts, use an index on customer_rows', async () => {
    const { db } = handle();
    await seedDemo(db, new Date());
    const principal = (await loadPrincipal(bindRepositories(db), userId('ada')))!;
    const now = new Date();
    const plans: string[] = [];
    const actor = principal.actor;
    if (actor.kind !== 'partnerUser') throw new Error('Ada is a partner user');
    const scope = { partnerId: actor.partnerId };
    const locations = locationsWhere(actor, 'customers.view');
    await db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const explain = async (compiled: { sql: string; parameters: readonly unknown[] }) => {
        const result = await trx.executeQuery({
          sql: `explain ${compiled.sql}`,
          parameters: compiled.parameters,
          query: undefined as never,
          queryId: undefined as never,
        });
        return (result.rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
      };
      for (const tab of ['eligible', 'ineligible', 'complete'] as const) {
        for (const sort of ['name', '-name', 'daysLeft', '-daysLeft', 'status', '-status'] as const) {
          for (const search of [undefined, 'wood']) {
            plans.push(
              await explain(
                listQuery(trx, scope, {
                  engagementId: SEC,
                  tab,
                  sort,
                  search,
                  limit: 50,
                  locations,
                  now,
                }).compile(),
              ),
            );
          }
        }
      }
      plans.push(await explain(countQuery(trx, scope, { engagementId: SEC, locations, now }).compile()));
    });
    for (const plan of plans) {
      expect(plan).not.toMatch(/Seq Scan on (customer_rows|nominations)/);
      expect(plan).toMatch(/Index (Only )?Scan .*customer_rows|Bitmap Index Scan on customer_rows/);
    }
  });
});
