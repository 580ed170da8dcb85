import { api } from './client.ts';
import type { MailboxMessage, TestClock } from './types.ts';

// Demo aids (only when the session's `features` say so): the embedded mailbox and the test clock.

export const devApi = {
  mailbox: (to?: string, signal?: AbortSignal) => {
    const q = new URLSearchParams({ maxpagesize: '50' });
    if (to?.trim()) q.set('to', to.trim());
    return api.get<{ value: MailboxMessage[] }>(`/dev/mailbox?${q.toString()}`, { signal });
  },
  clock: (signal?: AbortSignal) => api.get<TestClock>('/test-clock', { signal }),
  /** ISO 8601 duration, e.g. P1D, P31D. */
  advance: (advance: string) => api.post<TestClock>('/test-clock', { advance }),
};
