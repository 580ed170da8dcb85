import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId, tenantId } from '../../src/seed/demo-catalogue.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

// Quality §3.14: whatever the body, the server answers in the error shape and never with a 500, and a
// refused request writes nothing.
const valid = {
  lookup: {
    engagementId: engagementId('SEC-WS'),
    locationId: locationId('trey-seattle'),
    email: 'a@contoso.com',
  },
  add: {
    origin: 'add',
    locationId: locationId('trey-seattle'),
    engagementIds: [engagementId('SEC-WS')],
    email: 'a@contoso.com',
  },
  claim: {
    origin: 'claim',
    locationId: locationId('trey-seattle'),
    engagementIds: [engagementId('SEC-WS')],
    customerId: tenantId('northwind'),
  },
};

// Mutations of a valid body: a field removed, replaced by an arbitrary value, or a field added
// (including server-owned ones such as status or partnerId: mass assignment).
const mutated = (base: Record<string, unknown>) =>
  fc.oneof(
    fc
      .constantFrom(...Object.keys(base))
      .map((k) => Object.fromEntries(Object.entries(base).filter(([key]) => key !== k))),
    fc.tuple(fc.constantFrom(...Object.keys(base)), fc.jsonValue()).map(([k, v]) => ({ ...base, [k]: v })),
    fc
      .tuple(
        fc.constantFrom('status', 'partnerId', 'consentedAt', 'id', '__proto__', 'constructor', fc.string()),
        fc.jsonValue(),
      )
      .map(([k, v]) => ({ ...base, [String(k)]: v })),
    fc
      .tuple(
        fc.constantFrom('email', 'tenantId', 'tpid', 'mismatchReason', 'customerId'),
        fc.string({ unit: 'binary', maxLength: 600 }),
      )
      .map(([k, v]) => ({ ...base, [k]: v })),
  );

describeEachDatabase('bad input', ({ handle }) => {
  const t = useTestApp(handle);
  let ada: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
  });

  async function check(url: string, body: unknown, raw = false) {
    const response = await ada.request({
      method: 'POST',
      url,
      ...(raw
        ? { payload: body as string, headers: { 'content-type': 'application/json' } }
        : { payload: body as object }),
    });
    expect(response.statusCode, response.body).toBeLessThan(500);
    if (response.statusCode >= 400) {
      const error = response.json().error;
      expect(typeof error.code).toBe('string');
      expect(typeof error.message).toBe('string');
      expect(error.message).not.toMatch(/at .*\.ts:|select |insert |postgres/i);
    }
    return response.statusCode;
  }

  it('POST /customer-lookups never answers 500 (mutated and arbitrary bodies)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated(valid.lookup), fc.jsonValue()), async (body) => {
        await check('/api/v1/customer-lookups', body);
      }),
      { numRuns: 120 },
    );
  });

  it('POST /nominations never answers 500, and refused requests write nothing', async () => {
    const count = async () =>
      Number(
        (
          await handle()
            .db.selectFrom('nominations')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutated(valid.add), mutated(valid.claim), fc.jsonValue()), async (body) => {
        const before = await count();
        const status = await check('/api/v1/nominations', body);
        if (status >= 400) expect(await count()).toBe(before);
      }),
      { numRuns: 120 },
    );
  });

  it('malformed JSON and oversized bodies are refused before they are read whole', async () => {
    expect(await check('/api/v1/nominations', '{"origin": "add", ', true)).toBe(400);
    expect(await check('/api/v1/nominations', `{"email": "${'x'.repeat(2 * 1024 * 1024)}"}`, true)).toBe(413);
  });
});
