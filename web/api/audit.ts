import { api, resolveLink } from './client.ts';
import type { AuditEvent, AuditEventList } from './types.ts';

/** The audit log's filters as the page sends them (issue 14): every one optional. */
export interface AuditFilters {
  from?: string;
  to?: string;
  action?: string;
  nominationId?: string;
}

function query(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The audit log, newest first, a page at a time; `next` follows the list's opaque `nextLink`. */
export const auditApi = {
  async page(filters: AuditFilters, signal?: AbortSignal) {
    const path = `/audit-events${query({ ...filters })}`;
    return follow(await api.get<AuditEventList>(path, { signal }), path);
  },
  async next(link: string, signal?: AbortSignal) {
    return follow(await api.get<AuditEventList>(link, { signal }), link);
  },
  /** The CSV export of the same filters (a download link; the browser sends the session cookie). */
  exportUrl: (filters: AuditFilters) => `/api/v1/audit-events/export${query(filters)}`,
};

function follow(body: AuditEventList, path: string): { value: AuditEvent[]; next: string | null } {
  return { value: body.value, next: body.nextLink ? resolveLink(body.nextLink, path) : null };
}
