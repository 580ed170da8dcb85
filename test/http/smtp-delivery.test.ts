import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { smtpTransport } from '../../src/adapters/mail/transports.ts';
import { startWorker } from '../../src/jobs/worker.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId } from '../../src/seed/demo-catalogue.ts';
import { freshCustomer } from '../support/customers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

const SEC = engagementId('SEC-WS');
const SEATTLE = locationId('trey-seattle');

/** A real SMTP server on loopback that parses what it receives (mailparser). */
async function startSink(port = 0) {
  const received: { envelope: string[]; mail: ParsedMail }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ envelope: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.server.address() as AddressInfo;
  return {
    server,
    received,
    port: address.port,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value as T;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Email over real SMTP (issue 5, quality §3.5, §3.10): the worker renders and delivers; the sink parses
// the message; with SMTP down user actions still succeed and the queue drains when it comes back.
describeEachDatabase('consent email over SMTP', ({ handle }) => {
  const t = useTestApp(handle);
  let sink: Awaited<ReturnType<typeof startSink>>;
  let ada: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    sink = await startSink();
    t().ctx.links = { baseUrl: 'https://mci.example' };
    t().ctx.mail = {
      from: 'MCI Incentives <no-reply@mci.example>',
      transport: smtpTransport(`smtp://127.0.0.1:${sink.port}`),
      maxAttempts: 3,
      retryDelaySeconds: 1,
    };
    await startWorker(t().ctx, t().queue);
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
  });
  afterAll(async () => {
    await sink?.close();
  });

  /** A record pending consent; the contact's address is at the customer's own domain (R34). */
  async function pendingRecord(contactName: string, localPart: string) {
    const { domain } = await freshCustomer(handle().db, { prefix: 'smtp' });
    const email = `${localPart}@${domain}`;
    const added = await ada.request({
      method: 'POST',
      url: '/api/v1/nominations',
      payload: { origin: 'add', locationId: SEATTLE, engagementIds: [SEC], email: `it@${domain}` },
    });
    const nominationId = added.json().value[0].id as string;
    const sent = await ada.request({
      method: 'POST',
      url: `/api/v1/nominations/${nominationId}/consent-requests`,
      payload: {
        customerContact: { name: contactName, email, locale: 'tr' },
        partnerContact: { name: 'Ada Lovelace', email: 'ada@treyresearch.example' },
      },
    });
    expect(sent.statusCode, sent.body).toBe(202);
    return { nominationId, email };
  }

  it('delivers one parsed message with text and HTML, the stable Message-ID and exactly one recipient', async () => {
    const { nominationId, email } = await pendingRecord('Ayşe "Bcc" Yılmaz', 'ayse');
    const got = await waitFor(() => sink.received.find((r) => r.envelope.includes(email)));
    expect(got.envelope).toEqual([email]);
    const stored = await handle()
      .db.selectFrom('mail_messages')
      .selectAll()
      .where('nomination_id', '=', nominationId)
      .executeTakeFirstOrThrow();
    expect(got.mail.messageId).toBe(stored.message_id);
    expect(got.mail.subject).toBe(stored.subject);
    expect(got.mail.text).toContain('https://mci.example/consent/');
    expect(got.mail.html).toContain('https://mci.example/consent/');
    expect(got.mail.to && 'value' in got.mail.to ? got.mail.to.value[0]?.name : '').toBe('Ayşe "Bcc" Yılmaz');
    expect(got.mail.headers.get('bcc')).toBeUndefined();
    expect(got.mail.from?.value[0]?.address).toBe('no-reply@mci.example');
    await waitFor(async () => {
      const r = await handle()
        .db.selectFrom('consent_requests')
        .select('email_status')
        .where('nomination_id', '=', nominationId)
        .executeTakeFirst();
      return r?.email_status === 'sent' ? true : undefined;
    });
  });

  it('SMTP down: the action succeeds, delivery retries with back-off, and the queue drains when SMTP returns', async () => {
    const port = sink.port;
    await sink.close();
    // Room for retries while SMTP is down, even on a loaded machine (the next test needs the last one).
    t().ctx.mail = { ...t().ctx.mail!, maxAttempts: 8 };
    const { nominationId, email } = await pendingRecord('Deniz Kaya', 'deniz');
    // The first attempt fails; the message waits for its retry.
    await waitFor(async () => {
      const m = await handle()
        .db.selectFrom('mail_messages')
        .select(['attempts', 'status'])
        .where('nomination_id', '=', nominationId)
        .executeTakeFirst();
      return m && m.attempts >= 1 && m.status === 'rendered' ? true : undefined;
    });
    sink = await startSink(port);
    const got = await waitFor(() => sink.received.find((r) => r.envelope.includes(email)));
    expect(got.mail.text).toContain('/consent/');
    expect(sink.received.filter((r) => r.envelope.includes(email))).toHaveLength(1);
    // The sink has the message before the sender records it: wait for the record, then count again.
    await waitFor(async () => {
      const m = await handle()
        .db.selectFrom('mail_messages')
        .select(['status'])
        .where('nomination_id', '=', nominationId)
        .executeTakeFirstOrThrow();
      return m.status === 'sent' ? true : undefined;
    });
    expect(sink.received.filter((r) => r.envelope.includes(email))).toHaveLength(1);
    t().ctx.mail = { ...t().ctx.mail!, maxAttempts: 3 };
  }, 60_000);

  it('after the last attempt the row shows "email failed – resend"', async () => {
    const port = sink.port;
    await sink.close();
    const { nominationId } = await pendingRecord('Can Demir', 'can');
    await waitFor(async () => {
      const r = await handle()
        .db.selectFrom('consent_requests')
        .select('email_status')
        .where('nomination_id', '=', nominationId)
        .executeTakeFirst();
      return r?.email_status === 'failed' ? true : undefined;
    }, 40_000);
    const rows = (
      await ada.request({
        method: 'GET',
        url: `/api/v1/engagements/${SEC}/customers?tab=eligible&maxpagesize=500`,
      })
    ).json().value as { nominationId: string; consentEmail: string; actions: string[] }[];
    const row = rows.find((r) => r.nominationId === nominationId)!;
    expect(row.consentEmail).toBe('failed');
    expect(row.actions).toContain('resendConsent');
    sink = await startSink(port);
  }, 60_000);
});
