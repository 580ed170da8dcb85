import { api } from './client.ts';
import type {
  CreateNominationsRequest,
  CustomerLookup,
  CustomerLookupRequest,
  Nomination,
  NominationList,
} from './types.ts';

// Adding and claiming customers (issue 4; spec §4.1, §4.2).

export const nominationsApi = {
  get: (nominationId: string, signal?: AbortSignal) =>
    api.get<Nomination>(`/nominations/${encodeURIComponent(nominationId)}`, { signal }),
  /** Step 1 of Add customer: resolves the tenant and lists the workshops (R11–R15). */
  lookup: (body: CustomerLookupRequest, signal?: AbortSignal) =>
    api.post<CustomerLookup>('/customer-lookups', body, { signal }),
  /** One record per workshop; the same key on a retry creates nothing twice (R9, R17). */
  create: (body: CreateNominationsRequest, idempotencyKey: string) =>
    api.post<NominationList>('/nominations', body, {
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
};
