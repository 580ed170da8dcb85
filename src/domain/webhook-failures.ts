// Why a webhook delivery attempt failed (issue 14): a stable code recorded with the attempt, so that
// the delivery log can say it in the user's language and an integration can act on it. The sender
// (src/adapters/webhooks/http-sender.ts) and the target check (src/app/webhooks/target.ts) are the only
// places that produce them; docs/api.md describes each.

export const WEBHOOK_FAILURE_CODES = [
  /** The receiver answered, but not with a 2xx (`responseStatus` says which; a redirect is one). */
  'httpStatus',
  /** No complete answer within the 10 seconds. */
  'timeout',
  /** Nothing accepts connections at the address and port. */
  'connectionRefused',
  /** The connection could not be made or broke off (reset, unreachable network). */
  'connectionFailed',
  /** The host name does not resolve. */
  'dnsNotFound',
  /** The TLS handshake failed (certificate not trusted, expired, for another name). */
  'tlsError',
  /** What came back was not HTTP. */
  'invalidResponse',
  /** Not sent: the host resolves to a private, loopback, link-local or reserved address. */
  'privateAddress',
  /** Not sent: an http URL without MCI_WEBHOOKS_ALLOW_PRIVATE=1. */
  'httpsRequired',
  /** Not sent: the endpoint was disabled. */
  'endpointDisabled',
] as const;
export type WebhookFailureCode = (typeof WEBHOOK_FAILURE_CODES)[number];
