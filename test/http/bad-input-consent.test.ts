import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { partnerId } from '../../src/seed/demo-catalogue.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

// Quality §3.14 for the consent, public consent, notification and test-clock schemas: whatever the
// body, the answer is 4xx in the error shape (never 500), and a refused request writes nothing.

const contact = {
  customerContact: {
    name: 'Jan Kowalski',
    email: 'jan@contoso.com',
    phone: '+48 22 123 45 67',
    locale: 'pl',
  },
  partnerContact: { name: 'Ada Lovelace', email: 'ada@treyresearch.example' },
};
const mutateObject = (base: Record<string, unknown>): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc
      .constantFrom(...Object.keys(base))
      .map((k) => Object.fromEntries(Object.entries(base).filter(([key]) => key !== k))),
    fc.tuple(fc.constantFrom(...Object.keys(base)), fc.jsonValue()).map(([k, v]) => ({ ...base, [k]: v })),
    fc
      .tuple(
        fc.constantFrom('status', 'partnerId', 'consentedAt', 'tokenHash', '__proto__', fc.string()),
        fc.jsonValue(),
      )
      .map(([k, v]) => ({ ...base, [String(k)]: v })),
    fc
      .tuple(
        fc.constantFrom('name', 'email', 'phone', 'locale'),
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.constantFrom('customerContact', 'partnerContact'),
      )
      .map(([k, v, who]) => ({ ...base, [who]: { ...(base[who] as object), [k]: v } })),
  );

describeEachDatabase('bad input: consent', ({ handle }) => {
  const t = useTestApp(handle);
  let ada: Awaited<ReturnType<typeof signInAs>>;
  let claimed: string;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    claimed = (
      await handle()
        .db.selectFrom('nominations')
        .select('id')
        .where('partner_id', '=', partnerId('trey'))
        .where('status', '=', 'claimed')
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id;
  });

  const expectErrorShape = (response: { statusCode: number; body: string; json: () => any }) => {
    expect(response.statusCode, response.body).toBeLessThan(500);
    if (response.statusCode >= 400) {
      const error = response.json().error;
      expect(typeof error.code).toBe('string');
      expect(typeof error.message).toBe('string');
      expect(error.message).not.toMatch(/at .*\.ts:|select |insert |postgres/i);
    }
  };
  const sends = async () =>
    Number(
      (
        await handle()
          .db.selectFrom('mail_messages')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('POST consent-requests never answers 500, and a refused request queues no email', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutateObject(contact), fc.jsonValue()), async (body) => {
        const before = await sends();
        const response = await ada.request({
          method: 'POST',
          url: `/api/v1/nominations/${claimed}/consent-requests`,
          payload: body as object,
          headers: { 'idempotency-key': crypto.randomUUID() },
        });
        expectErrorShape(response);
        if (response.statusCode >= 400) expect(await sends()).toBe(before);
        else {
          // A valid mutation went through: put the record back for the next run.
          await handle().db.deleteFrom('consent_links').execute();
          await handle().db.deleteFrom('consent_requests').where('nomination_id', '=', claimed).execute();
          await handle()
            .db.updateTable('nominations')
            .set({ status: 'claimed' })
            .where('id', '=', claimed)
            .execute();
        }
      }),
      { numRuns: 80 },
    );
  });

  it('the public consent API, notifications and the test clock never answer 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 120 }),
        fc.oneof(fc.jsonValue(), fc.record({ decision: fc.string() })),
        async (token, body) => {
          const url = `/api/v1/public/consent/${encodeURIComponent(token)}`;
          expectErrorShape(await t().app.inject({ method: 'GET', url }));
          expectErrorShape(await t().app.inject({ method: 'POST', url, payload: body as object }));
        },
      ),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.string({ maxLength: 40 }), async (body, size) => {
        expectErrorShape(
          await ada.request({ method: 'POST', url: '/api/v1/notifications/read', payload: body as object }),
        );
        expectErrorShape(
          await ada.request({
            method: 'GET',
            url: `/api/v1/notifications?maxpagesize=${encodeURIComponent(size)}`,
          }),
        );
        expectErrorShape(
          await ada.request({ method: 'POST', url: '/api/v1/test-clock', payload: body as object }),
        );
      }),
      { numRuns: 60 },
    );
  });
});
