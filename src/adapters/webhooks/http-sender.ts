import { type LookupAddress, lookup } from 'node:dns';
import { lookup as lookupAll } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { WebhookAttempt, WebhookSender } from '../../app/ports.ts';
import { isForbiddenAddress } from '../../app/webhooks/addresses.ts';
import { FORBIDDEN_ADDRESS, failureOf } from './failure-of.ts';

// Webhook delivery over node:http(s) (issue 14, ADR 0019): signed with `standardwebhooks` (one `v1,…`
// per secret, space-separated, as Standard Webhooks 1.0 allows during a rotation); a redirect is an
// answer (3xx, a failure), never followed, so a receiver cannot bounce the request to an address the
// check refused; the answer is read to at most 64 KiB (enough to free the connection, never a memory
// risk); 10 s is the whole budget.
//
// DNS rebinding: the address the socket connects to is checked in the connection's own lookup, so a
// name that resolved to a public address when the URL was checked and to a private one a moment later
// is refused at connect time, not only before it (unless MCI_WEBHOOKS_ALLOW_PRIVATE=1).

const TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;

/** dns.lookup that refuses any answer holding a forbidden address (every answer, in either shape). */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 4);
    if (addresses.length === 0)
      return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 4);
    if (addresses.some((a) => isForbiddenAddress(a.address)))
      return callback(Object.assign(new Error('a private address'), { code: FORBIDDEN_ADDRESS }), '', 4);
    if (options.all) return callback(null, addresses);
    const [first] = addresses;
    callback(null, first!.address, first!.family);
  });
};

/** Reads at most 64 KiB of the answer, then lets the connection go. */
async function drain(response: IncomingMessage): Promise<void> {
  let read = 0;
  for await (const chunk of response) {
    read += (chunk as Buffer).byteLength;
    if (read >= MAX_ANSWER_BYTES) break;
  }
  response.destroy();
}

function post(url: URL, headers: Record<string, string>, body: string, allowPrivate: boolean) {
  return new Promise<number>((resolve, reject) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        signal: AbortSignal.timeout(TIMEOUT_MS),
        ...(allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (response) => {
        drain(response).then(() => resolve(response.statusCode ?? 0), reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

export function httpWebhookSender({ allowPrivate }: { allowPrivate: boolean }): WebhookSender {
  return {
    async resolve(host) {
      const bare = host.replace(/^\[|\]$/g, '');
      if (isIP(bare)) return [bare];
      try {
        return (await lookupAll(bare, { all: true, verbatim: true })).map((a) => a.address);
      } catch {
        return [];
      }
    },

    async send({ url, messageId, at, body, secrets }): Promise<WebhookAttempt> {
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'MCI-Webhooks/1.0',
        'webhook-id': messageId,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': secrets.map((s) => new Webhook(s).sign(messageId, at, body)).join(' '),
      };
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      const target = new URL(url);
      try {
        const status = await post(target, headers, body, allowPrivate);
        return { kind: 'answered', status, durationMs: elapsed() };
      } catch (error) {
        return { kind: 'failed', ...failureOf(error, target.protocol === 'https:'), durationMs: elapsed() };
      }
    },
  };
}
