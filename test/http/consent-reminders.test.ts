import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { sendCustomerReminders, sendDeadlineNotices } from '../../src/app/sweeps/reminders.ts';
import { loadConfig } from '../../src/config.ts';
import { composeHttpApp } from '../../src/main/runtime.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId } from '../../src/seed/demo-catalogue.ts';
import { freshCustomer } from '../support/customers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';
import { drainMail, latestConsentToken } from '../support/mail.ts';

const SEC = engagementId('SEC-WS');
const SEATTLE = locationId('trey-seattle');
const DAY = 24 * 3_600_000;

// Reminders and notices (spec §4.3 "Beyond Partner Center") and the consent page's HTTP status
// (issue 5). The test clock has its own test (test-clock.test.ts).
describeEachDatabase('consent reminders, notices and consent page', ({ handle }) => {
  const t = useTestApp(handle);
  let ada: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
  });

  /** A record pending consent, the contact at the customer's own domain (R34). */
  async function pending(contact: string) {
    const { slug } = await freshCustomer(handle().db, { prefix: 'rem' });
    const email = `${contact}@${slug}.example`;
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
    return { nominationId, email, consentDueAt: new Date(sent.json().consentDueAt) };
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
    const { nominationId, email, consentDueAt } = await pending('rita');
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
    await drainMail(t());
    const token = await latestConsentToken(t(), email);
    const page = await t().app.inject({ method: 'GET', url: `/api/v1/public/consent/${token}` });
    expect(page.statusCode).toBe(200);
    t().clock.set(start);
  });

  it('after a long pause the reminders that fell due together send one email', async () => {
    const start = t().clock.now();
    const { nominationId, consentDueAt } = await pending('paula');
    t().clock.set(new Date(consentDueAt.getTime() - DAY));
    await sendCustomerReminders(t().ctx);
    await sendCustomerReminders(t().ctx);
    expect(await mailsOf(nominationId, 'consentReminder')).toHaveLength(1);
    t().clock.set(start);
  });

  it('tells the partner 3 days before the consent deadline, once, in the app and by email', async () => {
    const start = t().clock.now();
    const { nominationId, consentDueAt } = await pending('nora');
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
    const app = await composeHttpApp(handle(), t().ctx, t().queue, loadConfig({ LOG_LEVEL: 'silent' }), {
      webRoot,
    });
    try {
      const start = t().clock.now();
      const { email, consentDueAt } = await pending('page');
      await drainMail(t());
      const token = await latestConsentToken(t(), email);
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
});
