import type { InjectOptions } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId, partnerId, userId } from '../../src/seed/demo-catalogue.ts';
import { freshCustomer } from '../support/customers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createUser } from '../support/factories.ts';
import { fingerprint } from '../support/fingerprint.ts';
import { signInAs, type TestApp, useTestApp } from '../support/http.ts';
import { drainMail } from '../support/mail.ts';

const SEC = engagementId('SEC-WS');
const SEATTLE = locationId('trey-seattle');
const WARSAW = locationId('trey-warsaw');
const DAY = 86_400_000;
const GOOD_PASSWORD = 'plum orbit lantern 42';

/** Polls `check` every 20 ms for at most `ms`; whether it came true. */
async function until(check: () => Promise<boolean>, ms = 5_000): Promise<boolean> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

type Client = Awaited<ReturnType<typeof signInAs>>;

// Issue 15 item 2, ADR 0022: the Account admin invites a colleague (an email with a single-use link
// valid 7 days on the program's clock), the colleague sets a password and is signed in with the roles
// given; deactivating a user ends their sessions and API tokens at once, on every instance.
describeEachDatabase('users and invitations', ({ handle }) => {
  const t = useTestApp(handle);
  const other = useTestApp(handle);
  let cleo: Client;
  let ada: Client;
  let dan: Client;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    cleo = await signInAs(t().app, 'cleo@treyresearch.example', 'demo');
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    dan = await signInAs(t().app, 'dan@proseware.example', 'demo');
  });

  let counter = 0;
  const invite = async (roles = [{ locationId: SEATTLE, role: 'incentivesUser' }], client = cleo) => {
    counter += 1;
    const email = `nia.${counter}.${crypto.randomUUID().slice(0, 6)}@treyresearch.example`;
    const response = await client.request({
      method: 'POST',
      url: '/api/v1/partner/users',
      payload: { email, name: `Nia Okafor ${counter}`, roles },
    });
    expect(response.statusCode, response.body).toBe(201);
    return { email, invitation: response.json() as { id: string; expiresAt: string; sentAt: string } };
  };
  /** The token of the newest invitation link to `to`, read through the embedded mailbox API. */
  const linkFor = async (to: string, client = cleo) => {
    await drainMail(t());
    const mailbox = await client.request({
      method: 'GET',
      url: `/api/v1/dev/mailbox?to=${encodeURIComponent(to)}`,
    });
    expect(mailbox.statusCode, mailbox.body).toBe(200);
    const [mail] = mailbox.json().value as {
      template: string;
      text: string;
      links: string[];
      subject: string;
    }[];
    expect(mail?.template).toBe('userInvitation');
    const link = mail!.links.find((l) => l.includes('/invitations/'));
    expect(link).toBeDefined();
    expect(mail!.text).toContain(link);
    return { token: link!.split('/invitations/')[1]!, mail: mail! };
  };
  const publicCall = (app: () => TestApp, options: InjectOptions) => app().app.inject(options);
  let acceptCalls = 0;
  const accept = (token: string, password: string, headers: Record<string, string> = {}) => {
    // Each from its own address: the accept limit (10 a minute per address) is tested on its own below.
    acceptCalls += 1;
    return publicCall(t, {
      method: 'POST',
      url: `/api/v1/public/invitations/${token}`,
      payload: { password },
      headers,
      remoteAddress: `198.51.100.${acceptCalls}`,
    });
  };
  /** A client with the session cookie of an accepted invitation. */
  const clientOf = (response: Awaited<ReturnType<typeof accept>>, app = t) => {
    const cookie = response.cookies.find((c) => c.name === 'mci_session')!;
    const { csrfToken } = response.json() as { csrfToken: string };
    return (options: InjectOptions) =>
      app().app.inject({
        ...options,
        headers: {
          cookie: `mci_session=${cookie.value}`,
          ...(options.method && options.method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
          ...(options.headers ?? {}),
        },
      });
  };
  const addCustomer = async (client: ReturnType<typeof clientOf>, location: string) => {
    const c = await freshCustomer(handle().db, { prefix: 'inv' });
    return client({
      method: 'POST',
      url: '/api/v1/nominations',
      payload: { origin: 'add', locationId: location, engagementIds: [SEC], email: c.email },
    });
  };

  it('invites by email: a link in the mailbox, stored only as a hash, valid 7 days; the list shows it pending', async () => {
    const { email, invitation } = await invite();
    expect(new Date(invitation.expiresAt).getTime() - new Date(invitation.sentAt).getTime()).toBe(7 * DAY);
    const { token, mail } = await linkFor(email);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(mail.subject).toContain('Trey Research');
    expect(mail.text).toContain('Cleo Jansen');
    const row = await handle()
      .db.selectFrom('user_invitations')
      .selectAll()
      .where('id', '=', invitation.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    // No account exists before the link is used.
    expect(
      await handle().db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst(),
    ).toBeUndefined();

    const list = await cleo.request({ method: 'GET', url: '/api/v1/partner/users' });
    expect(list.statusCode).toBe(200);
    const pending = list.json().invitations.find((i: { id: string }) => i.id === invitation.id);
    expect(pending).toMatchObject({
      email,
      expired: false,
      roles: [{ locationId: SEATTLE, role: 'incentivesUser' }],
    });
    expect(list.json().value.every((u: { active: boolean }) => typeof u.active === 'boolean')).toBe(true);

    const page = await publicCall(t, { method: 'GET', url: `/api/v1/public/invitations/${token}` });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ email, partnerName: 'Trey Research', inviterName: 'Cleo Jansen' });
    expect(page.headers['cache-control']).toBe('no-store');

    // A second invitation for the same address while one is pending: 409; an existing user's: 409.
    const again = await cleo.request({
      method: 'POST',
      url: '/api/v1/partner/users',
      payload: { email: email.toUpperCase(), name: 'Nia again', roles: [] },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details[0].code).toBe('InvitationPending');
    const existing = await cleo.request({
      method: 'POST',
      url: '/api/v1/partner/users',
      payload: { email: 'ben@treyresearch.example', name: 'Ben', roles: [] },
    });
    expect(existing.statusCode).toBe(409);
    expect(existing.json().error.details[0].code).toBe('UserEmailTaken');
  });

  it('refuses a short or common password with a localised 422, and changes nothing', async () => {
    const { email } = await invite();
    const { token } = await linkFor(email);
    const before = await fingerprint(handle().db);
    const short = await accept(token, 'short pw', { 'accept-language': 'pl' });
    expect(short.statusCode).toBe(422);
    expect(short.json().error.details[0]).toMatchObject({ code: 'PasswordTooShort', target: 'password' });
    expect(short.json().error.details[0].message).toContain('12 znaków');
    const common = await accept(token, 'qwerty123456', { 'accept-language': 'de-CH, nl;q=0.8' });
    expect(common.statusCode).toBe(422);
    expect(common.json().error.details[0]).toMatchObject({ code: 'PasswordTooCommon', target: 'password' });
    expect(common.json().error.details[0].message).toContain('wachtwoord');
    const commonUpper = await accept(token, 'PASSWORD1234', { 'accept-language': 'en' });
    expect(commonUpper.json().error.details[0].code).toBe('PasswordTooCommon');
    expect(await fingerprint(handle().db)).toEqual(before);
  });

  it('accepting creates the user with the roles given, signs them in, and the link works once', async () => {
    const { email, invitation } = await invite();
    const { token } = await linkFor(email);
    const accepted = await accept(token, GOOD_PASSWORD);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().user).toMatchObject({
      email,
      partner: { id: partnerId('trey') },
      roles: [{ locationId: SEATTLE, role: 'incentivesUser' }],
    });
    const nia = clientOf(accepted);
    expect((await nia({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
    // The Customers page per the roles given: Seattle yes, Warsaw no.
    const list = await nia({ method: 'GET', url: `/api/v1/engagements/${SEC}/customers?tab=eligible` });
    expect(list.statusCode, list.body).toBe(200);
    const added = await addCustomer(nia, SEATTLE);
    expect(added.statusCode, added.body).toBe(201);
    const refused = await addCustomer(nia, WARSAW);
    expect(refused.statusCode).toBeGreaterThanOrEqual(403);
    expect(refused.statusCode).toBeLessThan(500);
    // The password is argon2id; she can sign in with it.
    const row = await handle()
      .db.selectFrom('users')
      .select(['password_hash', 'id'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    await signInAs(t().app, email, GOOD_PASSWORD);

    // Single use: the link is gone, for the page and for a second password.
    for (const response of [
      await publicCall(t, { method: 'GET', url: `/api/v1/public/invitations/${token}` }),
      await accept(token, 'another fine passphrase'),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toMatchObject({
        code: 'InvitationNotValid',
        details: [{ code: 'UserInvitationNotValid' }],
      });
    }
    const list2 = (await cleo.request({ method: 'GET', url: '/api/v1/partner/users' })).json();
    expect(list2.invitations.map((i: { id: string }) => i.id)).not.toContain(invitation.id);
    expect(list2.value.find((u: { id: string }) => u.id === row.id)).toMatchObject({ active: true });
  });

  it('a link expires after 7 days on the program clock; a resend makes a new link and the old one stops', async () => {
    const { email, invitation } = await invite();
    const { token } = await linkFor(email);
    const start = t().clock.now();
    try {
      t().clock.advance(7 * DAY - 60_000);
      expect(
        (await publicCall(t, { method: 'GET', url: `/api/v1/public/invitations/${token}` })).statusCode,
      ).toBe(200);
      t().clock.advance(60_000);
      const expired = await publicCall(t, { method: 'GET', url: `/api/v1/public/invitations/${token}` });
      expect(expired.statusCode).toBe(404);
      expect((await accept(token, GOOD_PASSWORD)).statusCode).toBe(404);
      const listed = (await cleo.request({ method: 'GET', url: '/api/v1/partner/users' })).json();
      expect(listed.invitations.find((i: { id: string }) => i.id === invitation.id)).toMatchObject({
        expired: true,
      });

      const resent = await cleo.request({
        method: 'POST',
        url: `/api/v1/partner/invitations/${invitation.id}/resend`,
      });
      expect(resent.statusCode, resent.body).toBe(200);
      expect(resent.json()).toMatchObject({ expired: false });
      const { token: fresh } = await linkFor(email);
      expect(fresh).not.toBe(token);
      expect((await accept(token, GOOD_PASSWORD)).statusCode).toBe(404);
      expect(
        (await publicCall(t, { method: 'GET', url: `/api/v1/public/invitations/${fresh}` })).statusCode,
      ).toBe(200);

      // Revoked: the fresh link stops too, and the invitation leaves the list.
      const revoked = await cleo.request({
        method: 'DELETE',
        url: `/api/v1/partner/invitations/${invitation.id}`,
      });
      expect(revoked.statusCode).toBe(204);
      expect((await accept(fresh, GOOD_PASSWORD)).statusCode).toBe(404);
      expect(
        (await cleo.request({ method: 'DELETE', url: `/api/v1/partner/invitations/${invitation.id}` }))
          .statusCode,
      ).toBe(404);
    } finally {
      t().clock.set(start);
    }
  });

  it("deactivating ends the user's sessions and API tokens at once, on every instance; reactivating lets them sign in", async () => {
    const { email } = await invite([
      { locationId: SEATTLE, role: 'incentivesAdmin' },
      { locationId: WARSAW, role: 'incentivesUser' },
    ]);
    const { token } = await linkFor(email);
    const accepted = await accept(token, GOOD_PASSWORD);
    expect(accepted.statusCode).toBe(200);
    const niaId = accepted.json().user.id as string;
    const nia = clientOf(accepted);
    const niaOnOther = clientOf(accepted, other);
    const apiToken = await nia({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: { name: 'CRM', scopes: ['read'] },
    });
    expect(apiToken.statusCode, apiToken.body).toBe(201);
    const bearer = (app: () => TestApp) =>
      app().app.inject({
        method: 'GET',
        url: '/api/v1/engagements',
        headers: { authorization: `Bearer ${apiToken.json().token}` },
      });
    // Both instances hold her session in memory before the deactivation.
    expect((await nia({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
    expect((await niaOnOther({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
    expect((await niaOnOther({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
    expect((await bearer(t)).statusCode).toBe(200);

    const deactivated = await cleo.request({
      method: 'PATCH',
      url: `/api/v1/partner/users/${niaId}`,
      payload: { active: false },
    });
    expect(deactivated.statusCode, deactivated.body).toBe(200);
    expect(deactivated.json()).toMatchObject({ id: niaId, active: false });
    expect((await nia({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(401);
    expect((await bearer(t)).statusCode).toBe(401);
    expect((await bearer(other)).statusCode).toBe(401);
    expect(
      await until(
        async () => (await niaOnOther({ method: 'GET', url: '/api/v1/session' })).statusCode === 401,
      ),
    ).toBe(true);
    // Nor can she sign in again.
    const signIn = await t().app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email, password: GOOD_PASSWORD },
    });
    expect(signIn.statusCode).toBe(401);
    const listed = (await cleo.request({ method: 'GET', url: '/api/v1/partner/users' })).json();
    expect(listed.value.find((u: { id: string }) => u.id === niaId)).toMatchObject({ active: false });

    const reactivated = await cleo.request({
      method: 'PATCH',
      url: `/api/v1/partner/users/${niaId}`,
      payload: { active: true },
    });
    expect(reactivated.json()).toMatchObject({ active: true });
    await signInAs(t().app, email, GOOD_PASSWORD);
    // Her old token stays revoked.
    expect((await bearer(t)).statusCode).toBe(401);
  });

  it('an admin cannot deactivate themself (422); the last active Account admin cannot be deactivated (409)', async () => {
    const self = await cleo.request({
      method: 'PATCH',
      url: `/api/v1/partner/users/${userId('cleo')}`,
      payload: { active: false },
    });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.details[0].code).toBe('CannotDeactivateSelf');

    // A second admin of another partner, each deactivating the other: the second request was
    // authenticated before the first committed (the race), and must not leave the partner without one.
    const partner = (
      await handle()
        .db.selectFrom('partners')
        .select('id')
        .where('id', '=', partnerId('proseware'))
        .executeTakeFirstOrThrow()
    ).id;
    const first = await createUser(handle().db, { partnerId: partner, accountAdmin: true });
    const second = await createUser(handle().db, { partnerId: partner, accountAdmin: true });
    const firstClient = await signInAs(t().app, first.email);
    const secondClient = await signInAs(t().app, second.email);
    const secondActor = (await t().ctx.store.users.profile(second.id))!;
    const done = await firstClient.request({
      method: 'PATCH',
      url: `/api/v1/partner/users/${second.id}`,
      payload: { active: false },
    });
    expect(done.statusCode).toBe(200);
    expect((await secondClient.request({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(401);
    const { setUserActive } = await import('../../src/app/users/deactivation.ts');
    const { toPrincipal } = await import('../../src/app/auth/session-user.ts');
    await expect(
      setUserActive(t().ctx, toPrincipal(secondActor).actor, first.id, false),
    ).rejects.toMatchObject({
      code: 'Conflict',
      details: [{ code: 'LastAccountAdmin' }],
    });
    // Proseware's other admin stays; reactivating is the first's to do.
    expect(
      (
        await firstClient.request({
          method: 'PATCH',
          url: `/api/v1/partner/users/${second.id}`,
          payload: { active: true },
        })
      ).statusCode,
    ).toBe(200);
  });

  it("another partner's admin gets 404 for Trey's users and invitations; non-admins get 403; nothing changes", async () => {
    const { invitation } = await invite([]);
    const proseware = partnerId('proseware');
    const admin = await createUser(handle().db, { partnerId: proseware, accountAdmin: true });
    const foreignAdmin = await signInAs(t().app, admin.email);
    const before = await fingerprint(handle().db);
    const requests: InjectOptions[] = [
      { method: 'PATCH', url: `/api/v1/partner/users/${userId('ben')}`, payload: { active: false } },
      { method: 'POST', url: `/api/v1/partner/invitations/${invitation.id}/resend` },
      { method: 'DELETE', url: `/api/v1/partner/invitations/${invitation.id}` },
    ];
    const missing: InjectOptions[] = [
      { method: 'PATCH', url: `/api/v1/partner/users/${crypto.randomUUID()}`, payload: { active: false } },
      { method: 'POST', url: `/api/v1/partner/invitations/${crypto.randomUUID()}/resend` },
      { method: 'DELETE', url: `/api/v1/partner/invitations/${crypto.randomUUID()}` },
    ];
    for (const [i, options] of requests.entries()) {
      const foreign = await foreignAdmin.request(options);
      const none = await foreignAdmin.request(missing[i]!);
      expect(foreign.statusCode, String(options.url)).toBe(404);
      expect(none.statusCode, String(options.url)).toBe(404);
      expect(foreign.json().error.code).toBe(none.json().error.code);
      expect(foreign.body).not.toMatch(/trey/i);
    }
    // A role on a location of another partner is the same 404 as a location that does not exist.
    const foreignRole = await foreignAdmin.request({
      method: 'POST',
      url: '/api/v1/partner/users',
      payload: {
        email: 'x@proseware.example',
        name: 'X',
        roles: [{ locationId: SEATTLE, role: 'incentivesUser' }],
      },
    });
    expect(foreignRole.statusCode).toBe(404);
    const foreignList = await foreignAdmin.request({ method: 'GET', url: '/api/v1/partner/users' });
    expect(foreignList.body).not.toContain(invitation.id);
    expect(foreignList.body).not.toMatch(/trey/i);
    // Non-admins: an Incentives admin of Trey (Ada), and of Proseware (Dan), are refused.
    for (const client of [ada, dan])
      for (const options of [
        ...requests,
        { method: 'GET', url: '/api/v1/partner/users' } as InjectOptions,
        {
          method: 'POST',
          url: '/api/v1/partner/users',
          payload: { email: 'y@contoso.com', name: 'Y', roles: [] },
        } as InjectOptions,
      ]) {
        const response = await client.request(options);
        expect(response.statusCode, `${options.method} ${options.url}`).toBe(403);
      }
    expect(await fingerprint(handle().db)).toEqual(before);
  });

  it('the invitation page and its API answer unknown tokens 404 in the error shape, and are rate-limited', async () => {
    const unknown = await publicCall(t, {
      method: 'GET',
      url: `/api/v1/public/invitations/${'A'.repeat(43)}`,
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'InvitationNotValid', isRetryable: false });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (
          await publicCall(t, {
            method: 'POST',
            url: `/api/v1/public/invitations/${'B'.repeat(43)}`,
            payload: { password: GOOD_PASSWORD },
            remoteAddress: '203.0.113.77',
          })
        ).statusCode,
      );
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});
