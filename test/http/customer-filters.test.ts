import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import type { CustomerTab } from '../../src/contracts/customers.ts';
import { STATUSES_OF_TAB } from '../../src/domain/lifecycle-sets.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId } from '../../src/seed/demo-catalogue.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

const SEC = engagementId('SEC-WS');
type Row = { name: string; status: string; tenantId: string; location: { id: string; name: string } | null };

// Issue 15: the Customers list and its export filtered by location and by status, keyset-paged
// through the filtered rows; another partner's location answers as an unknown one.
describeEachDatabase('Customers page filters', ({ handle }) => {
  const t = useTestApp(handle);
  let ada: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
  });

  /** Every row of a tab, following nextLink pages of `size`. */
  async function all(tab: CustomerTab, extra = '', size = 2) {
    const rows: Row[] = [];
    let url: string | undefined =
      `/api/v1/engagements/${SEC}/customers?tab=${tab}&maxpagesize=${size}${extra}`;
    for (let pages = 0; url; pages++) {
      expect(pages).toBeLessThan(100);
      const response = await ada.request({ method: 'GET', url });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json() as { value: Row[]; nextLink?: string };
      rows.push(...body.value);
      url = body.nextLink;
    }
    return rows;
  }
  const key = (r: Row) => `${r.tenantId}:${r.status}`;

  it('by location: only that location’s rows, paged through the filter without gaps or repeats', async () => {
    const everything = await all('eligible', '', 500);
    const seattle = locationId('trey-seattle');
    const expected = everything.filter((r) => r.location?.id === seattle);
    expect(expected.length).toBeGreaterThan(2); // more than one page of 2
    expect(everything.length).toBeGreaterThan(expected.length);
    for (const sort of ['name', '-daysLeft', 'status']) {
      const paged = await all('eligible', `&locationId=${seattle}&sort=${sort}`);
      expect(paged.every((r) => r.location?.id === seattle)).toBe(true);
      expect(new Set(paged.map(key)).size).toBe(paged.length);
      expect(paged.map(key).sort()).toEqual(expected.map(key).sort());
    }
  });

  it('by status: one or several statuses of the tab, paged through the filter', async () => {
    const everything = await all('eligible', '', 500);
    const present = [...new Set(everything.map((r) => r.status))];
    expect(present.length).toBeGreaterThan(2);
    const [first, second] = present as [string, string];
    const one = await all('eligible', `&status=${first}`);
    expect(one.map(key).sort()).toEqual(
      everything
        .filter((r) => r.status === first)
        .map(key)
        .sort(),
    );
    const two = await all('eligible', `&status=${first},${second}&sort=-name`);
    expect(two.map(key).sort()).toEqual(
      everything
        .filter((r) => r.status === first || r.status === second)
        .map(key)
        .sort(),
    );
    // Both filters at once.
    const both = await all('eligible', `&status=${first}&locationId=${locationId('trey-warsaw')}`);
    expect(both.every((r) => r.status === first && r.location?.id === locationId('trey-warsaw'))).toBe(true);
  });

  it('another partner’s location lists nothing, exactly as an unknown one', async () => {
    const other = await all('eligible', `&locationId=${locationId('proseware-chicago')}`);
    const unknown = await all('eligible', '&locationId=00000000-0000-4000-8000-000000000000');
    expect(other).toEqual([]);
    expect(unknown).toEqual([]);
    for (const tab of ['ineligible', 'complete'] as const)
      expect(await all(tab, `&locationId=${locationId('proseware-stockholm')}`)).toEqual([]);
    // The export too: the header row and nothing else.
    const exported = await ada.request({
      method: 'GET',
      url: `/api/v1/engagements/${SEC}/customers/export?tab=eligible&locationId=${locationId('proseware-chicago')}`,
    });
    expect(exported.statusCode).toBe(200);
    expect(parse(exported.body.replace(/^\uFEFF/, ''))).toHaveLength(1);
  });

  it('a status the tab cannot show, an unknown one or a malformed location is a localised 400', async () => {
    const notOnTab = STATUSES_OF_TAB.complete[0]!;
    for (const bad of [
      `?tab=eligible&status=${notOnTab}`,
      '?tab=complete&status=candidate',
      '?status=nope',
      '?status=Active!',
      '?status=',
      '?locationId=seattle',
    ]) {
      for (const path of ['', '/export']) {
        const response = await ada.request({
          method: 'GET',
          url: `/api/v1/engagements/${SEC}/customers${path}${bad}`,
        });
        expect(response.statusCode, `${path}${bad}: ${response.body}`).toBe(400);
        expect(response.json().error.code).toBe('ValidationFailed');
      }
    }
    const pl = await ada.request({
      method: 'GET',
      url: `/api/v1/engagements/${SEC}/customers?tab=eligible&status=${notOnTab}`,
      headers: { 'accept-language': 'pl' },
    });
    const detail = pl.json().error.details[0];
    expect(detail).toMatchObject({ code: 'UnknownTabStatus', target: 'status' });
    expect(detail.message).toContain('oddzielonych przecinkami');
    expect(detail.message).toContain(STATUSES_OF_TAB.eligible.join(', '));
  });

  it('the export honours the same filters', async () => {
    const warsaw = locationId('trey-warsaw');
    const listed = await all('eligible', `&locationId=${warsaw}`);
    expect(listed.length).toBeGreaterThan(0);
    const response = await ada.request({
      method: 'GET',
      url: `/api/v1/engagements/${SEC}/customers/export?tab=eligible&locationId=${warsaw}`,
    });
    expect(response.statusCode).toBe(200);
    const [header, ...cells] = parse(response.body.replace(/^\uFEFF/, '')) as string[][];
    expect(header![0]).toBe('Customer');
    expect(cells.map((c) => c[1]).sort()).toEqual(listed.map((r) => r.tenantId).sort());
    expect(new Set(cells.map((c) => c[5]))).toEqual(new Set([listed[0]!.location!.name]));

    const status = listed[0]!.status;
    const byStatus = await ada.request({
      method: 'GET',
      url: `/api/v1/engagements/${SEC}/customers/export?tab=eligible&status=${status}`,
    });
    const [, ...statusCells] = parse(byStatus.body.replace(/^\uFEFF/, '')) as string[][];
    expect(statusCells.length).toBe((await all('eligible', `&status=${status}`)).length);
  });

  it('the tab counts do not follow the filters (they take none)', async () => {
    const counts = await ada.request({
      method: 'GET',
      url: `/api/v1/engagements/${SEC}/customers/counts?locationId=${locationId('trey-seattle')}`,
    });
    expect(counts.statusCode).toBe(400);
  });
});
