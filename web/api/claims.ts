import { ApiError, api, apiUrl, requestLocale } from './client.ts';
import type {
  ApiErrorBody,
  DisputeBody,
  FileKind,
  PartnerSurveyBody,
  PartnerSurveySendBody,
  WorkshopClaim,
  WorkshopClaimPatch,
} from './types.ts';

// The partner's workshop claim (spec §4.4, S1–S9): the claim view with its ETag, edits with If-Match,
// POE file uploads (raw body, with progress), the two surveys, submit / cancel / dispute.

const base = (nominationId: string) => `/nominations/${encodeURIComponent(nominationId)}/claim`;

export interface LoadedClaim {
  claim: WorkshopClaim;
  /** Sent back as If-Match with a change (412 when someone changed the claim meanwhile). */
  etag: string | null;
}

/** The media types the server takes, by file extension (a browser may not know DOCX/PPTX). */
const TYPES_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** The Content-Type to send for a file: the browser's, else from the extension. */
function contentTypeOf(file: File): string {
  if (file.type) return file.type;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return TYPES_BY_EXTENSION[ext] ?? 'application/octet-stream';
}

export interface UploadOptions {
  csrfToken: string | null;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export const claimsApi = {
  async get(nominationId: string, signal?: AbortSignal): Promise<LoadedClaim> {
    const { data, headers } = await api.send<WorkshopClaim>('GET', base(nominationId), undefined, {
      signal,
    });
    return { claim: data, etag: headers.get('etag') };
  },
  async update(nominationId: string, patch: WorkshopClaimPatch, etag: string | null): Promise<LoadedClaim> {
    const { data, headers } = await api.send<WorkshopClaim>('PATCH', base(nominationId), patch, {
      headers: etag ? { 'If-Match': etag } : {},
    });
    return { claim: data, etag: headers.get('etag') };
  },
  /**
   * Uploads a POE file as the raw body. XMLHttpRequest rather than fetch: it reports upload progress
   * (quality §4: long work shows progress).
   */
  upload(nominationId: string, kind: FileKind, file: File, options: UploadOptions): Promise<WorkshopClaim> {
    return new Promise<WorkshopClaim>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('PUT', apiUrl(`${base(nominationId)}/files/${kind}`));
      xhr.setRequestHeader('Content-Type', contentTypeOf(file));
      xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Accept-Language', requestLocale());
      if (options.csrfToken) xhr.setRequestHeader('X-CSRF-Token', options.csrfToken);
      xhr.withCredentials = true;
      xhr.responseType = 'text';
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
      };
      xhr.onload = () => {
        let body: unknown = null;
        try {
          body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
        } catch {
          body = null;
        }
        if (xhr.status >= 200 && xhr.status < 300 && body) {
          resolve(body as WorkshopClaim);
          return;
        }
        const e = (body as Partial<ApiErrorBody> | null)?.error;
        reject(
          e && typeof e.code === 'string'
            ? new ApiError(xhr.status, e.code, e.message ?? '', e.target, e.details, e.correlationId)
            : new ApiError(xhr.status, 'UnexpectedResponse', ''),
        );
      };
      // The server answers 413/415 before reading the body and may close the connection while the
      // browser is still sending: that arrives as a network error without a status.
      xhr.onerror = () =>
        reject(new ApiError(xhr.status, xhr.status ? 'UnexpectedResponse' : 'NetworkError', ''));
      xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
      options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
      xhr.send(file);
    });
  },
  /** The download URL of an uploaded file (the session cookie authorises it). */
  fileUrl: (nominationId: string, kind: FileKind) => apiUrl(`${base(nominationId)}/files/${kind}`),
  answerPartnerSurvey: (nominationId: string, body: PartnerSurveyBody) =>
    api.put<WorkshopClaim>(`${base(nominationId)}/surveys/partner`, body),
  /** To `contact`, or to the claim's partner contact when the body has none. */
  sendPartnerSurvey: (nominationId: string, body: PartnerSurveySendBody) =>
    api.post<WorkshopClaim>(`${base(nominationId)}/surveys/partner/send`, body),
  sendCustomerSurvey: (nominationId: string) =>
    api.post<WorkshopClaim>(`${base(nominationId)}/surveys/customer/send`, {}),
  /** Submit or resubmit; the same key on a retry submits once. */
  submit: (nominationId: string, idempotencyKey: string) =>
    api.post<WorkshopClaim>(
      `${base(nominationId)}/submit`,
      {},
      {
        headers: { 'Idempotency-Key': idempotencyKey },
      },
    ),
  cancel: (nominationId: string, idempotencyKey: string) =>
    api.post<WorkshopClaim>(
      `${base(nominationId)}/cancel`,
      {},
      {
        headers: { 'Idempotency-Key': idempotencyKey },
      },
    ),
  dispute: (nominationId: string, body: DisputeBody, idempotencyKey: string) =>
    api.post<WorkshopClaim>(`${base(nominationId)}/dispute`, body, {
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
};
