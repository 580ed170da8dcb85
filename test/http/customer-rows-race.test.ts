import { beforeAll, expect, it } from 'vitest';
import { refreshCustomerRows } from '../../src/app/customers/read-model.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId, partnerId } from '../../src/seed/demo-catalogue.ts';
import { freshCustomer } from '../support/customers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

// Issue 13's soak on PostgreSQL: a claim of a customer on one workshop and a consent request for the
// same customer on another, at the same moment, both refresh that customer's rows on the Customers
// page. The claim answered 500 (its insert met the rows the consent request had just written), and a
// change whose facts were read before the other committed could leave rows derived from stale facts.
// Each customer's rows are now derived by one transaction at a time (lockCustomers).
describeEachDatabase('one customer changed twice at once', ({ handle }) => {
  const t = useTestApp(handle);
  const trey = { partnerId: partnerId('trey') };
  let ada: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
  });

  it('a claim and a consent request on one customer both succeed, and its rows are as a fresh derivation says', async () => {
    const customers = await Promise.all(
      Array.from({ length: 12 }, (_v, i) => freshCustomer(handle().db, { prefix: `race${i}-` })),
    );
    const added: { nominationId: string; tenantId: string; domain: string }[] = [];
    for (const customer of customers) {
      const response = await ada.request({
        method: 'POST',
        url: '/api/v1/nominations',
        payload: {
          origin: 'add',
          locationId: locationId('trey-seattle'),
          engagementIds: [engagementId('SEC-WS')],
          email: customer.email,
        },
      });
      expect(response.statusCode, response.body).toBe(201);
      const [record] = (response.json() as { value: { id: string }[] }).value;
      added.push({ nominationId: record!.id, tenantId: customer.id, domain: customer.domain });
    }

    const answers = await Promise.all(
      added.flatMap(({ nominationId, tenantId, domain }) => [
        ada.request({
          method: 'POST',
          url: `/api/v1/nominations/${nominationId}/consent-requests`,
          payload: {
            customerContact: { name: 'Race Test', email: `cto@${domain}`, locale: 'en' },
            partnerContact: { name: 'Ada', email: 'ada@treyresearch.example' },
          },
        }),
        ada.request({
          method: 'POST',
          url: '/api/v1/nominations',
          payload: {
            origin: 'claim',
            locationId: locationId('trey-seattle'),
            engagementIds: [engagementId('MW-COP')],
            customerId: tenantId,
          },
        }),
      ]),
    );
    expect(
      answers.map((a) => a.statusCode),
      answers.map((a) => a.body).join('\n'),
    ).toEqual(added.flatMap(() => [202, 201]));

    const tenantIds = added.map((a) => a.tenantId);
    const rows = () =>
      handle()
        .db.selectFrom('customer_rows')
        .select(['engagement_id', 'tenant_id', 'nomination_id', 'status', 'tab', 'countdown', 'due_at'])
        .where('partner_id', '=', trey.partnerId)
        .where('tenant_id', 'in', tenantIds)
        .orderBy('engagement_id')
        .orderBy('tenant_id')
        .execute();
    const written = await rows();
    await t().ctx.store.transaction((tx) => refreshCustomerRows(tx, trey, { tenantIds }, t().clock.now()));
    expect(written).toEqual(await rows());
    // Each customer shows the consent request on one workshop and the claim on the other.
    for (const tenantId of tenantIds) {
      const own = written.filter((r) => r.tenant_id === tenantId && r.nomination_id !== null);
      expect(own.map((r) => [r.engagement_id, r.status]).sort()).toEqual(
        [
          [engagementId('MW-COP'), 'claimed'],
          [engagementId('SEC-WS'), 'consent_pending'],
        ].sort(),
      );
    }
  });
});
