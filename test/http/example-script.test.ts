import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Step } from '../../examples/add-and-consent.ts';
import { type McIEvent, webhookReceiver } from '../../examples/webhook-receiver.ts';
import { startWorker } from '../../src/jobs/worker.ts';
import { ROOT } from '../../src/main/runtime.ts';
import { seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId } from '../../src/seed/demo-catalogue.ts';
import { freshCustomer } from '../support/customers.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { signInAs, useTestApp } from '../support/http.ts';
import { type LoopbackServer, listenOnLoopback, until } from '../support/webhook-receiver.ts';

const SEC = engagementId('SEC-WS');
const SEATTLE = locationId('trey-seattle');

/** Runs examples/add-and-consent.ts as another process, with nothing but the URL and the token. */
function runExample(env: { MCI_URL: string; MCI_TOKEN: string }, args: string[], onStep: (s: Step) => void) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'examples/add-and-consent.ts', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  createInterface({ input: child.stdout }).on('line', (line) => onStep(JSON.parse(line) as Step));
  return new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stderr })),
  );
}

// Issue 14 item 5: an external script with only a token, through the typed client generated from the
// OpenAPI document, adds a customer and requests consent; the example receiver (examples/webhook-receiver.ts)
// on loopback verifies every signature, fails the first delivery, and gets it again with the same
// webhook-id. Retries wait 1 s here (WEBHOOK_RETRY_DELAYS_SECONDS); the waits poll, never sleep blindly.
describeEachDatabase('the typed-client example integration', ({ handle }) => {
  const t = useTestApp(handle, {
    env: { MCI_WEBHOOKS_ALLOW_PRIVATE: '1', WEBHOOK_RETRY_DELAYS_SECONDS: '1,1' },
  });
  let baseUrl = '';
  let token = '';
  let receiverUrl = '';
  let receiver: LoopbackServer;
  let secretKnown: (secret: string) => void;
  const secret = new Promise<string>((resolve) => {
    secretKnown = resolve;
  });
  /** Every request the receiver answered, with its answer. */
  const arrivals: { messageId: string; status: number }[] = [];
  /** Every verified message handed to the integration's handler. */
  const handled: { messageId: string; event: McIEvent }[] = [];

  beforeAll(async () => {
    await seedDemo(handle().db, t().clock.now());
    await startWorker(t().ctx, t().queue);
    // The script is another process: the app listens on loopback (useTestApp closes it).
    baseUrl = await t().app.listen({ port: 0, host: '127.0.0.1' });
    const ada = await signInAs(t().app, 'ada@treyresearch.example', 'demo');
    const created = await ada.request({
      method: 'POST',
      url: '/api/v1/api-tokens',
      payload: { name: 'CRM example', scopes: ['read', 'write'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    token = created.json().token;

    const listener = webhookReceiver({
      secret: () => secret,
      handle: (event, messageId) => {
        handled.push({ messageId, event });
        // The integration's own failure on the very first message: the server must send it again.
        if (handled.length === 1) throw new Error('the CRM is down');
      },
    });
    // The example's own listener (what is tested), on the tests' loopback server.
    receiver = await listenOnLoopback((request, response) => {
      response.on('finish', () =>
        arrivals.push({ messageId: String(request.headers['webhook-id']), status: response.statusCode }),
      );
      listener(request, response);
    });
    receiverUrl = `${receiver.url}/hooks`;
  });
  afterAll(() => receiver?.close());

  it('adds a customer and requests consent with only a token; signed events arrive, the failed one again with the same webhook-id', async () => {
    const customer = await freshCustomer(handle().db, { prefix: 'example' });
    const steps: Step[] = [];
    const run = await runExample(
      { MCI_URL: baseUrl, MCI_TOKEN: token },
      [
        customer.email,
        SEATTLE,
        SEC,
        '--webhook-url',
        receiverUrl,
        '--contact-name',
        'Jan Kowalski',
        '--partner-name',
        'Ada Lovelace',
        '--partner-email',
        'ada@treyresearch.example',
      ],
      (step) => {
        steps.push(step);
        if (step.step === 'endpoint') secretKnown(step.secret);
      },
    );
    expect(run, run.stderr).toEqual({ code: 0, stderr: '' });
    expect(steps.map((s) => s.step)).toEqual(['endpoint', 'lookup', 'added', 'consent']);
    const [endpoint, lookup, added, consent] = steps as [
      Extract<Step, { step: 'endpoint' }>,
      Extract<Step, { step: 'lookup' }>,
      Extract<Step, { step: 'added' }>,
      Extract<Step, { step: 'consent' }>,
    ];
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect(lookup).toMatchObject({ tenantId: customer.id, tenantName: customer.name });
    expect(added.status).toBe('claimed');
    expect(consent).toMatchObject({ nominationId: added.nominationId, status: 'consent_pending' });

    // What the script did, read back through the API.
    const bearer = { authorization: `Bearer ${token}` };
    const record = await t().app.inject({
      method: 'GET',
      url: `/api/v1/nominations/${added.nominationId}`,
      headers: bearer,
    });
    expect(record.statusCode, record.body).toBe(200);
    expect(record.json()).toMatchObject({
      status: 'consent_pending',
      origin: 'add',
      customer: { tenantId: customer.id },
      engagement: { id: SEC },
      location: { id: SEATTLE },
    });
    const hooks = await t().app.inject({
      method: 'GET',
      url: `/api/v1/webhook-endpoints/${endpoint.endpointId}`,
      headers: bearer,
    });
    expect(hooks.json()).toMatchObject({
      url: receiverUrl,
      events: ['nomination.created', 'consent.requested'],
    });

    // Both events reached the handler verified. The first message handled (either one: order is not
    // guaranteed) failed with a 500, so it was handled again, with the same webhook-id.
    await until('both events and the retry of the failed one', () =>
      handled.length >= 3 ? true : undefined,
    );
    expect(handled).toHaveLength(3);
    expect(handled.map((h) => h.event.type).sort()).toEqual(
      [handled[0]!.event.type, 'consent.requested', 'nomination.created'].sort(),
    );
    const [failed] = handled;
    expect(failed!.messageId).toMatch(/^msg_[0-9a-f]{32}$/);
    const again = handled.filter((h) => h.messageId === failed!.messageId);
    expect(again).toHaveLength(2);
    expect(again[1]!.event).toEqual(failed!.event);
    const created = handled.filter((h) => h.event.type === 'nomination.created');
    for (const { event } of created)
      expect(event).toMatchObject({
        data: {
          nominationId: added.nominationId,
          engagementId: SEC,
          locationId: SEATTLE,
          customer: { tenantId: customer.id, name: customer.name },
          status: 'claimed',
          previousStatus: null,
        },
      });
    const requested = handled.find((h) => h.event.type === 'consent.requested')!;
    expect(requested.event.data).toMatchObject({
      nominationId: added.nominationId,
      status: 'consent_pending',
      previousStatus: 'claimed',
    });
    // The receiver's answers: one 500 for the failed message's first delivery, then a 204 for it, and a
    // 204 for the other message; no bad signature (401).
    await until('the last answer', () => (arrivals.length >= 3 ? true : undefined));
    expect(arrivals.map((a) => a.status).sort()).toEqual([204, 204, 500]);
    expect(arrivals.filter((a) => a.messageId === failed!.messageId).map((a) => a.status)).toEqual([
      500, 204,
    ]);
  });

  it('the example receiver refuses a message whose signature does not match its body (401), and handles nothing', async () => {
    const before = handled.length;
    const id = `msg_${'0'.repeat(32)}`;
    const signedAt = new Date();
    const body = JSON.stringify({ type: 'nomination.created', timestamp: signedAt.toISOString(), data: {} });
    const signature = new Webhook(await secret).sign(id, signedAt, body);
    const send = (payload: string) =>
      fetch(receiverUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(signedAt.getTime() / 1000)),
          'webhook-signature': signature,
        },
        body: payload,
      });
    expect((await send(body.replace('nomination.created', 'claim.approved'))).status).toBe(401);
    expect(handled.length).toBe(before);
    // The same message untouched verifies: the refusal above is the signature's doing.
    expect((await send(body)).status).toBe(204);
    expect(handled.at(-1)).toMatchObject({ messageId: id, event: { type: 'nomination.created' } });
  });
});
