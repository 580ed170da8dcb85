import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { systemClock } from '../../src/adapters/clock/clock.ts';
import { OffsetClock } from '../../src/adapters/clock/test-clock.ts';
import { sendCustomerReminders, sendDeadlineNotices } from '../../src/app/sweeps/reminders.ts';
import { buildHttpApp } from '../../src/http/app.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId } from '../../src/seed/demo-catalogue.ts';
import { freshCustomer } from '../support/customers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';
import { drainMail, latestConsentToken } from '../support/mail.ts';

const SEC = engagementId('SEC-WS');
const SEATTLE = locationId('trey-seattle');
const DAY = 24 * 3_600_000;

// Reminders and notices (spec §4.3 "Beyond Partner Center"), the consent page's HTTP status, and the
// test clock (issue 5).
describeEachDatabase('consent reminders, notices, consent page and test clock', ({ handle }) => {
  const t = useTestApp(handle);
  let ada: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
  });

  async function pending(email: string) {
    const { slug } = await freshCustomer(handle().db, { prefix: 'rem' });
    const added = await ada.request({
      method: 'POST',
      url: '/api/v1/nominations',
      payload: { origin: 'add', locationId: SEATTLE, engagementIds: [SEC], email: `it@${slug}.example` },
    });
    const nominationId = added.json().value[0].id as string;
    const sent = await ada.request({
      method: 'POST',
      url: `/api/v1/nominations/${nominationId}/consent-requests`,
      payload: {
        customerContact: { name: 'Rita Reminded', email, locale: 'nl' },
        partnerContact: { name: 'Ada Lovelace', email: 'ada@treyresearch.example' },
      },
    });
    expect(sent.statusCode).toBe(202);
    return { nominationId, consentDueAt: new Date(sent.json().consentDueAt) };
  }
  const mailsOf = (nominationId: string, template: string) =>
    handle()
      .db.selectFrom('mail_messages')
      .selectAll()
      .where('nomination_id', '=', nominationId)
      .where('template', '=', template)
      .execute();

  it('reminds the customer 7 and 2 days before the deadline, once each, with a working link', async () => {
    const start = t().clock.now();
    const { nominationId, consentDueAt } = await pending('rita@customer.example');
    t().clock.set(new Date(consentDueAt.getTime() - 7 * DAY - 1000));
    await sendCustomerReminders(t().ctx);
    expect(await mailsOf(nominationId, 'consentReminder')).toHaveLength(0);
    t().clock.set(new Date(consentDueAt.getTime() - 7 * DAY));
    await Promise.all([sendCustomerReminders(t().ctx), sendCustomerReminders(t().ctx)]);
    expect(await mailsOf(nominationId, 'consentReminder')).toHaveLength(1);
    t().clock.set(new Date(consentDueAt.getTime() - 2 * DAY + 1000));
    await sendCustomerReminders(t().ctx);
    await sendCustomerReminders(t().ctx);
    const reminders = await mailsOf(nominationId, 'consentReminder');
    expect(reminders).toHaveLength(2);
    expect(reminders.every((m) => m.locale === 'nl')).toBe(true);
    await drainMail(t().ctx);
    const token = await latestConsentToken(t().ctx, 'rita@customer.example');
    const page = await t().app.inject({ method: 'GET', url: `/api/v1/public/consent/${token}` });
    expect(page.statusCode).toBe(200);
    t().clock.set(start);
  });

  it('after a long pause the reminders that fell due together send one email', async () => {
    const start = t().clock.now();
    const { nominationId, consentDueAt } = await pending('paula@customer.example');
    t().clock.set(new Date(consentDueAt.getTime() - DAY));
    await sendCustomerReminders(t().ctx);
    await sendCustomerReminders(t().ctx);
    expect(await mailsOf(nominationId, 'consentReminder')).toHaveLength(1);
    t().clock.set(start);
  });

  it('tells the partner 3 days before the consent deadline, once, in the app and by email', async () => {
    const start = t().clock.now();
    const { nominationId, consentDueAt } = await pending('nora@customer.example');
    t().clock.set(new Date(consentDueAt.getTime() - 3 * DAY + 1000));
    await Promise.all([sendDeadlineNotices(t().ctx), sendDeadlineNotices(t().ctx)]);
    await sendDeadlineNotices(t().ctx);
    const notices = (await mailsOf(nominationId, 'partnerNotice')).filter(
      (m) => (m.params as { kind: string }).kind === 'deadlineSoon',
    );
    expect(notices).toHaveLength(1);
    expect(notices[0]!.to_address).toBe('ada@treyresearch.example');
    const inApp = await handle()
      .db.selectFrom('notifications')
      .selectAll()
      .where('nomination_id', '=', nominationId)
      .where('kind', '=', 'deadlineSoon')
      .execute();
    expect(inApp.length).toBeGreaterThan(0);
    expect(new Set(inApp.map((n) => n.user_id)).size).toBe(inApp.length);
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    const bell = (
      await ada.request({ method: 'GET', url: '/api/v1/notifications', headers: { 'accept-language': 'pl' } })
    ).json();
    const mine = bell.value.find(
      (n: { kind: string; nominationId: string }) =>
        n.kind === 'deadlineSoon' && n.nominationId === nominationId,
    );
    expect(mine.message).toMatch(/3 dni/);
    expect(mine.engagementId).toBe(SEC);
    const read = await ada.request({
      method: 'POST',
      url: '/api/v1/notifications/read',
      payload: { ids: [mine.id] },
    });
    expect(read.statusCode).toBe(204);
    const after = (await ada.request({ method: 'GET', url: '/api/v1/notifications' })).json();
    expect(after.value.find((n: { id: string }) => n.id === mine.id).read).toBe(true);
    expect(after.unreadCount).toBe(bell.unreadCount - 1);
    t().clock.set(start);
  });

  it('serves the consent page with the status of its link: 200 open, 404 unknown, 410 expired', async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'mci-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>MCI</title><div id="root"></div>');
    const app = await buildHttpApp({ ctx: t().ctx, webRoot, logLevel: 'silent', ping: async () => {} });
    try {
      const start = t().clock.now();
      const { consentDueAt } = await pending('page@customer.example');
      await drainMail(t().ctx);
      const token = await latestConsentToken(t().ctx, 'page@customer.example');
      const open = await app.inject({ method: 'GET', url: `/consent/${token}` });
      expect(open.statusCode).toBe(200);
      expect(open.body).toContain('<div id="root">');
      expect(open.headers['cache-control']).toBe('no-store');
      expect((await app.inject({ method: 'GET', url: `/consent/${'x'.repeat(43)}` })).statusCode).toBe(404);
      t().clock.set(new Date(consentDueAt.getTime() + 1000));
      expect((await app.inject({ method: 'GET', url: `/consent/${token}` })).statusCode).toBe(410);
      t().clock.set(start);
    } finally {
      await app.close();
    }
  });

  it('the test clock (MCI_TEST_CLOCK=1) moves the application time for every instance', async () => {
    const clock = new OffsetClock(handle().db);
    const other = new OffsetClock(handle().db);
    const app = await buildHttpApp({
      ctx: { ...t().ctx, clock, testClock: clock, sessionClock: systemClock },
      logLevel: 'silent',
      ping: async () => {},
    });
    try {
      const olga = await signInAs(app, 'olga@program.example', 'demo');
      const session = (await olga.request({ method: 'GET', url: '/api/v1/session' })).json();
      expect(session.features.testClock).toBe(true);
      const before = (await olga.request({ method: 'GET', url: '/api/v1/test-clock' })).json();
      expect(before.offsetMs).toBe(0);
      const bad = await olga.request({
        method: 'POST',
        url: '/api/v1/test-clock',
        payload: { advance: '31 days' },
      });
      expect(bad.statusCode).toBe(400);
      const moved = await olga.request({
        method: 'POST',
        url: '/api/v1/test-clock',
        payload: { advance: 'P31D' },
      });
      expect(moved.statusCode).toBe(200);
      expect(moved.json().offsetMs).toBe(31 * DAY);
      expect(new Date(moved.json().now).getTime() - Date.now()).toBeGreaterThan(31 * DAY - 60_000);
      await other.sync();
      expect(other.offsetMs()).toBe(31 * DAY);
      // Sessions run on real time: moving the business clock signs nobody out.
      expect((await olga.request({ method: 'GET', url: '/api/v1/session' })).statusCode).toBe(200);
    } finally {
      await sql`delete from app_settings where key = 'testClock'`.execute(handle().db);
      await app.close();
    }
  });
});
