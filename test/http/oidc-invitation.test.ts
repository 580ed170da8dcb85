import { beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { locationId } from '../../src/seed/demo-catalogue.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';
import { drainMail } from '../support/mail.ts';
import { setUpOidcProvider } from '../support/oidc-provider.ts';

// Issue 15 item 2: an invitation taken with an organisation account (OpenID Connect) instead of a
// password, against a real provider on loopback (oidc-provider). The provider must vouch for the
// invited address itself; the account is created without a password and linked to the subject.

const SEATTLE = locationId('trey-seattle');
const oidc = setUpOidcProvider();
const provider = () => oidc.provider();

describeEachDatabase('invitation taken with an organisation account', ({ handle }) => {
  const t = useTestApp(handle, oidc.appOptions);
  let cleo: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    cleo = await signInAs(t().app, 'cleo@treyresearch.example', 'demo');
  });

  /** Cleo invites a new address; the token is read from the link in the invitation email. */
  async function invite() {
    const email = `nia.${crypto.randomUUID().slice(0, 8)}@treyresearch.example`;
    const response = await cleo.request({
      method: 'POST',
      url: '/api/v1/partner/users',
      payload: { email, name: 'Nia Okafor', roles: [{ locationId: SEATTLE, role: 'incentivesUser' }] },
    });
    expect(response.statusCode, response.body).toBe(201);
    await drainMail(t());
    const mailbox = await cleo.request({
      method: 'GET',
      url: `/api/v1/dev/mailbox?to=${encodeURIComponent(email)}`,
    });
    const link = (mailbox.json().value[0].links as string[]).find((l) => l.includes('/invitations/'))!;
    return { email, token: link.split('/invitations/')[1]! };
  }

  /** The browser's round trip: our login with the invitation, the provider, our callback. */
  async function takeWithProvider(token: string, subject: string) {
    const login = await t().app.inject({
      method: 'GET',
      url: `/api/v1/auth/oidc/login?invitation=${token}`,
    });
    expect(login.statusCode).toBe(302);
    const flow = login.cookies.find((c) => c.name === 'mci_oidc')!;
    provider().loginAs = subject;
    const back = new URL(await provider().authorize(login.headers.location as string));
    return t().app.inject({
      method: 'GET',
      url: back.pathname + back.search,
      headers: { cookie: `mci_oidc=${flow.value}` },
    });
  }

  const userRow = (email: string) =>
    handle()
      .db.selectFrom('users')
      .select(['id', 'password_hash', 'oidc_issuer', 'oidc_subject'])
      .where('email', '=', email)
      .executeTakeFirst();

  it('creates the invited account without a password, linked to the subject, signed in with the invited roles', async () => {
    const { email, token } = await invite();
    const subject = `sub-${crypto.randomUUID()}`;
    provider().accounts.set(subject, { email: email.toUpperCase(), email_verified: true, name: 'Nia' });
    const callback = await takeWithProvider(token, subject);
    expect(callback.statusCode).toBe(302);
    expect(callback.headers.location).toBe('/');
    const session = callback.cookies.find((c) => c.name === 'mci_session')!;
    const me = await t().app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: `mci_session=${session.value}` },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(email);
    expect(me.json().user.roles).toEqual([
      expect.objectContaining({ locationId: SEATTLE, role: 'incentivesUser' }),
    ]);
    expect(await userRow(email)).toMatchObject({
      password_hash: null,
      oidc_issuer: provider().issuer,
      oidc_subject: subject,
    });
    // The link is used up: the page says it is not valid, and a second round trip makes nothing.
    const page = await t().app.inject({ method: 'GET', url: `/api/v1/public/invitations/${token}` });
    expect(page.statusCode).toBe(404);
    const again = await takeWithProvider(token, subject);
    expect(again.headers.location).toBe(`/invitations/${token}?error=invitationNotValid`);
    expect(again.cookies.some((c) => c.name === 'mci_session')).toBe(false);
    // No password was set, so none signs in.
    const password = await t().app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email, password: 'any password at all' },
    });
    expect(password.statusCode).toBe(401);
  });

  it('refuses an organisation account of another address, or an unverified one: no account, the invitation still open', async () => {
    const { email, token } = await invite();
    provider().accounts.set('someone-else', {
      email: 'someone@elsewhere.test',
      email_verified: true,
      name: 'S',
    });
    const other = await takeWithProvider(token, 'someone-else');
    expect(other.statusCode).toBe(302);
    expect(other.headers.location).toBe(`/invitations/${token}?error=oidcEmailMismatch`);
    expect(other.cookies.some((c) => c.name === 'mci_session')).toBe(false);
    provider().accounts.set('unverified', { email, email_verified: false, name: 'U' });
    const unverified = await takeWithProvider(token, 'unverified');
    expect(unverified.headers.location).toBe(`/invitations/${token}?error=oidcEmailMismatch`);
    expect(await userRow(email)).toBeUndefined();
    const page = await t().app.inject({ method: 'GET', url: `/api/v1/public/invitations/${token}` });
    expect(page.statusCode).toBe(200);
  });

  it('refuses an organisation account already linked to a user here', async () => {
    const first = await invite();
    const subject = `sub-${crypto.randomUUID()}`;
    provider().accounts.set(subject, { email: first.email, email_verified: true, name: 'Nia' });
    expect((await takeWithProvider(first.token, subject)).headers.location).toBe('/');
    // A second invitation (another address) taken with the same organisation account.
    const second = await invite();
    provider().accounts.set(subject, { email: second.email, email_verified: true, name: 'Nia' });
    const taken = await takeWithProvider(second.token, subject);
    expect(taken.headers.location).toBe(`/invitations/${second.token}?error=oidcIdentityTaken`);
    expect(await userRow(second.email)).toBeUndefined();
  });

  it('refuses a malformed invitation before going to the provider', async () => {
    const bad = await t().app.inject({ method: 'GET', url: '/api/v1/auth/oidc/login?invitation=short' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('ValidationFailed');
    expect(bad.headers.location).toBeUndefined();
  });
});
