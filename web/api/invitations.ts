import { api } from './client.ts';
import type { PublicInvitation, Session } from './types.ts';

// The invitee's page (issue 15 item 2): no sign-in, the link's token is the credential.
export const publicInvitationApi = {
  get: (token: string, signal?: AbortSignal) =>
    api.get<PublicInvitation>(`/public/invitations/${encodeURIComponent(token)}`, {
      signal,
      expectUnauthorized: true,
    }),
  /** Sets the password: the answer is a session, like a sign-in. */
  accept: (token: string, password: string) =>
    api.post<Session>(
      `/public/invitations/${encodeURIComponent(token)}`,
      { password },
      { expectUnauthorized: true },
    ),
};
