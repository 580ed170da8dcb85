import { expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createPartner, createUser } from '../support/factories.ts';
import { useTestApp } from '../support/http.ts';
import { setUpOidcProvider } from '../support/oidc-provider.ts';

const oidc = setUpOidcProvider();
const provider = () => oidc.provider();

// Sign-in with OpenID Connect against a real provider on loopback (oidc-provider).
describeEachDatabase('OpenID Connect sign-in', ({ handle }) => {
  const t = useTestApp(handle, oidc.appOptions);

  async function signInThroughProvider(accountId: string, returnTo = '/admin/roles') {
    const login = await t().app.inject({
      method: 'GET',
      url: `/api/v1/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`,
    });
    expect(login.statusCode).toBe(302);
    const flow = login.cookies.find((c) => c.name === 'mci_oidc')!;
    expect(flow.httpOnly).toBe(true);
    provider().loginAs = accountId;
    const back = new URL(await provider().authorize(login.headers.location as string));
    return t().app.inject({
      method: 'GET',
      url: back.pathname + back.search,
      headers: { cookie: `mci_oidc=${flow.value}` },
    });
  }

  it('links a verified email to the existing account once, then signs in by subject', async () => {
    const partner = await createPartner(handle().db);
    const user = await createUser(handle().db, { partnerId: partner.id, accountAdmin: true });
    const subject = `sub-${user.id}`;
    provider().accounts.set(subject, { email: user.email.toUpperCase(), email_verified: true, name: 'Test' });
    const callback = await signInThroughProvider(subject);
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/admin/roles');
    const session = callback.cookies.find((c) => c.name === 'mci_session')!;
    const me = await t().app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: `mci_session=${session.value}` },
    });
    expect(me.json().user.id).toBe(user.id);
    const linked = await handle()
      .db.selectFrom('users')
      .select(['oidc_issuer', 'oidc_subject'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(linked).toEqual({ oidc_issuer: provider().issuer, oidc_subject: subject });
    // Now the subject alone identifies the user, even if the provider's email changes.
    provider().accounts.set(subject, { email: 'changed@elsewhere.test', email_verified: true, name: 'Test' });
    const again = await signInThroughProvider(subject, '/');
    expect(again.cookies.some((c) => c.name === 'mci_session')).toBe(true);
  });

  it('an unknown or unverified account gets no session and a clear message, never a 500', async () => {
    provider().accounts.set('stranger', { email: 'stranger@nowhere.test', email_verified: true, name: 'S' });
    const unknown = await signInThroughProvider('stranger');
    expect(unknown.statusCode).toBe(302);
    expect(unknown.headers.location).toBe('/signin?error=oidcNoAccount');
    expect(unknown.cookies.some((c) => c.name === 'mci_session')).toBe(false);

    const partner = await createPartner(handle().db);
    const user = await createUser(handle().db, { partnerId: partner.id });
    provider().accounts.set('unverified', { email: user.email, email_verified: false, name: 'U' });
    const unverified = await signInThroughProvider('unverified');
    expect(unverified.headers.location).toBe('/signin?error=oidcNoAccount');
  });

  it('a callback without the flow cookie (forged or replayed) is refused', async () => {
    const response = await t().app.inject({
      method: 'GET',
      url: '/api/v1/auth/oidc/callback?code=abc&state=def',
    });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/signin?error=oidcFailed');
    expect(response.cookies.some((c) => c.name === 'mci_session')).toBe(false);
  });

  it('never redirects off-site after sign-in', async () => {
    const login = await t().app.inject({
      method: 'GET',
      url: '/api/v1/auth/oidc/login?returnTo=//evil.example/x',
    });
    const flow = JSON.parse(
      Buffer.from(login.cookies.find((c) => c.name === 'mci_oidc')!.value, 'base64url').toString(),
    );
    expect(flow.returnTo).toBe('/');
  });

  it('says which sign-in methods exist', async () => {
    const providers = await t().app.inject({ method: 'GET', url: '/api/v1/auth/providers' });
    expect(providers.json()).toEqual({ password: true, oidc: { loginUrl: '/api/v1/auth/oidc/login' } });
  });
});
