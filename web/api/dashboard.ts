import { api } from './client.ts';
import type { CustomerSearchResult, Dashboard } from './types.ts';

/** The action centre, the partner's home (issue 15), and its search of customers across workshops. */
export const dashboardApi = {
  get: (signal?: AbortSignal) => api.get<Dashboard>('/dashboard', { signal }),
  searchCustomers: (search: string, signal?: AbortSignal) =>
    api.get<CustomerSearchResult>(`/customers?${new URLSearchParams({ search })}`, { signal }),
};
