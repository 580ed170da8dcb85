import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWorker } from '../../src/jobs/worker.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId } from '../../src/seed/demo-catalogue.ts';
import { freshCustomer } from '../support/customers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, type TestApp, useTestApp } from '../support/http.ts';
import {
  closedPort,
  startWebhookReceiver,
  typeOf,
  until,
  verifySigned as verify,
} from '../support/webhook-receiver.ts';

const SEC = engagementId('SEC-WS');
const SEATTLE = locationId('trey-seattle');

type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

/**
 * A real receiver on loopback: 500 to the first arrival of each message whose type is in `failFirst`
 * and to everything sent to a path ending in `/fails`, 204 to the rest.
 */
function receiver(failFirst: ReadonlySet<string>) {
  const seen = new Set<string>();
  return startWebhookReceiver(({ path, headers, body }) => {
    const id = String(headers['webhook-id']);
    const status = path.endsWith('/fails') || (failFirst.has(typeOf({ body })) && !seen.has(id)) ? 500 : 204;
    seen.add(id);
    return status;
  });
}

/** The delivery log of an endpoint once no delivery in it is pending (each attempt is a background job). */
async function settledLog(app: () => TestApp, headers: Record<string, string>, endpointId: string) {
  return until('no pending delivery', async () => {
    const response = await app().app.inject({
      method: 'GET',
      url: `/api/v1/webhook-endpoints/${endpointId}/deliveries`,
      headers,
    });
    expect(response.statusCode, response.body).toBe(200);
    const value = response.json().value as Record<string, unknown>[];
    return value.length > 0 && value.every((d) => d.status !== 'pending') ? value : undefined;
  });
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
  let hooks: Receiver;
  let url = '';
  let ada: Awaited<ReturnType<typeof signInAs>>;
  let dan: Awaited<ReturnType<typeof signInAs>>;
  let token = '';
  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    await startWorker(t().ctx, t().queue);
    hooks = await receiver(new Set(['nomination.created']));
    url = `${hooks.url}/hooks`;
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
  afterAll(() => hooks?.close());

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
  const arrivals = (type: string) => hooks.received.filter((r) => typeOf(r) === type);

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
    await settledLog(t, { authorization: `Bearer ${token}` }, endpoint.id);
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
      // The failure of the first attempt is gone with the success of the second.
      failureCode: null,
      error: null,
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

  it('edits the URL and the description; a refused URL changes nothing; bad input is a 400', async () => {
    const endpoint = await register(['claim.approved']);
    const path = `/api/v1/webhook-endpoints/${endpoint.id}`;
    const moved = `${hooks.url}/hooks/moved`;
    const edited = await bearer({
      method: 'PATCH',
      url: path,
      payload: { url: moved, description: ' PSA ' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      url: moved,
      description: 'PSA',
      events: ['claim.approved'],
      enabled: true,
    });
    // Messages go to the new URL.
    const test = await bearer({ method: 'POST', url: `${path}/test` });
    const arrived = await until('the test message at the new URL', () =>
      hooks.received.find((r) => r.headers['webhook-id'] === test.json().messageId),
    );
    expect(arrived.path).toBe('/hooks/moved');

    // Cleared with null and with blanks; set again alone, without touching the URL.
    for (const description of [null, '   ']) {
      const cleared = await bearer({ method: 'PATCH', url: path, payload: { description } });
      expect(cleared.statusCode, cleared.body).toBe(200);
      expect(cleared.json()).toMatchObject({ url: moved, description: null });
      await bearer({ method: 'PATCH', url: path, payload: { description: 'PSA' } });
    }
    const before = (await bearer({ method: 'GET', url: path })).json();
    expect(before).toMatchObject({ url: moved, description: 'PSA' });

    // Without MCI_WEBHOOKS_ALLOW_PRIVATE a new URL is checked as at registration: a localised 422 on
    // `url`, and neither it nor the description beside it is written.
    const strictAda = await signInAs(strict().app, 'ada@treyresearch.example', 'demo');
    const audits = () =>
      handle()
        .db.selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'webhookEndpoint.update')
        .where(sql<boolean>`data->>'endpointId' = ${endpoint.id}`)
        .execute();
    const auditsBefore = (await audits()).length;
    for (const [target, code] of [
      ['https://10.0.0.7/hooks', 'webhook.privateAddress'],
      ['https://[::1]:8443/hooks', 'webhook.privateAddress'],
      ['https://169.254.169.254/latest/meta-data', 'webhook.privateAddress'],
      ['http://93.184.215.14/hooks', 'webhook.httpsRequired'],
    ] as const) {
      const refused = await strictAda.request({
        method: 'PATCH',
        url: path,
        payload: { url: target, description: 'changed' },
        headers: { 'accept-language': 'pl' },
      });
      expect(refused.statusCode, target).toBe(422);
      expect(refused.json().error, target).toMatchObject({
        code: 'UnprocessableEntity',
        target: 'url',
        details: [{ code, target: 'url' }],
      });
    }
    const privateInPolish = await strictAda.request({
      method: 'PATCH',
      url: path,
      payload: { url: 'https://192.168.1.1/x' },
      headers: { 'accept-language': 'pl' },
    });
    expect(privateInPolish.json().error.details[0].message).toMatch(/sieci prywatnej/);
    expect((await bearer({ method: 'GET', url: path })).json()).toEqual(before);
    expect(await audits()).toHaveLength(auditsBefore);

    for (const payload of [
      { url: 'ftp://example.com/x' },
      { url: 'not a url' },
      { description: 'x'.repeat(501) },
      { description: 7 },
      { url: moved, secret: 'whsec_x' },
    ]) {
      const response = await bearer({ method: 'PATCH', url: path, payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error.code).toBe('ValidationFailed');
    }
    expect((await bearer({ method: 'GET', url: path })).json()).toEqual(before);
  });

  it("records why a delivery failed: the receiver's status, a refused connection", async () => {
    const bearerHeaders = { authorization: `Bearer ${token}` };
    // A receiver that answers 500 to everything sent to this path.
    const failing = await register(['claim.approved']);
    const toFailing = await bearer({
      method: 'PATCH',
      url: `/api/v1/webhook-endpoints/${failing.id}`,
      payload: { url: `${hooks.url}/hooks/fails` },
    });
    expect(toFailing.statusCode, toFailing.body).toBe(200);
    // A port nothing listens on.
    const refused = await register(['claim.approved']);
    const toClosed = await bearer({
      method: 'PATCH',
      url: `/api/v1/webhook-endpoints/${refused.id}`,
      payload: { url: `http://127.0.0.1:${await closedPort()}/hooks` },
    });
    expect(toClosed.statusCode, toClosed.body).toBe(200);
    for (const endpoint of [failing, refused]) {
      const sent = await bearer({ method: 'POST', url: `/api/v1/webhook-endpoints/${endpoint.id}/test` });
      expect(sent.statusCode, sent.body).toBe(202);
      expect(sent.json()).toMatchObject({ status: 'pending', failureCode: null });
    }
    // Three attempts each (retries after 1 s and 1 s), then failed; the last attempt's reason stays.
    const [answered500] = await settledLog(t, bearerHeaders, failing.id);
    expect(answered500).toMatchObject({
      status: 'failed',
      attempt: 3,
      responseStatus: 500,
      failureCode: 'httpStatus',
      error: null,
    });
    const [notConnected] = await settledLog(t, bearerHeaders, refused.id);
    expect(notConnected).toMatchObject({
      status: 'failed',
      attempt: 3,
      responseStatus: null,
      failureCode: 'connectionRefused',
    });
    // The socket's own words are kept for the receiver's developers.
    expect(notConnected!.error).toMatch(/ECONNREFUSED/);
  });

  it('five days of failures disable an endpoint; a new URL starts the five days afresh, the same URL saved again does not', async () => {
    const bearerHeaders = { authorization: `Bearer ${token}` };
    const failingUrl = `${hooks.url}/hooks/fails`;
    const patch = (id: string, payload: Record<string, unknown>) =>
      bearer({ method: 'PATCH', url: `/api/v1/webhook-endpoints/${id}`, payload });
    // Three endpoints whose receiver has failed for six days (delivery times are real time, R36, so
    // the run of failures is dated back in the database rather than on the test clock).
    const endpoints: Record<'untouched' | 'sameUrl' | 'newUrl', string> = {
      untouched: (await register(['claim.approved'])).id,
      sameUrl: (await register(['claim.approved'])).id,
      newUrl: (await register(['claim.approved'])).id,
    };
    for (const id of Object.values(endpoints)) {
      expect((await patch(id, { url: failingUrl })).statusCode).toBe(200);
      await handle()
        .db.updateTable('webhook_endpoints')
        .set({ failing_since: sql<Date>`now() - interval '6 days'` })
        .where('id', '=', id)
        .execute();
    }
    const resaved = await patch(endpoints.sameUrl, { url: failingUrl, description: 'resaved' });
    expect(resaved.statusCode, resaved.body).toBe(200);
    expect((await patch(endpoints.newUrl, { url: `${hooks.url}/hooks/new/fails` })).statusCode).toBe(200);

    for (const id of Object.values(endpoints)) {
      const sent = await bearer({ method: 'POST', url: `/api/v1/webhook-endpoints/${id}/test` });
      expect(sent.statusCode, sent.body).toBe(202);
      // Failed (the receiver answered 500; on a disabled endpoint the retry is not sent).
      const [attempt] = await settledLog(t, bearerHeaders, id);
      expect(attempt).toMatchObject({ status: 'failed' });
    }
    const state = async (id: string) =>
      (await bearer({ method: 'GET', url: `/api/v1/webhook-endpoints/${id}` })).json() as {
        enabled: boolean;
        disabledReason: string | null;
      };
    expect(await state(endpoints.untouched)).toMatchObject({ enabled: false, disabledReason: 'failing' });
    expect(await state(endpoints.sameUrl)).toMatchObject({ enabled: false, disabledReason: 'failing' });
    expect(await state(endpoints.newUrl)).toMatchObject({ enabled: true, disabledReason: null });
  });

  it("another partner's endpoints are the same 404 as missing ones, and its list does not show them", async () => {
    const endpoint = await register(['nomination.created']);
    const delivery = (
      await ada.request({ method: 'POST', url: `/api/v1/webhook-endpoints/${endpoint.id}/test` })
    ).json().id as string;
    const calls = (id: string, deliveryId: string): InjectOptions[] => [
      { method: 'GET', url: `/api/v1/webhook-endpoints/${id}` },
      { method: 'PATCH', url: `/api/v1/webhook-endpoints/${id}`, payload: { enabled: false } },
      {
        method: 'PATCH',
        url: `/api/v1/webhook-endpoints/${id}`,
        payload: { url: 'https://crm.example.com/taken', description: 'taken over' },
      },
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
    // Nothing of Trey's endpoint changed.
    const own = await ada.request({ method: 'GET', url: `/api/v1/webhook-endpoints/${endpoint.id}` });
    expect(own.json()).toMatchObject({ url, description: 'CRM', enabled: true });
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

// Without MCI_WEBHOOKS_ALLOW_PRIVATE the delivery job checks the target again before every attempt: an
// endpoint registered where the allowance was on (the `loose` app; its URL is kept as it was) gets
// nothing, not even a connection, and each attempt records `privateAddress`. Only the strict app runs
// the delivery job here.
describeEachDatabase('webhook deliveries to a private address', ({ handle }) => {
  const loose = useTestApp(handle, { env: { MCI_WEBHOOKS_ALLOW_PRIVATE: '1' } });
  const strict = useTestApp(handle, { env: { WEBHOOK_RETRY_DELAYS_SECONDS: '1' } });
  let hooks: Receiver;
  beforeAll(async () => {
    await seedDemo(handle().db, loose().clock.now());
    await startWorker(strict().ctx, strict().queue);
    hooks = await startWebhookReceiver();
  });
  afterAll(() => hooks?.close());

  it('refuses the attempt before connecting and records privateAddress', async () => {
    const ada = await signInAs(loose().app, 'ada@treyresearch.example', 'demo');
    const registered = await ada.request({
      method: 'POST',
      url: '/api/v1/webhook-endpoints',
      payload: { url: `https://localhost:${hooks.port}/hooks`, events: ['claim.approved'] },
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const endpointId = registered.json().id as string;
    const sent = await ada.request({ method: 'POST', url: `/api/v1/webhook-endpoints/${endpointId}/test` });
    expect(sent.statusCode, sent.body).toBe(202);
    const [delivery] = await settledLog(strict, { cookie: `mci_session=${ada.cookie.value}` }, endpointId);
    expect(delivery).toMatchObject({
      status: 'failed',
      attempt: 2,
      responseStatus: null,
      durationMs: 0,
      failureCode: 'privateAddress',
      error: null,
    });
    expect(hooks.connections()).toBe(0);
    expect(hooks.received).toEqual([]);
  });
});
