// A receiver of the Customers API's webhooks (Standard Webhooks 1.0, docs/api.md "Webhooks"): verifies
// the signature of the raw body with the `standardwebhooks` library, deduplicates on `webhook-id`, and
// answers 2xx only once the event has been handled, so that a failure is retried with the same id.
//
//   MCI_WEBHOOK_SECRET=whsec_… PORT=8080 node --import tsx examples/webhook-receiver.ts
import { createServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { components } from './client/index.ts';

/** The body of every event (the OpenAPI document's `webhooks` section). */
export type McIEvent = components['schemas']['WebhookEventBody'];

/** The verified event, or a WebhookVerificationError (bad or missing signature, timestamp off by > 5 min). */
export function verifyWebhook(secret: string, body: string, headers: IncomingHttpHeaders): McIEvent {
  return new Webhook(secret).verify(body, {
    'webhook-id': String(headers['webhook-id'] ?? ''),
    'webhook-timestamp': String(headers['webhook-timestamp'] ?? ''),
    'webhook-signature': String(headers['webhook-signature'] ?? ''),
  }) as McIEvent;
}

export interface ReceiverOptions {
  /** The endpoint's `whsec_…` secret; a promise when the receiver starts before the endpoint is registered. */
  secret: string | (() => Promise<string>);
  /** Handles one verified message; throwing answers 500 and the server sends the message again later. */
  handle: (event: McIEvent, messageId: string) => void | Promise<void>;
  /** Message ids already handled (use your database in production: delivery is at least once). */
  seen?: Set<string>;
}

export function webhookReceiver(options: ReceiverOptions): RequestListener {
  const seen = options.seen ?? new Set<string>();
  const secret =
    typeof options.secret === 'string' ? () => Promise.resolve(options.secret as string) : options.secret;
  return (request, response) => {
    if (request.method !== 'POST') return void response.writeHead(405).end();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      // Verify the raw body exactly as received, before parsing it.
      const body = Buffer.concat(chunks).toString('utf8');
      let event: McIEvent;
      try {
        event = verifyWebhook(await secret(), body, request.headers);
      } catch (error) {
        return void response.writeHead(error instanceof WebhookVerificationError ? 401 : 400).end();
      }
      const id = String(request.headers['webhook-id']);
      if (seen.has(id)) return void response.writeHead(204).end();
      try {
        // Keep this short (answer within 10 s): hand longer work to a queue.
        await options.handle(event, id);
      } catch {
        return void response.writeHead(500).end();
      }
      seen.add(id);
      response.writeHead(204).end();
    });
  };
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const secret = process.env.MCI_WEBHOOK_SECRET;
  if (!secret) throw new Error('MCI_WEBHOOK_SECRET (whsec_…) is required');
  const port = Number(process.env.PORT ?? 8080);
  createServer(
    webhookReceiver({
      secret,
      handle: (event, id) => console.log(id, event.type, event.data.nominationId, event.data.status),
    }),
  ).listen(port, () => console.log(`listening on ${port}`));
}
