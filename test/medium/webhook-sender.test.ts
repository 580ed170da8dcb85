import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpWebhookSender } from '../../src/adapters/webhooks/http-sender.ts';

// The webhook sender on a real loopback receiver (issue 14, ADR 0019). `localhost` is the stand-in for
// a rebinding name: whatever was checked before, the connection's own lookup refuses a private address,
// so nothing reaches the receiver unless MCI_WEBHOOKS_ALLOW_PRIVATE=1.

const SECRET = `whsec_${Buffer.from('a-test-secret-of-enough-bytes-32').toString('base64')}`;
const arrivals: { headers: IncomingHttpHeaders; body: string }[] = [];
const server = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => {
    body += chunk.toString('utf8');
  });
  request.on('end', () => {
    arrivals.push({ headers: request.headers, body });
    if (request.url === '/redirect') response.writeHead(302, { location: 'http://127.0.0.1:1/' }).end();
    // An answer larger than the sender reads: it stops at 64 KiB and still reports the status.
    else response.writeHead(202).end('x'.repeat(1024 * 1024));
  });
});
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const message = (url: string) => ({
  url,
  messageId: 'msg_sender_test',
  at: new Date(),
  body: JSON.stringify({ type: 'webhook.test', timestamp: '2026-12-06T01:00:00Z', data: {} }),
  secrets: [SECRET],
});

describe('the webhook sender', () => {
  it('refuses at connect time a name that resolves to a loopback address, and sends nothing', async () => {
    const before = arrivals.length;
    const attempt = await httpWebhookSender({ allowPrivate: false }).send(message(`${base}/hook`));
    expect(attempt).toMatchObject({ kind: 'failed', error: 'webhook.privateAddress' });
    expect(arrivals.length).toBe(before);
  });

  it('with MCI_WEBHOOKS_ALLOW_PRIVATE=1 delivers a signed message and reads a large answer only in part', async () => {
    const attempt = await httpWebhookSender({ allowPrivate: true }).send(message(`${base}/hook`));
    expect(attempt).toMatchObject({ kind: 'answered', status: 202 });
    const arrived = arrivals.at(-1)!;
    expect(arrived.headers['webhook-id']).toBe('msg_sender_test');
    expect(new Webhook(SECRET).verify(arrived.body, arrived.headers as Record<string, string>)).toMatchObject(
      {
        type: 'webhook.test',
      },
    );
  });

  it('never follows a redirect: the 3xx is the answer', async () => {
    const before = arrivals.length;
    const attempt = await httpWebhookSender({ allowPrivate: true }).send(message(`${base}/redirect`));
    expect(attempt).toMatchObject({ kind: 'answered', status: 302 });
    expect(arrivals.length).toBe(before + 1);
  });
});
