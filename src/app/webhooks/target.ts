import { DomainError } from '../../domain/errors.ts';
import type { WebhookSettings } from '../ports.ts';
import { isForbiddenAddress } from './addresses.ts';

// Where a webhook may go (issue 14): https only, and never to an address of the server's own network;
// both relaxed by MCI_WEBHOOKS_ALLOW_PRIVATE=1 (tests, development). Checked at registration and again
// before every attempt (a name can be re-pointed after it was registered).

export type TargetRefusal = 'webhook.httpsRequired' | 'webhook.unresolvable' | 'webhook.privateAddress';

export async function targetRefusal(settings: WebhookSettings, url: string): Promise<TargetRefusal | null> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && !(settings.allowPrivate && parsed.protocol === 'http:'))
    return 'webhook.httpsRequired';
  if (settings.allowPrivate) return null;
  const addresses = await settings.sender.resolve(parsed.hostname);
  if (addresses.length === 0) return 'webhook.unresolvable';
  return addresses.some(isForbiddenAddress) ? 'webhook.privateAddress' : null;
}

/** The registration check: a refused URL is a localised 422 on `url`. */
export async function requireAllowedTarget(settings: WebhookSettings, url: string): Promise<void> {
  const refusal = await targetRefusal(settings, url);
  if (refusal)
    throw new DomainError('UnprocessableEntity', {
      target: 'url',
      details: [{ code: refusal, target: 'url' }],
    });
}
