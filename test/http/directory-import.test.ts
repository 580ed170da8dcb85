import { beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, tenantId } from '../../src/seed/demo-catalogue.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

const NEW_TENANT = '6d1c3f2a-1111-4aaa-8bbb-0123456789ab';

// The operator's CSV import of the customer directory (spec §7), with a report per row.
describeEachDatabase('customer directory import', ({ handle }) => {
  const t = useTestApp(handle);
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
  });
  const post = async (email: string, csv: string) => {
    const client = await signInAs(t().app, email, 'demo');
    return client.request({
      method: 'POST',
      url: '/api/v1/operator/directory/imports',
      payload: csv,
      headers: { 'content-type': 'text/csv' },
    });
  };

  it('creates and updates tenants, reports bad rows per line, and writes only the good ones', async () => {
    const csv = [
      'tenantId,name,tpid,tpidName,country,segment,seats,products,domains',
      `${NEW_TENANT},"Proseware Imports, Inc.",998877,Proseware Imports,US,enterprise,2500,Microsoft 365;Azure,prosewareimports.example;pwi.example`,
      `${tenantId('fourthcoffee')},Fourth Coffee,,,US,smb,300,,fourthcoffee.com`,
      'not-a-guid,Broken,,,USA,smb,many,,bad domain',
      `${NEW_TENANT.replace('ab', 'ac')},Thief,,,US,smb,10,,contoso.com`,
    ].join('\r\n');
    const response = await post('olga@program.example', csv);
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report).toMatchObject({ created: 1, updated: 1, failed: 2 });
    expect(report.rows[2]).toMatchObject({ line: 4, outcome: 'failed' });
    expect(report.rows[2].errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'country',
      'domains',
      'seats',
      'tenantId',
    ]);
    expect(report.rows[3].errors).toEqual([
      expect.objectContaining({ field: 'domains', code: 'domainTaken' }),
    ]);
    const tenant = await handle()
      .db.selectFrom('tenants')
      .selectAll()
      .where('id', '=', NEW_TENANT)
      .executeTakeFirstOrThrow();
    expect(tenant).toMatchObject({
      name: 'Proseware Imports, Inc.',
      tpid: 998877,
      seats: 2500,
      products: ['Microsoft 365', 'Azure'],
    });
    const domains = await handle()
      .db.selectFrom('tenant_domains')
      .select('domain')
      .where('tenant_id', '=', NEW_TENANT)
      .orderBy('domain')
      .execute();
    expect(domains.map((d) => d.domain)).toEqual(['prosewareimports.example', 'pwi.example']);
    expect(
      await handle()
        .db.selectFrom('tenant_domains')
        .select('tenant_id')
        .where('domain', '=', 'contoso.com')
        .executeTakeFirstOrThrow(),
    ).toEqual({ tenant_id: tenantId('contoso') });
  });

  it('attribute changes reach the Customers page: Fourth Coffee now meets the seat criterion', async () => {
    const ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    const eligible = await ada.request({
      method: 'GET',
      url: `/api/v1/engagements/${engagementId('SEC-WS')}/customers?tab=eligible&search=fourth`,
    });
    expect(eligible.json().value).toEqual([
      expect.objectContaining({ name: 'Fourth Coffee', status: 'candidate' }),
    ]);
  });

  it('only operators may import', async () => {
    const response = await post('ada@treyresearch.example', 'tenantId,name,domains\r\n');
    expect(response.statusCode).toBe(403);
  });
});
