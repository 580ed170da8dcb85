import { api } from './client.ts';
import type {
  ConsentContactPatch,
  ConsentDecision,
  ConsentRequest,
  ConsentRequestBody,
  PublicConsent,
} from './types.ts';

// Asking a customer for consent (spec §4.3, R23–R31) and the public consent page.

const base = (nominationId: string) => `/nominations/${encodeURIComponent(nominationId)}/consent-requests`;

export interface CurrentConsent {
  request: ConsentRequest;
  /** Sent back as If-Match when the contact changes (412 when someone changed it meanwhile). */
  etag: string | null;
}

export const consentApi = {
  /** R26–R28: the same key on a retry sends nothing twice. */
  request: (nominationId: string, body: ConsentRequestBody, idempotencyKey: string) =>
    api.post<ConsentRequest>(base(nominationId), body, { headers: { 'Idempotency-Key': idempotencyKey } }),
  async current(nominationId: string, signal?: AbortSignal): Promise<CurrentConsent> {
    const { data, headers } = await api.send<ConsentRequest>(
      'GET',
      `${base(nominationId)}/current`,
      undefined,
      {
        signal,
      },
    );
    return { request: data, etag: headers.get('etag') };
  },
  /** Voids the old link and sends a new email. */
  async changeContact(nominationId: string, body: ConsentContactPatch, etag: string | null) {
    const { data, headers } = await api.send<ConsentRequest>('PATCH', `${base(nominationId)}/current`, body, {
      headers: etag ? { 'If-Match': etag } : {},
    });
    return { request: data, etag: headers.get('etag') } satisfies CurrentConsent;
  },
  /** R29: at most one per hour (429 with Retry-After). */
  resend: (nominationId: string) => api.post<ConsentRequest>(`${base(nominationId)}/resend`),
};

export const publicConsentApi = {
  get: (token: string, signal?: AbortSignal) =>
    api.get<PublicConsent>(`/public/consent/${encodeURIComponent(token)}`, {
      signal,
      expectUnauthorized: true,
    }),
  decide: (token: string, decision: ConsentDecision) =>
    api.post<PublicConsent>(
      `/public/consent/${encodeURIComponent(token)}`,
      { decision },
      { expectUnauthorized: true },
    ),
};
