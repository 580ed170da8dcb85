import { api } from './client.ts';
import type { ApiTokenList, CreateApiTokenRequest, CreatedApiToken } from './types.ts';

/** API tokens for integrations (issue 14): the secret comes back once, from `create`. */
export const apiTokensApi = {
  list: (signal?: AbortSignal) => api.get<ApiTokenList>('/api-tokens', { signal }),
  create: (body: CreateApiTokenRequest) => api.post<CreatedApiToken>('/api-tokens', body),
  revoke: (id: string) => api.delete(`/api-tokens/${encodeURIComponent(id)}`),
};
