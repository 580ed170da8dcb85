import type { InjectOptions } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId, userId } from '../../src/seed/demo-catalogue.ts';
import { freshCustomer } from '../support/customers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { fingerprint } from '../support/fingerprint.ts';
import { signInAs, useTestApp } from '../support/http.ts';

const SEC = engagementId('SEC-WS');
const SEATTLE = locationId('trey-seattle');
const WARSAW = locationId('trey-warsaw');

// Issue 14, API tokens: created by an Incentives admin, shown once, stored hashed; `Authorization: Bearer`
// on the partner routes without CSRF and without cookies; read tokens change nothing; revoked, expired
// and unknown tokens are 401; a token is at most its creator's CURRENT roles, narrowed to its locations;
// the audit log names the token.
describeEachDatabase('API tokens', ({ handle }) => {
  const t = useTestApp(handle);
  let ada: Awaited<ReturnType<typeof signInAs>>;
  let dan: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    dan = await signInAs(t().app, 'dan@proseware.example', 'demo');
  });

  const create = async (client = ada, body: Record<string, unknown> = {}) => {
    const response = await client.request({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: { name: 'CRM sync', scopes: ['read', 'write'], ...body },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as {
      id: string;
      token: string;
      prefix: string;
      expiresAt: string;
      createdAt: string;
    };
  };
  const bearer = (token: string) => (options: InjectOptions) =>
    t().app.inject({
      ...options,
      headers: { authorization: `Bearer ${token}`, ...(options.headers ?? {}) },
    });
  const addCustomer = async (
    client: ReturnType<typeof bearer>,
    location = SEATTLE,
    customer?: Awaited<ReturnType<typeof freshCustomer>>,
  ) => {
    const c = customer ?? (await freshCustomer(handle().db, { prefix: 'tok' }));
    return client({
      method: 'POST',
      url: '/api/v1/nominations',
      payload: { origin: 'add', locationId: location, engagementIds: [SEC], email: c.email },
    });
  };
  const nominationAt = async (location: string) =>
    (
      await handle()
        .db.selectFrom('nominations')
        .select('id')
        .where('location_id', '=', location)
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id;

  it('creates a token shown once and stored as a hash, lists it without the secret, revokes it', async () => {
    const created = await create(ada, { name: 'PSA', scopes: ['read'], expiresInDays: 30 });
    expect(created.token).toMatch(/^mci_[A-Za-z0-9_-]{43}$/);
    expect(created.token.startsWith(created.prefix)).toBe(true);
    expect(new Date(created.expiresAt).getTime() - new Date(created.createdAt).getTime()).toBe(
      30 * 86_400_000,
    );
    const row = await handle()
      .db.selectFrom('api_tokens')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(created.token.slice(4));
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);

    const use = await bearer(created.token)({ method: 'GET', url: '/api/v1/engagements' });
    expect(use.statusCode, use.body).toBe(200);
    const list = await ada.request({ method: 'GET', url: '/api/v1/api-tokens' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.token.slice(4));
    const listed = list.json().value.find((x: { id: string }) => x.id === created.id);
    expect(listed).toMatchObject({
      name: 'PSA',
      scopes: ['read'],
      prefix: created.prefix,
      locationIds: null,
    });
    expect(listed.lastUsedAt).not.toBeNull();
    expect(listed.lastUsedIp).toBe('127.0.0.1');
    // Another partner's token is the same 404 as a missing one, and nothing changes.
    const before = await fingerprint(handle().db);
    const foreign = await dan.request({ method: 'DELETE', url: `/api/v1/api-tokens/${created.id}` });
    const missing = await dan.request({ method: 'DELETE', url: `/api/v1/api-tokens/${crypto.randomUUID()}` });
    expect([foreign.statusCode, missing.statusCode]).toEqual([404, 404]);
    expect(foreign.json().error.code).toBe(missing.json().error.code);
    expect((await dan.request({ method: 'GET', url: '/api/v1/api-tokens' })).body).not.toContain(created.id);
    expect(await fingerprint(handle().db)).toEqual(before);

    const revoked = await ada.request({ method: 'DELETE', url: `/api/v1/api-tokens/${created.id}` });
    expect(revoked.statusCode).toBe(204);
    const refused = await bearer(created.token)({ method: 'GET', url: '/api/v1/engagements' });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error).toMatchObject({
      code: 'Unauthenticated',
      details: [{ code: 'token.revoked' }],
    });
    expect(
      (await ada.request({ method: 'GET', url: '/api/v1/api-tokens' }))
        .json()
        .value.map((x: { id: string }) => x.id),
    ).not.toContain(created.id);
  });

  it('describes the routes and the bearer scheme in the OpenAPI document', async () => {
    const doc = (await t().app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const path of [
      '/api/v1/api-tokens',
      '/api/v1/api-tokens/{tokenId}',
      '/api/v1/audit-events',
      '/api/v1/audit-events/export',
    ])
      expect(Object.keys(doc.paths), path).toContain(path);
    expect(doc.paths['/api/v1/api-tokens'].post.responses['201']).toBeDefined();
    expect(doc.components.securitySchemes.apiToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('only Incentives admins create tokens; input is validated; tokens cannot manage tokens', async () => {
    const ben = await signInAs(t().app, 'ben@treyresearch.example', 'demo');
    const byUser = await ben.request({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: { name: 'x', scopes: ['read'] },
    });
    expect(byUser.statusCode).toBe(403);
    for (const payload of [
      { name: 'x', scopes: ['write'] },
      { name: 'x', scopes: ['read'], expiresInDays: 367 },
      { name: 'x', scopes: ['read'], expiresInDays: 0 },
      { name: '', scopes: ['read'] },
      { name: 'x', scopes: ['read'], partnerId: crypto.randomUUID() },
    ]) {
      const response = await ada.request({ method: 'POST', url: '/api/v1/api-tokens', payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    // Another partner's location is the same 404 as a missing one.
    for (const location of [locationId('proseware-chicago'), crypto.randomUUID()]) {
      const response = await ada.request({
        method: 'POST',
        url: '/api/v1/api-tokens',
        payload: { name: 'x', scopes: ['read'], locationIds: [location] },
      });
      expect(response.statusCode).toBe(404);
    }
    const { token } = await create();
    for (const options of [
      { method: 'GET', url: '/api/v1/api-tokens' },
      { method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'child', scopes: ['read', 'write'] } },
      { method: 'GET', url: '/api/v1/session' },
    ] as InjectOptions[]) {
      const response = await bearer(token)(options);
      expect(response.statusCode, `${options.method} ${options.url}`).toBe(403);
      expect(response.json().error.details[0].code).toBe('token.sessionRequired');
    }
  });

  it('a bearer needs no CSRF token, ignores cookies, and a read token cannot change anything', async () => {
    const write = await create();
    const added = await addCustomer(bearer(write.token));
    expect(added.statusCode, added.body).toBe(201);
    // Cookies are ignored with a bearer: Dan's session does not make the request Dan's.
    const own = added.json().value[0].id as string;
    const withCookie = await bearer(write.token)({
      method: 'GET',
      url: `/api/v1/nominations/${own}`,
      headers: { cookie: `mci_session=${dan.cookie.value}` },
    });
    expect(withCookie.statusCode).toBe(200);
    const danToken = (await create(dan)).token;
    const danWithAdaCookie = await bearer(danToken)({
      method: 'GET',
      url: `/api/v1/nominations/${own}`,
      headers: { cookie: `mci_session=${ada.cookie.value}`, 'x-csrf-token': ada.csrfToken },
    });
    expect(danWithAdaCookie.statusCode).toBe(404);

    const read = await create(ada, { name: 'read only', scopes: ['read'] });
    const customer = await freshCustomer(handle().db, { prefix: 'tok' });
    const before = await fingerprint(handle().db);
    const refused = await addCustomer(bearer(read.token), SEATTLE, customer);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'Forbidden', details: [{ code: 'token.readOnly' }] });
    expect(refused.json().error.message).toBeTypeOf('string');
    const polish = await bearer(read.token)({
      method: 'PATCH',
      url: `/api/v1/nominations/${own}/claim`,
      payload: { comments: 'x' },
      headers: { 'accept-language': 'pl' },
    });
    expect(polish.statusCode).toBe(403);
    expect(polish.json().error.details[0].message).toContain('token API');
    expect(await fingerprint(handle().db)).toEqual(before);
    expect((await bearer(read.token)({ method: 'GET', url: `/api/v1/nominations/${own}` })).statusCode).toBe(
      200,
    );
  });

  it('unknown, malformed and expired tokens are 401 in the error shape; a refused upload is not read', async () => {
    const { id, token } = await create();
    await handle()
      .db.updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    const cases: [string, string][] = [
      [token, 'token.expired'],
      [`mci_${'A'.repeat(43)}`, 'token.invalid'],
      ['not-a-token', 'token.invalid'],
      ['', 'token.invalid'],
    ];
    for (const [secret, detail] of cases) {
      const response = await t().app.inject({
        method: 'GET',
        url: '/api/v1/engagements',
        headers: { authorization: `Bearer ${secret}`, cookie: `mci_session=${ada.cookie.value}` },
      });
      expect(response.statusCode, secret).toBe(401);
      expect(response.json().error).toMatchObject({ code: 'Unauthenticated', details: [{ code: detail }] });
      expect(response.json().error.correlationId).toBeTypeOf('string');
    }
    const nomination = await nominationAt(SEATTLE);
    const upload = await t().app.inject({
      method: 'PUT',
      url: `/api/v1/nominations/${nomination}/claim/files/findingsReport`,
      headers: {
        authorization: `Bearer mci_${'B'.repeat(43)}`,
        'content-type': 'application/pdf',
        'x-file-name': 'x.pdf',
      },
      payload: Buffer.alloc(2 * 1024 * 1024, 1),
    });
    expect(upload.statusCode).toBe(401);
    expect(upload.headers.connection).toBe('close');
  });

  it('counts every request of a token against its own limit: 429 with Retry-After in the error shape', async () => {
    const { id, token } = await create();
    const other = await create();
    expect((await bearer(token)({ method: 'GET', url: '/api/v1/engagements' })).statusCode).toBe(200);
    const counted = await handle()
      .db.updateTable('rate_limits')
      .set({ hits: 600 })
      .where('key', 'like', `%api-token:${id}`)
      .returning('key')
      .execute();
    expect(counted).toHaveLength(1);
    const limited = await bearer(token)({ method: 'GET', url: '/api/v1/engagements' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error).toMatchObject({ code: 'RateLimited', isRetryable: true });
    // Another token of the same user has its own count.
    expect((await bearer(other.token)({ method: 'GET', url: '/api/v1/engagements' })).statusCode).toBe(200);
  });

  it("acts with the creator's current roles: a lost role narrows the token at once; locations narrow it", async () => {
    const { token } = await create();
    const cleo = await signInAs(t().app, 'cleo@treyresearch.example', 'demo');
    const seattle = await nominationAt(SEATTLE);
    const warsaw = await nominationAt(WARSAW);
    const get = (secret: string, id: string) =>
      bearer(secret)({ method: 'GET', url: `/api/v1/nominations/${id}` });
    expect((await get(token, seattle)).statusCode).toBe(200);
    const removed = await cleo.request({
      method: 'DELETE',
      url: `/api/v1/partner/users/${userId('ada')}/roles/${SEATTLE}`,
    });
    expect(removed.statusCode, removed.body).toBe(204);
    try {
      expect((await get(token, seattle)).statusCode).toBeGreaterThanOrEqual(403);
      expect((await get(token, warsaw)).statusCode).toBe(200);
      expect((await addCustomer(bearer(token), SEATTLE)).statusCode).toBeGreaterThanOrEqual(403);
    } finally {
      const restored = await cleo.request({
        method: 'PUT',
        url: `/api/v1/partner/users/${userId('ada')}/roles/${SEATTLE}`,
        payload: { role: 'incentivesAdmin' },
      });
      expect(restored.statusCode, restored.body).toBe(200);
    }
    expect((await get(token, seattle)).statusCode).toBe(200);

    const narrowed = await create(ada, { name: 'Warsaw only', locationIds: [WARSAW] });
    expect((await get(narrowed.token, warsaw)).statusCode).toBe(200);
    expect((await get(narrowed.token, seattle)).statusCode).toBeGreaterThanOrEqual(403);
    expect((await addCustomer(bearer(narrowed.token), SEATTLE)).statusCode).toBeGreaterThanOrEqual(403);
    // A narrowed token is no Account admin and sees only its locations' audit events.
    const session = await bearer(narrowed.token)({
      method: 'GET',
      url: '/api/v1/audit-events?maxpagesize=200',
    });
    expect(session.statusCode).toBe(200);
    const ids = session
      .json()
      .value.map((e: { target: { nominationId: string | null } }) => e.target.nominationId);
    expect(ids).not.toContain(seattle);
    expect(ids).not.toContain(null);
  });

  it("the audit log lists the token's changes for its partner and none for another partner; paging; CSV export is formula-safe", async () => {
    const created = await create(ada, { name: '=HYPERLINK("http://evil.example")' });
    const added = await addCustomer(bearer(created.token));
    expect(added.statusCode, added.body).toBe(201);
    const nominationId = added.json().value[0].id as string;

    const log = await ada.request({
      method: 'GET',
      url: `/api/v1/audit-events?nominationId=${nominationId}`,
    });
    expect(log.statusCode, log.body).toBe(200);
    const events = log.json().value as {
      actor: { kind: string; id: string; name: string; tokenName?: string };
    }[];
    expect(events.length).toBeGreaterThan(0);
    for (const e of events)
      expect(e.actor).toEqual({
        kind: 'partnerUser',
        id: userId('ada'),
        name: 'Ada Ruiz',
        tokenName: '=HYPERLINK("http://evil.example")',
      });
    const viaToken = await bearer(created.token)({
      method: 'GET',
      url: `/api/v1/audit-events?nominationId=${nominationId}`,
    });
    expect(viaToken.json().value).toEqual(log.json().value);

    // The record's own history names the token too.
    const history = await ada.request({ method: 'GET', url: `/api/v1/nominations/${nominationId}/history` });
    expect(history.json().value[0].actor).toEqual({
      kind: 'partnerUser',
      name: 'Ada Ruiz',
      tokenName: '=HYPERLINK("http://evil.example")',
    });

    // Another partner sees none of it, whatever it asks for.
    for (const url of [
      `/api/v1/audit-events?nominationId=${nominationId}`,
      `/api/v1/audit-events?actorId=${userId('ada')}`,
      `/api/v1/audit-events?partnerId=${await partnerOf(nominationId)}&maxpagesize=200`,
      '/api/v1/audit-events/export',
    ]) {
      const response = await dan.request({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).not.toContain(nominationId);
      expect(response.body, url).not.toContain(userId('ada'));
      expect(response.body, url).not.toContain('HYPERLINK');
    }
    // The operator sees every partner's, or one partner's.
    const olga = await signInAs(t().app, 'olga@program.example', 'demo');
    const op = await olga.request({
      method: 'GET',
      url: `/api/v1/audit-events?nominationId=${nominationId}`,
    });
    expect(op.json().value.length).toBe(events.length);

    // Keyset pages: every event once, newest first.
    const seen: string[] = [];
    let url: string | undefined = '/api/v1/audit-events?maxpagesize=7';
    for (let i = 0; url && i < 50; i++) {
      const page: { value: { id: string }[]; nextLink?: string } = (
        await ada.request({ method: 'GET', url })
      ).json();
      seen.push(...page.value.map((e) => e.id));
      url = page.nextLink;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));
    const bad = await ada.request({ method: 'GET', url: '/api/v1/audit-events?cursor=nonsense' });
    expect(bad.statusCode).toBe(400);

    const csv = await ada.request({
      method: 'GET',
      url: `/api/v1/audit-events/export?nominationId=${nominationId}`,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toContain('API token');
    expect(lines.length).toBe(events.length + 2);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(csv.body).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  const partnerOf = async (nominationId: string) =>
    (
      await handle()
        .db.selectFrom('nominations')
        .select('partner_id')
        .where('id', '=', nominationId)
        .executeTakeFirstOrThrow()
    ).partner_id;
});
