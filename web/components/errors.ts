import type { IntlShape } from 'react-intl';
import { ApiError } from '../api/client.ts';

/**
 * The text to show for a failed call: the server's message (already localised to our
 * Accept-Language) when it sent one, else a client message for what we can tell (no connection,
 * unexpected answer). Never a blank failure (quality §4).
 */
export function errorText(intl: IntlShape, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.hasServerMessage) return error.message;
    if (error.code === 'NetworkError') return intl.formatMessage({ id: 'error.network' });
    if (error.status === 429) return intl.formatMessage({ id: 'error.rateLimited' });
    if (error.status >= 500) return intl.formatMessage({ id: 'error.server' });
  }
  return intl.formatMessage({ id: 'error.unexpected' });
}

/** Correlation id to quote to support, when the server gave one. */
export function correlationOf(error: unknown): string | undefined {
  return error instanceof ApiError ? error.correlationId : undefined;
}

/**
 * What went wrong as sentences: the server's details when it named them (e.g. "This email address has
 * already been invited", the records still running at a location), else `errorText`.
 */
export function errorSentences(intl: IntlShape, error: unknown): string[] {
  if (error instanceof ApiError && error.hasServerMessage) {
    const details = (error.details ?? []).map((d) => d.message).filter((m): m is string => Boolean(m));
    if (details.length) return details;
  }
  return [errorText(intl, error)];
}
