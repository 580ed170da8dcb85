import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpWebhookSender } from '../../src/adapters/webhooks/http-sender.ts';
import { closedPort, startWebhookReceiver, verifySigned } from '../support/webhook-receiver.ts';

// The webhook sender on a real loopback receiver (issue 14, ADRs 0019 and 0024). `localhost` is the
// stand-in for a rebinding name: whatever was checked before, the connection's own lookup refuses a
// private address, so nothing reaches the receiver unless MCI_WEBHOOKS_ALLOW_PRIVATE=1. Each failure
// comes back as its stable code.

const SECRET = `whsec_${Buffer.from('a-test-secret-of-enough-bytes-32').toString('base64')}`;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;
let base = '';

beforeAll(async () => {
  hooks = await startWebhookReceiver(({ path }) =>
    path === '/redirect'
      ? { status: 302, headers: { location: 'http://127.0.0.1:1/' } }
      : // An answer larger than the sender reads: it stops at 64 KiB and still reports the status.
        { status: 202, body: 'x'.repeat(1024 * 1024) },
  );
  base = `http://localhost:${hooks.port}`;
});
afterAll(() => hooks?.close());

const message = (url: string) => ({
  url,
  messageId: 'msg_sender_test',
  at: new Date(),
  body: JSON.stringify({ type: 'webhook.test', timestamp: '2026-12-06T01:00:00Z', data: {} }),
  secrets: [SECRET],
});

describe('the webhook sender', () => {
  it('refuses at connect time a name that resolves to a loopback address, and sends nothing', async () => {
    const connections = hooks.connections();
    const attempt = await httpWebhookSender({ allowPrivate: false }).send(message(`${base}/hook`));
    expect(attempt).toMatchObject({ kind: 'failed', failure: 'privateAddress', detail: null });
    expect(hooks.connections()).toBe(connections);
  });

  it('with MCI_WEBHOOKS_ALLOW_PRIVATE=1 delivers a signed message and reads a large answer only in part', async () => {
    const attempt = await httpWebhookSender({ allowPrivate: true }).send(message(`${base}/hook`));
    expect(attempt).toMatchObject({ kind: 'answered', status: 202 });
    const arrived = hooks.received.at(-1)!;
    expect(arrived.headers['webhook-id']).toBe('msg_sender_test');
    expect(verifySigned(SECRET, arrived)).toMatchObject({ type: 'webhook.test' });
  });

  it('never follows a redirect: the 3xx is the answer', async () => {
    const before = hooks.received.length;
    const attempt = await httpWebhookSender({ allowPrivate: true }).send(message(`${base}/redirect`));
    expect(attempt).toMatchObject({ kind: 'answered', status: 302 });
    expect(hooks.received.length).toBe(before + 1);
  });

  it('says why a message got no answer: a refused connection, a TLS handshake with a plain HTTP server', async () => {
    const sender = httpWebhookSender({ allowPrivate: true });
    const refused = await sender.send(message(`http://127.0.0.1:${await closedPort()}/hook`));
    expect(refused).toMatchObject({ kind: 'failed', failure: 'connectionRefused' });
    expect(refused.kind === 'failed' && refused.detail).toMatch(/ECONNREFUSED/);
    const before = hooks.received.length;
    const tls = await sender.send(message(`https://127.0.0.1:${hooks.port}/hook`));
    expect(tls).toMatchObject({ kind: 'failed', failure: 'tlsError' });
    expect(hooks.received.length).toBe(before);
  });
});
