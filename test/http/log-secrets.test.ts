import { afterAll, expect, it } from 'vitest';
import { engagementId, locationId } from '../../src/seed/demo-catalogue.ts';
import { prepareInstallation, signIn } from '../support/installation.ts';
import { kill, type MciProcess, spawnMci } from '../support/server-process.ts';

// Issue 13 item 3: the log of a real run (LOG_LEVEL=debug, the most talkative) is structured JSON, every
// line of a request carries its correlation id, the jobs a request queued log under that same id, and
// none of the secrets the run created appears: session cookie, CSRF token, consent token (it is in the
// emailed link, so no email body either) and a password.

let server: MciProcess | undefined;
afterAll(async () => {
  if (server) await kill(server);
});

async function json(response: Response) {
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

it('logs JSON with correlation ids on requests and their jobs, and never a secret', async () => {
  const install = await prepareInstallation('pglite', { customers: 1 });
  server = spawnMci('start', { ...install.env, LOG_LEVEL: 'debug' });
  const base = await server.ready;
  const password = `Wrong-${crypto.randomUUID()}`;
  const refused = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ada@treyresearch.example', password }),
  });
  expect(refused.status).toBe(401);
  const auth = await signIn(base);
  const headers = { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.csrfToken };
  expect((await fetch(`${base}/api/v1/session`, { headers })).status).toBe(200);
  const added = await fetch(`${base}/api/v1/nominations`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      origin: 'add',
      locationId: locationId('trey-seattle'),
      engagementIds: [engagementId('SEC-WS')],
      email: `it@${install.domains[0]}`,
    }),
  });
  expect(added.status).toBe(201);
  const id = (await json(added)).value[0].id as string;
  const contact = `cto@${install.domains[0]}`;
  const requested = await fetch(`${base}/api/v1/nominations/${id}/consent-requests`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      customerContact: { name: 'Log Test', email: contact, locale: 'en' },
      partnerContact: { name: 'Ada', email: 'ada@treyresearch.example' },
    }),
  });
  expect(requested.status).toBe(202);
  const consentCorrelation = requested.headers.get('x-correlation-id')!;
  // The worker (in this process) renders and "sends" the email into the embedded mailbox.
  let token = '';
  for (let i = 0; i < 240 && !token; i++) {
    const box = await json(
      await fetch(`${base}/api/v1/dev/mailbox?to=${encodeURIComponent(contact)}`, { headers }),
    );
    const link = (box.value as { links: string[] }[])
      .flatMap((m) => m.links)
      .find((l) => l.includes('/consent/'));
    token = link ? link.split('/consent/')[1]! : '';
    if (!token) await new Promise((r) => setTimeout(r, 250));
  }
  expect(token).not.toBe('');
  expect((await fetch(`${base}/api/v1/public/consent/${token}`)).status).toBe(200);
  const accepted = await fetch(`${base}/api/v1/public/consent/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'accept' }),
  });
  expect(accepted.status).toBe(200);
  // Issue 15 item 2: an invitation link (Cleo, the Account admin, invites; the page is opened).
  const cleo = await signIn(base, 'cleo@treyresearch.example');
  const cleoHeaders = {
    'content-type': 'application/json',
    cookie: cleo.cookie,
    'x-csrf-token': cleo.csrfToken,
  };
  const invitee = 'log.invitee@treyresearch.example';
  const invited = await fetch(`${base}/api/v1/partner/users`, {
    method: 'POST',
    headers: cleoHeaders,
    body: JSON.stringify({ email: invitee, name: 'Log Invitee', roles: [] }),
  });
  expect(invited.status).toBe(201);
  let invitationToken = '';
  for (let i = 0; i < 240 && !invitationToken; i++) {
    const box = await json(
      await fetch(`${base}/api/v1/dev/mailbox?to=${encodeURIComponent(invitee)}`, { headers: cleoHeaders }),
    );
    const link = (box.value as { links: string[] }[])
      .flatMap((m) => m.links)
      .find((l) => l.includes('/invitations/'));
    invitationToken = link ? link.split('/invitations/')[1]! : '';
    if (!invitationToken) await new Promise((r) => setTimeout(r, 250));
  }
  expect(invitationToken).not.toBe('');
  expect((await fetch(`${base}/api/v1/public/invitations/${invitationToken}`)).status).toBe(200);

  server.proc.kill('SIGTERM');
  expect(await server.exited).toBe(0);
  const lines = server
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'));
  const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(records.length).toBeGreaterThan(10);

  const cookieValue = auth.cookie.split('=')[1]!;
  const log = server.output();
  for (const [name, secret] of Object.entries({
    sessionCookie: cookieValue,
    csrfToken: auth.csrfToken,
    consentToken: token,
    invitationToken,
    password,
  })) {
    expect(secret.length, name).toBeGreaterThan(8);
    expect(log.includes(secret), `${name} appears in the log`).toBe(false);
  }
  // Every line about a request names its correlation id, and the public consent URL is masked.
  const requestLines = records.filter((r) => r.req || r.res);
  expect(requestLines.length).toBeGreaterThan(10);
  for (const r of requestLines) expect(typeof r.correlationId, JSON.stringify(r)).toBe('string');
  expect(requestLines.some((r) => JSON.stringify(r.req ?? '').includes('/public/consent/[token]'))).toBe(
    true,
  );
  expect(requestLines.some((r) => JSON.stringify(r.req ?? '').includes('/public/invitations/[token]'))).toBe(
    true,
  );
  // The jobs the consent request queued (render, then deliver) log under the request's correlation id.
  const jobLines = records.filter((r) => r.correlationId === consentCorrelation && typeof r.job === 'string');
  expect(jobLines.map((r) => r.job)).toEqual(expect.arrayContaining(['mail.render', 'mail.deliver']));
}, 180_000);
