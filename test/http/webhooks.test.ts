import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InjectOptions } from 'fastify';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWorker } from '../../src/jobs/worker.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId } from '../../src/seed/demo-catalogue.ts';
import { freshCustomer } from '../support/customers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';

const SEC = engagementId('SEC-WS');
const SEATTLE = locationId('trey-seattle');

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/**
 * A real receiver on loopback: answers 500 to the first arrival of each message whose type is in
 * `failFirst`, 204 to everything else, and keeps what it got.
 */
function receiver(failFirst: ReadonlySet<string>) {
  const received: Received[] = [];
  const seen = new Set<string>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const id = String(request.headers['webhook-id']);
      const type = (JSON.parse(body) as { type: string }).type;
      const status = failFirst.has(type) && !seen.has(id) ? 500 : 204;
      seen.add(id);
      received.push({ headers: request.headers, body, status });
      response.writeHead(status).end();
    });
  });
  return {
    received,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const verify = (secret: string, r: Received) =>
  new Webhook(secret).verify(r.body, {
    'webhook-id': String(r.headers['webhook-id']),
    'webhook-timestamp': String(r.headers['webhook-timestamp']),
    'webhook-signature': String(r.headers['webhook-signature']),
  }) as { type: string; data: Record<string, unknown> };

async function until<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Issue 14 item 2, signed webhooks (Standard Webhooks 1.0), end to end: an integration with only an API
// token registers its receiver, adds a customer and requests consent; a real loopback receiver verifies
// every signature with `standardwebhooks`, fails the first delivery, and sees the retry with the same
// webhook-id. Retries wait 1 s here (WEBHOOK_RETRY_DELAYS_SECONDS).
describeEachDatabase('webhooks', ({ handle }) => {
  const t = useTestApp(handle, {
    env: { MCI_WEBHOOKS_ALLOW_PRIVATE: '1', WEBHOOK_RETRY_DELAYS_SECONDS: '1,1' },
  });
  // The same installation without the flag: registration refuses private targets.
  const strict = useTestApp(handle);
  const hooks = receiver(new Set(['nomination.created']));
  let url = '';
  let ada: Awaited<ReturnType<typeof signInAs>>;
  let dan: Awaited<ReturnType<typeof signInAs>>;
  let token = '';
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    await startWorker(t().ctx, t().queue);
    url = `${await hooks.listen()}/hooks`;
    ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    dan = await signInAs(t().app, 'dan@proseware.example', 'demo');
    const created = await ada.request({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: { name: 'CRM', scopes: ['read', 'write'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    token = created.json().token;
  });
  afterAll(() => hooks.close());

  const bearer = (options: InjectOptions) =>
    t().app.inject({ ...options, headers: { authorization: `Bearer ${token}`, ...(options.headers ?? {}) } });
  const register = async (events: string[]) => {
    const response = await bearer({
      method: 'POST',
      url: '/api/v1/webhook-endpoints',
      payload: { url, events, description: 'CRM' },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; secret: string; events: string[]; enabled: boolean };
  };
  const arrivals = (type: string) =>
    hooks.received.filter((r) => (JSON.parse(r.body) as { type: string }).type === type);

  it('an integration with only a token registers, adds a customer and asks for consent; signed events arrive, the failed one again with the same id', async () => {
    const endpoint = await register(['nomination.created', 'consent.requested']);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint).toMatchObject({ enabled: true, events: ['nomination.created', 'consent.requested'] });
    // The secret is kept so the server can sign, and is never shown again.
    const one = await bearer({ method: 'GET', url: `/api/v1/webhook-endpoints/${endpoint.id}` });
    expect(one.statusCode).toBe(200);
    expect(one.body).not.toContain(endpoint.secret.slice(6));
    const list = await bearer({ method: 'GET', url: '/api/v1/webhook-endpoints' });
    expect(list.body).not.toContain(endpoint.secret.slice(6));
    expect(list.json().value.map((e: { id: string }) => e.id)).toContain(endpoint.id);

    const customer = await freshCustomer(handle().db, { prefix: 'hook' });
    const added = await bearer({
      method: 'POST',
      url: '/api/v1/nominations',
      payload: { origin: 'add', locationId: SEATTLE, engagementIds: [SEC], email: customer.email },
    });
    expect(added.statusCode, added.body).toBe(201);
    const nominationId = added.json().value[0].id as string;

    // The first delivery fails (500); the retry 1 s later carries the same webhook-id and is accepted.
    const created = await until('the retried nomination.created', () => {
      const got = arrivals('nomination.created');
      return got.length >= 2 ? got : undefined;
    });
    expect(created.map((r) => r.status)).toEqual([500, 204]);
    expect(created[1]!.headers['webhook-id']).toBe(created[0]!.headers['webhook-id']);
    expect(String(created[0]!.headers['webhook-id'])).toMatch(/^msg_[0-9a-f]{32}$/);
    for (const r of created) {
      const event = verify(endpoint.secret, r);
      expect(event).toMatchObject({
        type: 'nomination.created',
        data: {
          nominationId,
          engagementId: SEC,
          locationId: SEATTLE,
          customer: { tenantId: customer.id, name: customer.name },
          status: 'claimed',
          previousStatus: null,
        },
      });
    }
    // A tampered body fails verification: the check above can fail.
    expect(() =>
      verify(endpoint.secret, { ...created[1]!, body: created[1]!.body.replace('claimed', 'active') }),
    ).toThrow();

    const requested = await bearer({
      method: 'POST',
      url: `/api/v1/nominations/${nominationId}/consent-requests`,
      payload: {
        customerContact: { name: 'Jan Kowalski', email: customer.email, locale: 'en' },
        partnerContact: { name: 'Ada Lovelace', email: 'ada@treyresearch.example' },
      },
    });
    expect(requested.statusCode, requested.body).toBe(202);
    const consent = await until('consent.requested', () => arrivals('consent.requested')[0]);
    expect(consent.status).toBe(204);
    expect(verify(endpoint.secret, consent)).toMatchObject({
      type: 'consent.requested',
      data: { nominationId, status: 'consent_pending', previousStatus: 'claimed' },
    });

    // The delivery log: newest first, with the attempts, the receiver's answers, keyset-paged. The
    // attempt is recorded just after the receiver answered: wait until nothing is pending.
    const end = Date.now() + 10_000;
    for (;;) {
      const all = await bearer({ method: 'GET', url: `/api/v1/webhook-endpoints/${endpoint.id}/deliveries` });
      if (!all.json().value.some((d: { status: string }) => d.status === 'pending')) break;
      if (Date.now() > end) throw new Error(`deliveries still pending: ${all.body}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const log = await bearer({
      method: 'GET',
      url: `/api/v1/webhook-endpoints/${endpoint.id}/deliveries?maxpagesize=1`,
    });
    expect(log.statusCode, log.body).toBe(200);
    expect(log.json().value).toHaveLength(1);
    expect(log.json().value[0]).toMatchObject({
      event: 'consent.requested',
      status: 'succeeded',
      attempt: 1,
      responseStatus: 204,
    });
    const next = await bearer({ method: 'GET', url: log.json().nextLink });
    expect(next.json().value[0]).toMatchObject({
      event: 'nomination.created',
      status: 'succeeded',
      attempt: 2,
      responseStatus: 204,
      messageId: created[0]!.headers['webhook-id'],
    });
    expect(next.json().value[0].durationMs).toBeGreaterThanOrEqual(0);

    // The counter of delivery attempts.
    const metrics = await t().app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(
      /webhook_deliveries_total\{event="nomination.created",outcome="retrying"\} [1-9]/,
    );
    expect(metrics.body).toMatch(
      /webhook_deliveries_total\{event="nomination.created",outcome="succeeded"\} [1-9]/,
    );
  });

  it('sends a test message, redelivers it with the same id, and signs with both secrets after a rotation', async () => {
    const endpoint = await register(['claim.approved']);
    const test = await ada.request({ method: 'POST', url: `/api/v1/webhook-endpoints/${endpoint.id}/test` });
    expect(test.statusCode, test.body).toBe(202);
    const messageId = test.json().messageId as string;
    const first = await until('webhook.test', () =>
      hooks.received.find((r) => r.headers['webhook-id'] === messageId),
    );
    expect(verify(endpoint.secret, first)).toMatchObject({
      type: 'webhook.test',
      data: { endpointId: endpoint.id },
    });

    const redeliver = await ada.request({
      method: 'POST',
      url: `/api/v1/webhook-endpoints/${endpoint.id}/deliveries/${test.json().id}/redeliver`,
    });
    expect(redeliver.statusCode, redeliver.body).toBe(202);
    await until('the redelivery', () => {
      const got = hooks.received.filter((r) => r.headers['webhook-id'] === messageId);
      return got.length >= 2 ? got : undefined;
    });

    const rotated = await ada.request({
      method: 'POST',
      url: `/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`,
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { secret, previousSecretExpiresAt } = rotated.json() as {
      secret: string;
      previousSecretExpiresAt: string;
    };
    expect(secret).not.toBe(endpoint.secret);
    expect(Date.parse(previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3600_000);
    const again = await ada.request({ method: 'POST', url: `/api/v1/webhook-endpoints/${endpoint.id}/test` });
    const signed = await until('the test after rotation', () =>
      hooks.received.find((r) => r.headers['webhook-id'] === again.json().messageId),
    );
    const signatures = String(signed.headers['webhook-signature']).split(' ');
    expect(signatures).toHaveLength(2);
    for (const s of signatures) expect(s).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    // Either secret verifies it: the receiver switches at its own pace.
    expect(verify(secret, signed)).toMatchObject({ type: 'webhook.test' });
    expect(verify(endpoint.secret, signed)).toMatchObject({ type: 'webhook.test' });
    expect(() => verify(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, signed)).toThrow();
  });

  it('changes, disables and deletes an endpoint', async () => {
    const endpoint = await register(['nomination.created']);
    const patched = await ada.request({
      method: 'PATCH',
      url: `/api/v1/webhook-endpoints/${endpoint.id}`,
      payload: { enabled: false, events: ['claim.approved', 'claim.rejected'] },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ enabled: false, events: ['claim.approved', 'claim.rejected'] });
    const empty = await ada.request({
      method: 'PATCH',
      url: `/api/v1/webhook-endpoints/${endpoint.id}`,
      payload: {},
    });
    expect(empty.statusCode).toBe(400);
    const gone = await ada.request({ method: 'DELETE', url: `/api/v1/webhook-endpoints/${endpoint.id}` });
    expect(gone.statusCode).toBe(204);
    const missing = await ada.request({ method: 'GET', url: `/api/v1/webhook-endpoints/${endpoint.id}` });
    expect(missing.statusCode).toBe(404);
  });

  it("another partner's endpoints are the same 404 as missing ones, and its list does not show them", async () => {
    const endpoint = await register(['nomination.created']);
    const delivery = (
      await ada.request({ method: 'POST', url: `/api/v1/webhook-endpoints/${endpoint.id}/test` })
    ).json().id as string;
    const calls = (id: string, deliveryId: string): InjectOptions[] => [
      { method: 'GET', url: `/api/v1/webhook-endpoints/${id}` },
      { method: 'PATCH', url: `/api/v1/webhook-endpoints/${id}`, payload: { enabled: false } },
      { method: 'DELETE', url: `/api/v1/webhook-endpoints/${id}` },
      { method: 'POST', url: `/api/v1/webhook-endpoints/${id}/rotate-secret` },
      { method: 'POST', url: `/api/v1/webhook-endpoints/${id}/test` },
      { method: 'GET', url: `/api/v1/webhook-endpoints/${id}/deliveries` },
      { method: 'POST', url: `/api/v1/webhook-endpoints/${id}/deliveries/${deliveryId}/redeliver` },
    ];
    const foreign = calls(endpoint.id, delivery);
    const none = calls(crypto.randomUUID(), crypto.randomUUID());
    for (const [i, call] of foreign.entries()) {
      const a = await dan.request(call);
      const b = await dan.request(none[i]!);
      expect([a.statusCode, b.statusCode], String(call.url)).toEqual([404, 404]);
      expect(a.json().error.code).toBe(b.json().error.code);
    }
    const list = await dan.request({ method: 'GET', url: '/api/v1/webhook-endpoints' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(endpoint.id);
    // Only Incentives admins manage endpoints.
    const ben = await signInAs(t().app, 'ben@treyresearch.example', 'demo');
    expect((await ben.request({ method: 'GET', url: '/api/v1/webhook-endpoints' })).statusCode).toBe(403);
  });

  it('refuses http and private, loopback, link-local and metadata targets without MCI_WEBHOOKS_ALLOW_PRIVATE (422, localised)', async () => {
    const admin = await signInAs(strict().app, 'ada@treyresearch.example', 'demo');
    const cases: [string, string][] = [
      ['https://127.0.0.1/hooks', 'webhook.privateAddress'],
      ['https://localhost:8443/hooks', 'webhook.privateAddress'],
      ['https://10.1.2.3/hooks', 'webhook.privateAddress'],
      ['https://192.168.0.10/hooks', 'webhook.privateAddress'],
      ['https://169.254.169.254/latest/meta-data', 'webhook.privateAddress'],
      ['https://[::1]/hooks', 'webhook.privateAddress'],
      ['https://[::ffff:127.0.0.1]/hooks', 'webhook.privateAddress'],
      ['https://[fd00:ec2::254]/hooks', 'webhook.privateAddress'],
      ['http://93.184.215.14/hooks', 'webhook.httpsRequired'],
      ['https://no-such-host.invalid/hooks', 'webhook.unresolvable'],
    ];
    for (const [target, code] of cases) {
      const response = await admin.request({
        method: 'POST',
        url: '/api/v1/webhook-endpoints',
        payload: { url: target, events: ['nomination.created'] },
      });
      expect(response.statusCode, target).toBe(422);
      expect(response.json().error, target).toMatchObject({
        code: 'UnprocessableEntity',
        target: 'url',
        details: [{ code, target: 'url' }],
      });
    }
    const polish = await admin.request({
      method: 'POST',
      url: '/api/v1/webhook-endpoints',
      payload: { url: 'https://127.0.0.1/x', events: ['nomination.created'] },
      headers: { 'accept-language': 'pl' },
    });
    expect(polish.json().error.details[0].message).toMatch(/sieci prywatnej/);
    // Bad input is a 400 in the error shape, never a 500.
    for (const payload of [
      { url: 'ftp://example.com/x', events: ['nomination.created'] },
      { url: 'https://example.com/x', events: [] },
      { url: 'https://example.com/x', events: ['no.such.event'] },
      { url: 'not a url', events: ['nomination.created'] },
      { url: 'https://example.com/x', events: ['nomination.created'], partnerId: crypto.randomUUID() },
    ]) {
      const response = await admin.request({ method: 'POST', url: '/api/v1/webhook-endpoints', payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });

  it('describes the routes and every event in the OpenAPI document', async () => {
    const doc = (await t().app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const path of [
      '/api/v1/webhook-endpoints',
      '/api/v1/webhook-endpoints/{endpointId}',
      '/api/v1/webhook-endpoints/{endpointId}/rotate-secret',
      '/api/v1/webhook-endpoints/{endpointId}/test',
      '/api/v1/webhook-endpoints/{endpointId}/deliveries',
      '/api/v1/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/redeliver',
    ])
      expect(Object.keys(doc.paths), path).toContain(path);
    expect(Object.keys(doc.webhooks)).toEqual(
      expect.arrayContaining(['nomination.created', 'consent.requested', 'claim.cancelled', 'webhook.test']),
    );
    expect(doc.webhooks['claim.approved'].post.parameters.map((p: { name: string }) => p.name)).toEqual([
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
    ]);
  });
});
