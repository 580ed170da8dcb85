import { api } from './client.ts';
import type { MarkNotificationsRead, NotificationList } from './types.ts';

// In-app notifications (spec §4.3: declines, expiries, acceptances, deadlines).

export const notificationsApi = {
  list: (signal?: AbortSignal) => api.get<NotificationList>('/notifications?maxpagesize=20', { signal }),
  /** The given ones, or all of the user's when `ids` is absent. */
  markRead: (body: MarkNotificationsRead) => api.post<void>('/notifications/read', body),
};
