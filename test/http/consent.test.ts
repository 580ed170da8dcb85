import { beforeAll, expect, it } from 'vitest';
import { sweepDeadlines } from '../../src/app/sweeps/deadline-sweep.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId } from '../../src/seed/demo-catalogue.ts';
import { freshCustomer as newCustomer } from '../support/customers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';
import { drainMail, latestConsentToken } from '../support/mail.ts';

const SEC = engagementId('SEC-WS');
const SEATTLE = locationId('trey-seattle');
const CHICAGO = locationId('proseware-chicago');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

// Customer consent through the API alone (issue 5, spec §4.3, §5): request, email, public page,
// accept / decline, resend limits, contact change, deadlines without a sweeper, first consent wins.
describeEachDatabase('customer consent', ({ handle }) => {
  const t = useTestApp(handle, { publicUrl: 'http://127.0.0.1:9' });
  let ada: Awaited<ReturnType<typeof signInAs>>;
  let dan: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    t().ctx.links = { baseUrl: 'http://127.0.0.1:9' };
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    dan = await signInAs(t().app, 'dan@proseware.example', 'demo');
  });

  /** A customer nobody knows, eligible like Contoso, reachable by its own domain. */
  const freshCustomer = () => newCustomer(handle().db, { prefix: 'fresh' });
  async function addCustomer(
    client = ada,
    location = SEATTLE,
    customer?: Awaited<ReturnType<typeof freshCustomer>>,
  ) {
    const c = customer ?? (await freshCustomer());
    const response = await client.request({
      method: 'POST',
      url: '/api/v1/nominations',
      payload: { origin: 'add', locationId: location, engagementIds: [SEC], email: c.email },
    });
    expect(response.statusCode, response.body).toBe(201);
    return { nominationId: response.json().value[0].id as string, customer: c };
  }
  const contact = (email: string, locale = 'pl') => ({
    customerContact: { name: 'Jan Kowalski', email, phone: '+48 22 123 45 67', locale },
    partnerContact: { name: 'Ada Lovelace', email: 'ada@treyresearch.example' },
  });
  const sendForConsent = (id: string, email: string, client = ada, key?: string) =>
    client.request({
      method: 'POST',
      url: `/api/v1/nominations/${id}/consent-requests`,
      payload: contact(email),
      headers: key ? { 'idempotency-key': key } : {},
    });
  const publicGet = (token: string) =>
    t().app.inject({ method: 'GET', url: `/api/v1/public/consent/${token}` });
  const decide = (token: string, decision: 'accept' | 'decline') =>
    t().app.inject({ method: 'POST', url: `/api/v1/public/consent/${token}`, payload: { decision } });
  const nomination = async (id: string, client = ada) =>
    (await client.request({ method: 'GET', url: `/api/v1/nominations/${id}` })).json();
  const eligibleRows = async (client = ada) =>
    (
      await client.request({
        method: 'GET',
        url: `/api/v1/engagements/${SEC}/customers?tab=eligible&maxpagesize=500`,
      })
    ).json().value as {
      tenantId: string;
      status: string;
      type: string;
      daysLeft: number;
      consentEmail: string | null;
    }[];

  it('R34: consent comes from the customer: own, free-mail and foreign addresses are refused (422), nothing is sent', async () => {
    // Issue 10, finding 4: the partner's own address was accepted, and the partner accepted from its mailbox.
    const { nominationId, customer } = await addCustomer();
    const before = await nomination(nominationId);
    expect(before.customer.domains).toEqual([customer.domain]);
    const mailsBefore = await handle().db.selectFrom('mail_messages').select('id').execute();
    const cases = [
      ['ada@treyresearch.example', 'contactAtPartnerDomain'],
      ['jan.kowalski@gmail.com', 'contactAtFreeMail'],
      ['someone@fabrikam.com', 'contactOutsideCustomer'],
      [`anna@sub.${customer.domain}`, 'contactOutsideCustomer'],
    ] as const;
    for (const [email, detail] of cases) {
      const refused = await ada.request({
        method: 'POST',
        url: `/api/v1/nominations/${nominationId}/consent-requests`,
        payload: contact(email),
        headers: { 'accept-language': 'pl' },
      });
      expect(refused.statusCode, email).toBe(422);
      const error = refused.json().error;
      expect(error).toMatchObject({ code: 'ConsentContactNotCustomer', target: 'customerContact.email' });
      expect(error.details[0].code, email).toBe(detail);
      // Localised, and it names the customer's domains.
      expect(error.message).toMatch(/Zgoda musi pochodzić od klienta/);
      expect(error.message).toContain(customer.domain);
    }
    expect((await nomination(nominationId)).status).toBe(before.status);
    expect(await handle().db.selectFrom('mail_messages').select('id').execute()).toHaveLength(
      mailsBefore.length,
    );
    expect(
      await handle()
        .db.selectFrom('consent_requests')
        .where('nomination_id', '=', nominationId)
        .selectAll()
        .execute(),
    ).toEqual([]);
    // An address at the customer's own domain is accepted; a contact change to the partner's address is not.
    const sent = await sendForConsent(nominationId, `anna@${customer.domain}`);
    expect(sent.statusCode, sent.body).toBe(202);
    const changed = await ada.request({
      method: 'PATCH',
      url: `/api/v1/nominations/${nominationId}/consent-requests/current`,
      payload: { customerContact: { name: 'Ada', email: 'ada@treyresearch.example', locale: 'en' } },
    });
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.details[0].code).toBe('contactAtPartnerDomain');
  });

  it('the full journey: send for consent, the email, the public page, accept → active with 90 days', async () => {
    const { nominationId, customer } = await addCustomer();
    const sent = await sendForConsent(nominationId, `anna@${customer.slug}.example`);
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json()).toMatchObject({ status: 'consent_pending', sendCount: 1, emailStatus: 'queued' });
    expect(sent.headers.etag).toBeTruthy();

    // One email, queued in the same transaction, with a stable Message-ID.
    const mails = await handle()
      .db.selectFrom('mail_messages')
      .selectAll()
      .where('nomination_id', '=', nominationId)
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ template: 'consentRequest', locale: 'pl', status: 'queued' });
    expect(mails[0]!.message_id).toMatch(/^<[0-9a-f-]{36}@mci\.example>$/);

    await drainMail(t());
    const box = await ada.request({
      method: 'GET',
      url: `/api/v1/dev/mailbox?to=anna@${customer.slug}.example`,
    });
    expect(box.statusCode).toBe(200);
    const message = box.json().value[0];
    expect(message.status).toBe('sent');
    expect(message.subject).toBeTruthy();
    const link = message.links.find((l: string) => l.includes('/consent/'));
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:9\/consent\/[A-Za-z0-9_-]{43}$/);
    const token = link.split('/consent/')[1];
    // The token is stored only hashed.
    const stored = await handle().db.selectFrom('consent_links').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    expect((await eligibleRows()).find((r) => r.tenantId === customer.id)?.consentEmail).toBe('sent');

    const page = await publicGet(token);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({
      state: 'open',
      locale: 'pl',
      partner: { name: 'Trey Research', contactName: 'Ada Lovelace' },
      customer: { name: `Fresh ${customer.slug}`, contactName: 'Jan Kowalski' },
    });
    expect(page.json().workshops).toHaveLength(1);
    // A GET changes nothing.
    expect((await nomination(nominationId)).status).toBe('consent_pending');

    const now = t().clock.now();
    const accepted = await decide(token, 'accept');
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().state).toBe('accepted');
    expect(accepted.json().claimDueAt).toBe(new Date(now.getTime() + 90 * DAY).toISOString());
    const after = await nomination(nominationId);
    expect(after).toMatchObject({ status: 'active', type: 'active', daysLeft: 90 });
    const row = (await eligibleRows()).find((r) => r.tenantId === customer.id)!;
    expect(row).toMatchObject({ status: 'active', type: 'active', daysLeft: 90 });

    // A replayed accept is idempotent; a decline after it is refused.
    const replay = await decide(token, 'accept');
    expect(replay.statusCode).toBe(200);
    expect(replay.json().state).toBe('accepted');
    const late = await decide(token, 'decline');
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('InvalidTransition');
    expect((await nomination(nominationId)).status).toBe('active');

    // The partner was told, in the app and by email.
    const bell = (await ada.request({ method: 'GET', url: '/api/v1/notifications' })).json();
    expect(
      bell.value.some(
        (n: { kind: string; nominationId: string }) =>
          n.kind === 'consentAccepted' && n.nominationId === nominationId,
      ),
    ).toBe(true);
    expect(bell.unreadCount).toBeGreaterThan(0);
    const history = (
      await ada.request({ method: 'GET', url: `/api/v1/nominations/${nominationId}/history` })
    ).json();
    expect(history.value.map((e: { action: string }) => e.action)).toEqual([
      'addCustomer',
      'requestConsent',
      'acceptConsent',
    ]);
  });

  it('Idempotency-Key: a repeated send for consent answers the first result and sends one email', async () => {
    const { nominationId, customer } = await addCustomer();
    const key = `consent-${nominationId}`;
    const [a, b] = await Promise.all([
      sendForConsent(nominationId, `bo@${customer.slug}.example`, ada, key),
      sendForConsent(nominationId, `bo@${customer.slug}.example`, ada, key),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    const replayed = [a, b].filter((r) => r.headers['idempotent-replayed'] === 'true');
    expect(replayed).toHaveLength(1);
    const mails = await handle()
      .db.selectFrom('mail_messages')
      .select('id')
      .where('nomination_id', '=', nominationId)
      .execute();
    expect(mails).toHaveLength(1);
    // Sending again without the key is not a valid transition any more (use resend).
    const again = await sendForConsent(nominationId, `bo@${customer.slug}.example`);
    expect(again.statusCode).toBe(409);
  });

  it('bad input is a localised 400 in the error shape, and server-owned fields are refused', async () => {
    const { nominationId } = await addCustomer();
    const bad = await ada.request({
      method: 'POST',
      url: `/api/v1/nominations/${nominationId}/consent-requests`,
      headers: { 'accept-language': 'pl' },
      payload: {
        customerContact: { name: 'Eve\r\nBcc: victim@example.com', email: 'not-an-email', locale: 'xx' },
        partnerContact: { name: 'A', email: 'a@b.example' },
      },
    });
    expect(bad.statusCode).toBe(400);
    const error = bad.json().error;
    expect(error.code).toBe('ValidationFailed');
    const targets = error.details.map((d: { target: string }) => d.target);
    expect(targets).toEqual(
      expect.arrayContaining(['customerContact.name', 'customerContact.email', 'customerContact.locale']),
    );
    const massAssign = await ada.request({
      method: 'POST',
      url: `/api/v1/nominations/${nominationId}/consent-requests`,
      payload: { ...contact('x@y.example'), status: 'active' },
    });
    expect(massAssign.statusCode).toBe(400);
    expect((await nomination(nominationId)).status).toBe('claimed');
    const mails = await handle()
      .db.selectFrom('mail_messages')
      .select('id')
      .where('nomination_id', '=', nominationId)
      .execute();
    expect(mails).toHaveLength(0);
  });

  it("another partner's record is a 404, and a malformed token is a 400", async () => {
    const { nominationId } = await addCustomer();
    const foreign = await sendForConsent(nominationId, 'x@y.example', dan);
    expect(foreign.statusCode).toBe(404);
    const missing = await sendForConsent(crypto.randomUUID(), 'x@y.example');
    expect(missing.statusCode).toBe(404);
    expect(foreign.json().error.code).toBe(missing.json().error.code);
    expect((await publicGet('short')).statusCode).toBe(400);
    const unknown = await publicGet('A'.repeat(43));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('InvitationNotValid');
  });

  it('R29: one resend per hour (429 with Retry-After), every link of the request keeps working', async () => {
    const { nominationId, customer } = await addCustomer();
    const to = `cy@${customer.slug}.example`;
    await sendForConsent(nominationId, to);
    await drainMail(t());
    const first = await latestConsentToken(t(), to);
    const resend = () =>
      ada.request({ method: 'POST', url: `/api/v1/nominations/${nominationId}/consent-requests/resend` });
    const tooSoon = await resend();
    expect(tooSoon.statusCode).toBe(429);
    expect(Number(tooSoon.headers['retry-after'])).toBe(3600);
    expect(tooSoon.json().error.code).toBe('RateLimited');
    t().clock.advance(HOUR - 1000);
    const stillTooSoon = await resend();
    expect(Number(stillTooSoon.headers['retry-after'])).toBe(1);
    t().clock.advance(1000);
    const ok = await resend();
    expect(ok.statusCode, ok.body).toBe(202);
    expect(ok.json()).toMatchObject({ sendCount: 2, status: 'consent_pending' });
    await drainMail(t());
    const second = await latestConsentToken(t(), to);
    expect(second).not.toBe(first);
    expect((await publicGet(first)).statusCode).toBe(200);
    expect((await publicGet(second)).statusCode).toBe(200);
    // Resending never extends the window (R24).
    expect(ok.json().consentDueAt).toBe((await nomination(nominationId)).consentDueAt);
  });

  it('§4.3: changing the customer contact voids the old links (If-Match checked) and mails the new contact', async () => {
    const { nominationId, customer } = await addCustomer();
    const oldTo = `old@${customer.slug}.example`;
    const sent = await sendForConsent(nominationId, oldTo);
    await drainMail(t());
    const oldToken = await latestConsentToken(t(), oldTo);
    const newContact = { name: 'Nowa Osoba', email: `new@${customer.slug}.example`, locale: 'sv' };
    const stale = await ada.request({
      method: 'PATCH',
      url: `/api/v1/nominations/${nominationId}/consent-requests/current`,
      headers: { 'if-match': 'W/"stale"' },
      payload: { customerContact: newContact },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('PreconditionFailed');
    const patched = await ada.request({
      method: 'PATCH',
      url: `/api/v1/nominations/${nominationId}/consent-requests/current`,
      headers: { 'if-match': sent.headers.etag as string },
      payload: { customerContact: newContact },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().customerContact).toMatchObject({ email: newContact.email, locale: 'sv' });
    await drainMail(t());
    const old = await publicGet(oldToken);
    expect(old.statusCode).toBe(404);
    expect(old.json().error.code).toBe('InvitationNotValid');
    const fresh = await latestConsentToken(t(), newContact.email);
    const page = await publicGet(fresh);
    expect(page.statusCode).toBe(200);
    expect(page.json().locale).toBe('sv');
  });

  it('R30: a decline ends an added customer (gone from the page) and tells the partner', async () => {
    const { nominationId, customer } = await addCustomer();
    const to = `dee@${customer.slug}.example`;
    await sendForConsent(nominationId, to);
    await drainMail(t());
    const token = await latestConsentToken(t(), to);
    const declined = await decide(token, 'decline');
    expect(declined.statusCode).toBe(200);
    expect(declined.json().state).toBe('declined');
    expect((await nomination(nominationId)).status).toBe('consent_declined');
    expect((await eligibleRows()).some((r) => r.tenantId === customer.id)).toBe(false);
    expect((await decide(token, 'accept')).statusCode).toBe(409);
    const bell = (await ada.request({ method: 'GET', url: '/api/v1/notifications' })).json();
    expect(
      bell.value.some(
        (n: { kind: string; nominationId: string }) =>
          n.kind === 'consentDeclined' && n.nominationId === nominationId,
      ),
    ).toBe(true);
    const notice = await handle()
      .db.selectFrom('mail_messages')
      .selectAll()
      .where('nomination_id', '=', nominationId)
      .where('template', '=', 'partnerNotice')
      .execute();
    expect(notice).toHaveLength(1);
    expect(notice[0]!.to_address).toBe('ada@treyresearch.example');
  });

  it('§5: at deadline − 1 s accept works, at the deadline the link is expired (410) without any sweep', async () => {
    const a = await addCustomer();
    const b = await addCustomer();
    await sendForConsent(a.nominationId, `e1@${a.customer.slug}.example`);
    await sendForConsent(b.nominationId, `e2@${b.customer.slug}.example`);
    await drainMail(t());
    const ta = await latestConsentToken(t(), `e1@${a.customer.slug}.example`);
    const tb = await latestConsentToken(t(), `e2@${b.customer.slug}.example`);
    const due = new Date((await nomination(a.nominationId)).consentDueAt).getTime();
    const start = t().clock.now();
    t().clock.set(new Date(due - 1000));
    expect((await decide(ta, 'accept')).statusCode).toBe(200);
    t().clock.set(new Date(due + 1000));
    const expired = await decide(tb, 'accept');
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('DeadlinePassed');
    expect((await publicGet(tb)).statusCode).toBe(410);
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo'); // a month later: a new session
    const resend = await ada.request({
      method: 'POST',
      url: `/api/v1/nominations/${b.nominationId}/consent-requests/resend`,
    });
    expect(resend.statusCode).toBe(410);
    // The list already hides it (effective status), before any sweep.
    expect((await eligibleRows()).some((r) => r.tenantId === b.customer.id)).toBe(false);
    t().clock.set(start);
  });

  it('first consent wins: two partners accept at once, exactly one wins, the other is superseded', async () => {
    const customer = await freshCustomer();
    const trey = await addCustomer(ada, SEATTLE, customer);
    const prose = await addCustomer(dan, CHICAGO, customer);
    await sendForConsent(trey.nominationId, `t@${customer.slug}.example`);
    const p = await sendForConsent(prose.nominationId, `p@${customer.slug}.example`, dan);
    expect(p.statusCode, p.body).toBe(202);
    await drainMail(t());
    const tt = await latestConsentToken(t(), `t@${customer.slug}.example`);
    const tp = await latestConsentToken(t(), `p@${customer.slug}.example`);
    const results = await Promise.all([decide(tt, 'accept'), decide(tp, 'accept')]);
    const winners = results.filter((r) => r.statusCode === 200);
    expect(winners).toHaveLength(1);
    const loser = results.find((r) => r.statusCode !== 200)!;
    expect(loser.statusCode).toBe(404);
    expect(loser.json().error.code).toBe('InvitationNotValid');
    expect(loser.body).not.toMatch(/Trey|Proseware/);
    const statuses = [
      (await nomination(trey.nominationId)).status,
      (await nomination(prose.nominationId, dan)).status,
    ].sort();
    expect(statuses).toEqual(['active', 'superseded']);
    const consented = await handle()
      .db.selectFrom('nominations')
      .select('id')
      .where('tenant_id', '=', customer.id)
      .where('status', '=', 'active')
      .execute();
    expect(consented).toHaveLength(1);
    // The loser sees the customer on its Ineligible tab with the reason, never the winner's name.
    const loserClient = statuses && (await nomination(trey.nominationId)).status === 'superseded' ? ada : dan;
    const ineligible = (
      await loserClient.request({
        method: 'GET',
        url: `/api/v1/engagements/${SEC}/customers?tab=ineligible&maxpagesize=500`,
      })
    ).json().value as { tenantId: string; ineligibleReason: { code: string } }[];
    expect(ineligible.find((r) => r.tenantId === customer.id)?.ineligibleReason.code).toBe(
      'consentedToOtherPartner',
    );
  });

  it('the deadline sweep ends each overdue record once, even with two sweeps at once after a long pause', async () => {
    const a = await addCustomer();
    const b = await addCustomer();
    await sendForConsent(b.nominationId, `s@${b.customer.slug}.example`);
    const start = t().clock.now();
    t().clock.advance(40 * DAY); // the sweeper was stopped for days
    const [one, two] = await Promise.all([sweepDeadlines(t().ctx), sweepDeadlines(t().ctx)]);
    const ours = await handle()
      .db.selectFrom('nominations')
      .select(['id', 'status'])
      .where('id', 'in', [a.nominationId, b.nominationId])
      .execute();
    expect(ours.map((r) => r.status)).toEqual(['consent_expired', 'consent_expired']);
    expect(one.transitioned + two.transitioned).toBeGreaterThanOrEqual(2);
    const audits = await handle()
      .db.selectFrom('audit_events')
      .select('nomination_id')
      .where('nomination_id', 'in', [a.nominationId, b.nominationId])
      .where('action', '=', 'expireConsent')
      .execute();
    expect(audits).toHaveLength(2);
    const notices = await handle()
      .db.selectFrom('mail_messages')
      .select('id')
      .where('nomination_id', 'in', [a.nominationId, b.nominationId])
      .where('template', '=', 'partnerNotice')
      .execute();
    expect(notices).toHaveLength(2);
    const again = await sweepDeadlines(t().ctx);
    expect(again.byEvent.expireConsent ?? 0).toBe(0);
    t().clock.set(start);
  });

  it('the dev mailbox and the test clock answer 404 when switched off', async () => {
    const clock = await ada.request({ method: 'GET', url: '/api/v1/test-clock' });
    expect(clock.statusCode).toBe(404);
    const session = (await ada.request({ method: 'GET', url: '/api/v1/session' })).json();
    expect(session.features).toEqual({ mailbox: true, testClock: false });
    const anonymous = await t().app.inject({ method: 'GET', url: '/api/v1/dev/mailbox' });
    expect(anonymous.statusCode).toBe(401);
  });
});
