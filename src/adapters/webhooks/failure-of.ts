import type { WebhookFailureCode } from '../../domain/webhook-failures.ts';

// A failed node:http(s) request as a delivery failure code (issue 14): what the delivery log says in the
// user's language. The error's own message stays as the detail for the receiver's developers, except
// where the code says all (a time-out, a refused address); Node's messages name the address and port
// connected to, never a header or the body, so no secret reaches the log.

/** Thrown by the sender's own lookup when a name resolves to an address a webhook may not reach. */
export const FORBIDDEN_ADDRESS = 'EFORBIDDEN';

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
// OpenSSL's verification codes and Node's TLS errors; EPROTO is a failed handshake on https.
const TLS = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$)/;
const DETAIL_MAX = 300;

export function failureOf(
  error: unknown,
  https: boolean,
): { failure: WebhookFailureCode; detail: string | null } {
  const { name, code, message } = (error ?? {}) as { name?: string; code?: unknown; message?: unknown };
  const detail = String(message ?? error).slice(0, DETAIL_MAX);
  const failure = ((): WebhookFailureCode => {
    // The 10 s budget (AbortSignal.timeout) or the kernel's own connect time-out.
    if (name === 'TimeoutError' || name === 'AbortError' || code === 'ETIMEDOUT') return 'timeout';
    if (code === FORBIDDEN_ADDRESS) return 'privateAddress';
    if (code === 'ECONNREFUSED') return 'connectionRefused';
    if (typeof code === 'string' && DNS.has(code)) return 'dnsNotFound';
    if (typeof code === 'string' && (TLS.test(code) || (https && code === 'EPROTO'))) return 'tlsError';
    if (typeof code === 'string' && code.startsWith('HPE_')) return 'invalidResponse';
    return 'connectionFailed';
  })();
  return { failure, detail: failure === 'timeout' || failure === 'privateAddress' ? null : detail };
}
