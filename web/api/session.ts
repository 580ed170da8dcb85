import { ApiError, api } from './client.ts';
import type { PreferencesRequest, Session, SignInRequest, User } from './types.ts';

/**
 * How users can sign in here: a password, and OpenID Connect when the server is configured for it.
 * (The route declares this answer inline in src/http/routes/oidc.ts: there is no contract to take it from.)
 */
export interface AuthProviders {
  password: boolean;
  oidc: { loginUrl: string } | null;
}

export const sessionApi = {
  providers: (signal?: AbortSignal) =>
    api.get<AuthProviders>('/auth/providers', { signal, expectUnauthorized: true }),
  /** Current session, or null when signed out (401). */
  async current(): Promise<Session | null> {
    try {
      return await api.get<Session>('/session', { expectUnauthorized: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  signIn: (body: SignInRequest) => api.post<Session>('/session', body, { expectUnauthorized: true }),
  signOut: () => api.delete('/session', { expectUnauthorized: true }),
  savePreferences: (body: PreferencesRequest) => api.patch<{ user: User }>('/me/preferences', body),
};
