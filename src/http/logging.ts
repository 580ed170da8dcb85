import type { LoggerOptions } from 'pino';

// Structured JSON logs (pino, Fastify's own) that carry the correlation id of the error shape on every
// line of a request, and never a secret: cookies, authorization, CSRF tokens and set-cookie are removed,
// single-purpose tokens in paths (consent, survey and invitation links) and OpenID Connect codes in query strings are
// masked, and bodies are never logged. test/http/log-secrets.test.ts greps a real run for the secrets.

/** The field name under which every line of a request or a job names its correlation id. */
export const CORRELATION_LABEL = 'correlationId';

const TOKEN_IN_PATH = /\/(consent|surveys?)\/[^/?#]+/g;
/** The invitation page and its API (issue 15); not /partner/invitations/{id}, whose id is no secret. */
const INVITATION_IN_PATH = /^((?:\/api\/v1\/public)?\/invitations\/)[^/?#]+/;
const SECRET_QUERY = /([?&](?:code|state|token|id_token|session_state|iss|invitation)=)[^&#]*/gi;

/** The URL as it may be logged: tokens in paths and secret query parameters replaced. */
function loggableUrl(url: string): string {
  return url
    .replace(TOKEN_IN_PATH, '/$1/[token]')
    .replace(INVITATION_IN_PATH, '$1[token]')
    .replace(SECRET_QUERY, '$1[redacted]');
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        'headers.cookie',
        'headers.authorization',
        'password',
        'csrfToken',
        'token',
      ],
      remove: true,
    },
    serializers: {
      // Fastify hands its request here; only these fields are logged (never headers or the body).
      req: (req: { method?: string; url?: string; ip?: string }) => ({
        method: req.method,
        url: loggableUrl(req.url ?? ''),
        remoteAddress: req.ip,
      }),
    },
  };
}
