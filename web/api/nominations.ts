import { api } from './client.ts';
import type { CustomerLookup, Nomination } from './types.ts';

// Adding and claiming customers (issue 4; spec §4.1, §4.2).

export interface LookupRequest {
  engagementId: string;
  locationId: string;
  email: string;
  tenantId?: string;
  tpid?: number;
}

export type NominationRequest =
  | {
      origin: 'add';
      locationId: string;
      engagementIds: string[];
      email: string;
      tenantId?: string;
      tpid?: number;
      mismatchReason?: string;
    }
  | { origin: 'claim'; locationId: string; engagementIds: string[]; customerId: string };

export const nominationsApi = {
  get: (nominationId: string, signal?: AbortSignal) =>
    api.get<Nomination>(`/nominations/${encodeURIComponent(nominationId)}`, { signal }),
  /** Step 1 of Add customer: resolves the tenant and lists the workshops (R11–R15). */
  lookup: (body: LookupRequest, signal?: AbortSignal) =>
    api.post<CustomerLookup>('/customer-lookups', body, { signal }),
  /** One record per workshop; the same key on a retry creates nothing twice (R9, R17). */
  create: (body: NominationRequest, idempotencyKey: string) =>
    api.post<{ value: Nomination[] }>('/nominations', body, {
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
};
