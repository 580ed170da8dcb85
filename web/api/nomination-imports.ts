import type { NominationImport } from '../../src/contracts/nomination-imports.ts';
import { ApiError, api, apiUrl, requestLocale } from './client.ts';
import type { ApiErrorBody } from './types.ts';

export {
  NOMINATION_IMPORT_COLUMNS,
  NOMINATION_IMPORT_MAX_BYTES,
} from '../../src/contracts/nomination-imports.ts';
export type { NominationImport };

/** Bulk add from CSV (issue 14): upload a file, poll its progress, fetch its report. */
export const nominationImportsApi = {
  /** Sends the file as the raw `text/csv` body; the same key on a retry starts one import. */
  async upload(
    file: Blob,
    options: { dryRun: boolean; csrfToken: string | null; idempotencyKey: string },
  ): Promise<{ id: string }> {
    let response: Response;
    try {
      response = await fetch(apiUrl(`/nomination-imports${options.dryRun ? '?dryRun=true' : ''}`), {
        method: 'POST',
        headers: {
          'Content-Type': 'text/csv',
          Accept: 'application/json',
          'Accept-Language': requestLocale(),
          'Idempotency-Key': options.idempotencyKey,
          ...(options.csrfToken ? { 'X-CSRF-Token': options.csrfToken } : {}),
        },
        body: file,
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, 'NetworkError', '');
    }
    const body = (await response.json().catch(() => null)) as ({ id: string } & Partial<ApiErrorBody>) | null;
    if (response.ok && body?.id) return { id: body.id };
    const e = body?.error;
    throw e && typeof e.code === 'string'
      ? new ApiError(response.status, e.code, e.message ?? '', e.target, e.details, e.correlationId)
      : new ApiError(response.status, 'UnexpectedResponse', '');
  },
  get: (id: string, signal?: AbortSignal) =>
    api.get<NominationImport>(`/nomination-imports/${encodeURIComponent(id)}`, { signal }),
  reportPath: (id: string) => `/nomination-imports/${encodeURIComponent(id)}/report`,
};
