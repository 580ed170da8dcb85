import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import type { NominationStatus } from '../../src/domain/status.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId, partnerId, userId } from '../../src/seed/demo-catalogue.ts';
import { demoNominationId } from '../../src/seed/demo-scenarios.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { fingerprint } from '../support/fingerprint.ts';
import { signInAs, useTestApp } from '../support/http.ts';
import { classOf, routeKey, UNSAFE_METHODS } from '../support/route-classes.ts';

// Quality §3.14 over the whole route table (issue 10, finding 6: a NUL byte in a search, a reason, a
// comment or a name, or a tampered cursor, answered 500). For every route with a query or a body
// schema, fast-check builds requests whose every string is arbitrary (NUL, lone surrogates, bidi
// controls, line separators, SQL and CSV specials, long text) in the shape the schema describes:
// the answer is never a 5xx, and a refused state change writes nothing (fingerprint of every table).

const SPECIALS = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00',
  '\uDBFF\uDBFF',
  'Eve\u202Egnp.exe',
  '\u2066bidi\u2069',
  'line\r\nBcc: x@y.example',
  '\u2028\u2029',
  "'; drop table nominations; --",
  '=HYPERLINK("http://x")',
  '%00',
  '../../etc/passwd',
  'a'.repeat(5000),
  '',
  ' ',
];

const nasty = fc.oneof(
  fc.constantFrom(...SPECIALS),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...SPECIALS), fc.string({ maxLength: 10 }))
    .map((parts) => parts.join('')),
);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
};

/** Values in the shape of `schema`, every string among them arbitrary (or, now and then, well formed). */
function shaped(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => shaped(s, depth + 1)));
  if (schema.allOf?.length) return shaped(schema.allOf[0]!, depth + 1);
  if (schema.const !== undefined) return fc.oneof(fc.constant(schema.const), nasty);
  if (schema.enum?.length) return fc.oneof(fc.constantFrom(...schema.enum), nasty);
  const type = [schema.type].flat()[0];
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return fc.oneof(fc.uuid(), nasty);
      if (schema.format === 'email')
        return fc.oneof(
          fc.emailAddress(),
          nasty.map((s) => `${s}@contoso.com`),
          nasty,
        );
      if (schema.format === 'date-time')
        return fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          nasty,
        );
      return nasty;
    case 'integer':
    case 'number':
      return fc.oneof(
        fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 }),
        nasty,
      );
    case 'boolean':
      return fc.oneof(fc.boolean(), nasty);
    case 'array':
      return depth > 4 ? fc.constant([]) : fc.array(shaped(schema.items ?? {}, depth + 1), { maxLength: 3 });
    case 'object': {
      const properties = schema.properties ?? {};
      const keys = Object.keys(properties);
      if (keys.length === 0 || depth > 4) return fc.constant({});
      const record = Object.fromEntries(keys.map((k) => [k, shaped(properties[k]!, depth + 1)]));
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => keys.includes(k)) });
    }
    default:
      return nasty;
  }
}

const jsonSchema = (schema: unknown): JsonSchema | null =>
  schema instanceof z.ZodType
    ? (z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema)
    : null;

/** Percent-encoding of any JS string (a lone surrogate is sent as the replacement character). */
const encode = (value: unknown) =>
  [...Buffer.from(String(value), 'utf8')]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('');

const PATH_IDS: Record<string, string> = {
  nominationId: demoNominationId('trey', 'SEC-WS', 'alpine'),
  engagementId: engagementId('SEC-WS'),
  userId: userId('ben'),
  locationId: locationId('trey-seattle'),
  kind: 'findingsReport',
  token: 'A'.repeat(43),
};

describeEachDatabase('bad input over the route table', ({ handle }) => {
  const t = useTestApp(handle);
  let clients: Record<'partner' | 'operator', Awaited<ReturnType<typeof signInAs>>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    clients = {
      partner: await signInAs(t().app, 'ada@treyresearch.example', 'demo'),
      operator: await signInAs(t().app, 'olga@program.example', 'demo'),
    };
  });

  const targets = () =>
    t()
      .app.routeTable.filter((r) => r.schema && (r.schema.querystring || r.schema.body))
      // Signing out ends the session the other requests use; it takes no input anyway.
      .filter((r) => routeKey(r) !== 'DELETE /api/v1/session');

  it('finds the routes that take input', () => {
    expect(targets().length).toBeGreaterThanOrEqual(25);
    for (const route of targets()) expect(classOf(route), routeKey(route)).toBeDefined();
  });

  it('answers arbitrary strings in every query parameter and body field with a 4xx or success, never a 5xx; a refused change writes nothing', async () => {
    for (const route of targets()) {
      const access = classOf(route)!.access;
      const client = access === 'operator' ? clients.operator : access === 'public' ? null : clients.partner;
      const query = jsonSchema(route.schema?.querystring);
      const body = jsonSchema(route.schema?.body);
      const isCsv = route.path.endsWith('/directory/imports');
      const url = route.path.replace(/:(\w+)/g, (_m, name: string) => PATH_IDS[name] ?? name);
      await fc.assert(
        fc.asyncProperty(
          query ? shaped(query) : fc.constant(undefined),
          body ? shaped(body) : fc.constant(undefined),
          async (q, b) => {
            const search =
              q && typeof q === 'object'
                ? Object.entries(q as Record<string, unknown>)
                    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
                    .join('&')
                : '';
            const options: InjectOptions = {
              method: route.method as 'POST',
              url: search ? `${url}?${search}` : url,
              ...(b === undefined
                ? {}
                : isCsv
                  ? {
                      payload: `tenantId,name,domains\r\n${String(b)}`,
                      headers: { 'content-type': 'text/csv' },
                    }
                  : { payload: JSON.stringify(b), headers: { 'content-type': 'application/json' } }),
            };
            const writes = UNSAFE_METHODS.has(route.method);
            const before = writes ? await fingerprint(handle().db) : null;
            const response = client ? await client.request(options) : await t().app.inject(options);
            const label = `${routeKey(route)} ${String(options.url).slice(0, 200)} ${String(options.payload ?? '').slice(0, 300)}`;
            expect(response.statusCode, `${label} → ${response.body.slice(0, 300)}`).toBeLessThan(500);
            if (response.statusCode >= 400) {
              expect(response.json().error?.code, label).toBeTypeOf('string');
              if (before) expect(await fingerprint(handle().db), label).toEqual(before);
            }
          },
        ),
        { numRuns: 8 },
      );
    }
    // Hundreds of requests, each with a fingerprint of every table: minutes on a loaded machine.
  }, 600_000);

  it("issue 10's finding 6, each reproduced: NUL in searches, addresses, reasons, comments, names and CSV; tampered cursors; bidi controls in names", async () => {
    const db = handle().db;
    const ada = clients.partner;
    const olga = clients.operator;
    const sec = engagementId('SEC-WS');
    const refused = async (options: InjectOptions, client = ada) => {
      const before = await fingerprint(db);
      const response = await client.request(options);
      const label = `${options.method} ${String(options.url)}`;
      expect(response.statusCode, `${label}: ${response.body}`).toBe(400);
      expect(response.json().error.code, label).toBe('ValidationFailed');
      expect(await fingerprint(db), label).toEqual(before);
      return response.json().error;
    };
    for (const path of ['', '/counts', '/export'])
      await refused({
        method: 'GET',
        url: `/api/v1/engagements/${sec}/customers${path}?tab=eligible&search=a%00b`,
      });
    await refused({ method: 'GET', url: '/api/v1/dev/mailbox?to=%00' });
    await refused({
      method: 'POST',
      url: '/api/v1/nominations',
      payload: {
        origin: 'add',
        locationId: locationId('trey-seattle'),
        engagementIds: [sec],
        email: 'someone@fabrikam.com',
        tenantId: '00000000-0000-4000-8000-000000000000',
        mismatchReason: 'Because we met them \u0000 at a fair',
      },
    });
    const byStatus = (status: NominationStatus) =>
      db
        .selectFrom('nominations')
        .select('id')
        .where('status', '=', status)
        .orderBy('id')
        .executeTakeFirstOrThrow();
    const rejected = await byStatus('rejected');
    await refused({
      method: 'POST',
      url: `/api/v1/nominations/${rejected.id}/claim/dispute`,
      payload: { justification: 'We delivered all of it, see \u0000 the report attached.' },
    });
    const submitted = await byStatus('claim_submitted');
    await refused(
      {
        method: 'POST',
        url: `/api/v1/operator/claims/${submitted.id}/decisions`,
        payload: { decision: 'requestInfo', comment: 'Please add \u0000 the invoice.' },
      },
      olga,
    );
    await refused(
      {
        method: 'PATCH',
        url: `/api/v1/operator/engagements/${sec}`,
        payload: { description: 'Now \u0000 with NUL' },
        headers: { 'if-match': 'W/"1"' },
      },
      olga,
    );
    await refused(
      {
        method: 'POST',
        url: '/api/v1/operator/directory/imports',
        payload:
          'tenantId,name,domains\r\n4b5c2a2e-7c43-4b2a-9f7e-2f1d3c4b5a6d,Nul\u0000 Corp,nul.example\r\n',
        headers: { 'content-type': 'text/csv' },
      },
      olga,
    );
    // Tampered cursors: values of the wrong type never reach SQL.
    for (const cursor of [
      ['name', ['a', 'not-a-uuid']],
      ['daysLeft', ['garbage', 'x']],
      ['daysLeft', ['275760-09-13T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']],
      ['status', ['a\u0000', '00000000-0000-4000-8000-000000000000']],
      ['name', [1, 2]],
      ['name', ['a']],
    ]) {
      const value = Buffer.from(JSON.stringify(cursor)).toString('base64url');
      const sort = cursor[0];
      const error = await refused({
        method: 'GET',
        url: `/api/v1/engagements/${sec}/customers?tab=eligible&sort=${sort}&cursor=${value}`,
      });
      expect(error.target).toBe('cursor');
    }
    // Bidi controls are stripped from names (they reached the SMTP display name).
    const claimed = await db
      .selectFrom('nominations')
      .select('id')
      .where('status', '=', 'claimed')
      .where('partner_id', '=', partnerId('trey'))
      .where('location_id', '=', locationId('trey-seattle'))
      .innerJoin('tenant_domains as d', 'd.tenant_id', 'nominations.tenant_id')
      .select('d.domain')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const sent = await ada.request({
      method: 'POST',
      url: `/api/v1/nominations/${claimed.id}/consent-requests`,
      payload: {
        customerContact: { name: 'Eve \u202EnosmaS', email: `eve@${claimed.domain}`, locale: 'en' },
        partnerContact: { name: '\u2066Ada\u2069', email: 'ada@treyresearch.example' },
      },
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const stored = await db
      .selectFrom('consent_requests')
      .select(['customer_name', 'partner_contact_name'])
      .where('nomination_id', '=', claimed.id)
      .where('voided_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ customer_name: 'Eve nosmaS', partner_contact_name: 'Ada' });
  });
});
