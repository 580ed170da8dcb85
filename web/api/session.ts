import { ApiError, api } from './client.ts';
import type { Locale, Session, Theme, User } from './types.ts';

export const sessionApi = {
  /** Current session, or null when signed out (401). */
  async current(): Promise<Session | null> {
    try {
      return await api.get<Session>('/session', { expectUnauthorized: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  signIn: (email: string, password: string) =>
    api.post<Session>('/session', { email, password }, { expectUnauthorized: true }),
  signOut: () => api.delete('/session', { expectUnauthorized: true }),
  savePreferences: (prefs: { locale?: Locale; theme?: Theme }) =>
    api.patch<{ user: User }>('/me/preferences', prefs),
};
