import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { WebhookAttempt, WebhookSender } from '../../app/ports.ts';

// Webhook delivery over fetch (issue 14): signed with `standardwebhooks` (one `v1,…` per secret, space-
// separated, as Standard Webhooks 1.0 allows during a rotation); a redirect is an answer (3xx, a failure), never followed, so a
// receiver cannot bounce the request to an address the registration check refused; the answer is read
// to at most 64 KiB (enough to free the connection, never a memory risk); 10 s is the whole budget.

const TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

async function drain(body: ReadableStream<Uint8Array> | null): Promise<void> {
  if (!body) return;
  const reader = body.getReader();
  let read = 0;
  try {
    while (read < MAX_ANSWER_BYTES) {
      const { done, value } = await reader.read();
      if (done) return;
      read += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

export const fetchWebhookSender: WebhookSender = {
  async resolve(host) {
    const bare = host.replace(/^\[|\]$/g, '');
    if (isIP(bare)) return [bare];
    try {
      return (await lookup(bare, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      return [];
    }
  },

  async send({ url, messageId, at, body, secrets }): Promise<WebhookAttempt> {
    const headers = {
      'webhook-id': messageId,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': secrets.map((s) => new Webhook(s).sign(messageId, at, body)).join(' '),
    };
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'MCI-Webhooks/1.0', ...headers },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await drain(response.body);
      return { kind: 'answered', status: response.status, durationMs: elapsed() };
    } catch (error) {
      const name = (error as Error)?.name;
      const reason =
        name === 'TimeoutError' || name === 'AbortError'
          ? 'timeout'
          : String((error as Error & { cause?: Error })?.cause?.message ?? (error as Error)?.message);
      return { kind: 'failed', error: reason.slice(0, 300), durationMs: elapsed() };
    }
  },
};
