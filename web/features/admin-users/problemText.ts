import type { IntlShape } from 'react-intl';
import { ApiError } from '../../api/client.ts';
import { errorText } from '../../components/errors.ts';

/**
 * The server's own sentence for what went wrong: its first detail when it gave one (e.g. "This email
 * address has already been invited"), else the error's message.
 */
export function problemText(intl: IntlShape, error: unknown): string {
  if (error instanceof ApiError && error.hasServerMessage) {
    const detail = error.details?.find((d) => d.message)?.message;
    if (detail) return detail;
  }
  return errorText(intl, error);
}
