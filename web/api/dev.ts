import { api } from './client.ts';
import type { Mailbox, TestClock, TestClockAdvance } from './types.ts';

// Demo aids (only when the session's `features` say so): the embedded mailbox and the test clock.

export const devApi = {
  mailbox: (to?: string, signal?: AbortSignal) => {
    const q = new URLSearchParams({ maxpagesize: '50' });
    if (to?.trim()) q.set('to', to.trim());
    return api.get<Mailbox>(`/dev/mailbox?${q.toString()}`, { signal });
  },
  clock: (signal?: AbortSignal) => api.get<TestClock>('/test-clock', { signal }),
  /** `advance`: an ISO 8601 duration, e.g. P1D, P31D. */
  advance: (body: TestClockAdvance) => api.post<TestClock>('/test-clock', body),
};
