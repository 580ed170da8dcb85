import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createLocation, createPartner, createUser, TEST_PASSWORD } from '../support/factories.ts';
import { signInAs, useTestApp } from '../support/http.ts';

describeEachDatabase('session API', ({ handle }) => {
  const t = useTestApp(handle);

  async function fixture() {
    const { db } = handle();
    const partner = await createPartner(db);
    const location = await createLocation(db, partner.id);
    const user = await createUser(db, {
      partnerId: partner.id,
      roles: [{ locationId: location.id, role: 'incentivesUser' }],
    });
    return { partner, location, user };
  }

  it('signs in with a cookie that is HttpOnly and SameSite=Lax, and returns the user and a CSRF token', async () => {
    const { user, location } = await fixture();
    const response = await t().app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: user.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'mci_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const body = response.json();
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.user).toMatchObject({
      id: user.id,
      kind: 'partnerUser',
      roles: [{ locationId: location.id, role: 'incentivesUser' }],
    });
    // The cookie value is never stored as such: only its hash.
    const stored = await handle()
      .db.selectFrom('sessions')
      .select('id_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id_hash).not.toBe(cookie.value);
  });

  it('GET returns the same session; without a cookie it is 401 in the error shape', async () => {
    const { user } = await fixture();
    const client = await signInAs(t().app, user.email);
    const me = await client.request({ method: 'GET', url: '/api/v1/session' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: user.id }, csrfToken: client.csrfToken });
    const anonymous = await t().app.inject({ method: 'GET', url: '/api/v1/session' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error).toMatchObject({ code: 'Unauthenticated', isRetryable: false });
    expect(anonymous.json().error.correlationId).toBe(anonymous.headers['x-correlation-id']);
  });

  it('a wrong password is 401 InvalidCredentials, localised to Accept-Language', async () => {
    const { user } = await fixture();
    const en = await t().app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: user.email, password: 'wrong' },
    });
    const pl = await t().app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'accept-language': 'pl-PL,pl;q=0.9' },
      payload: { email: user.email, password: 'wrong' },
    });
    expect(en.statusCode).toBe(401);
    expect(en.json().error.code).toBe('InvalidCredentials');
    expect(pl.json().error.code).toBe('InvalidCredentials');
    expect(pl.json().error.message).not.toBe(en.json().error.message);
    const unknown = await t().app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'nobody@example.test', password: 'x' },
    });
    expect(unknown.json().error.code).toBe('InvalidCredentials');
  });

  it('unknown fields and malformed input are 400 ValidationFailed with field details (mass assignment)', async () => {
    const response = await t().app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: 'not-an-email', password: 'x', isAdmin: true },
    });
    expect(response.statusCode).toBe(400);
    const error = response.json().error;
    expect(error.code).toBe('ValidationFailed');
    expect(error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'email', target: 'email' }),
        expect.objectContaining({ code: 'unknown', target: 'isAdmin' }),
      ]),
    );
    const notJson = await t().app.inject({
      method: 'POST',
      url: '/api/v1/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.code).toBe('BadRequest');
  });

  it('signing out needs the CSRF token; afterwards the cookie no longer works', async () => {
    const { user } = await fixture();
    const client = await signInAs(t().app, user.email);
    const forged = await client.request({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('CsrfTokenMissing');
    const out = await client.request({ method: 'DELETE', url: '/api/v1/session' });
    expect(out.statusCode).toBe(204);
    const after = await client.request({ method: 'GET', url: '/api/v1/session' });
    expect(after.statusCode).toBe(401);
  });

  it('remembers locale and theme per user, and answers in the saved locale', async () => {
    const { user } = await fixture();
    const client = await signInAs(t().app, user.email);
    const changed = await client.request({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      payload: { locale: 'sv', theme: 'dark' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user).toMatchObject({ locale: 'sv', theme: 'dark' });
    const bad = await client.request({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      payload: { locale: 'xx' },
    });
    expect(bad.statusCode).toBe(400);
    const csrfless = await client.request({
      method: 'PATCH',
      url: '/api/v1/me/preferences',
      payload: { locale: 'nl' },
      headers: { 'x-csrf-token': '' },
    });
    expect(csrfless.statusCode).toBe(403);
    const row = await handle()
      .db.selectFrom('users')
      .select(['locale', 'theme'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ locale: 'sv', theme: 'dark' });
  });

  it('demo users can sign in only while the demo data is loaded', async () => {
    const { partner } = await fixture();
    const demo = await createUser(handle().db, { partnerId: partner.id, isDemo: true });
    const refused = await t().app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: demo.email, password: TEST_PASSWORD },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('DemoSignInDisabled');
    await handle()
      .db.insertInto('app_settings')
      .values({ key: 'demo', value: JSON.stringify({ loaded: true }) })
      .execute();
    const accepted = await t().app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email: demo.email, password: TEST_PASSWORD },
    });
    expect(accepted.statusCode).toBe(200);
    await handle().db.deleteFrom('app_settings').where('key', '=', 'demo').execute();
  });

  it('rate-limits sign-in attempts with 429 and Retry-After in the error shape', async () => {
    const email = `guess-${Math.random()}@example.test`;
    const codes: number[] = [];
    let last: Awaited<ReturnType<ReturnType<typeof t>['app']['inject']>> | undefined;
    for (let i = 0; i < 12; i++) {
      last = await t().app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email, password: 'x' },
      });
      codes.push(last.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(last!.json().error).toMatchObject({ code: 'RateLimited', isRetryable: true });
  });

  it('rate-limits one address trying many accounts (issue 10: one password on 30 accounts hits 429)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) {
      const response = await t().app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { email: `spray-${i}-${Math.random()}@example.test`, password: 'Summer2026!' },
      });
      codes.push(response.statusCode);
      if (response.statusCode === 429) {
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
        expect(response.json().error.code).toBe('RateLimited');
      }
    }
    const first = codes.indexOf(429);
    // The address may try at most 20 sign-ins a minute, across accounts; then every attempt is refused.
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThanOrEqual(20);
    expect(codes.slice(first).every((c) => c === 429)).toBe(true);
  });

  it('sends security headers on every response, errors included', async () => {
    for (const url of ['/api/v1/session', '/api/v1/nope', '/api/v1/health']) {
      const response = await t().app.inject({ method: 'GET', url });
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
    const missing = await t().app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NotFound');
  });
});
