import { AsyncLocalStorage } from 'node:async_hooks';

// The API token a request is made with (issue 14: audit events name the token). The HTTP layer runs each
// request inside `withCredentials` and fills in the token once it has resolved the bearer; the audit
// repository stamps it on every event the token's creator causes in that request, so no use case has to
// pass it along. Jobs run outside any request and carry none.

export interface ActingToken {
  id: string;
  /** The token's creator: the actor of the events. */
  userId: string;
}

const current = new AsyncLocalStorage<{ token: ActingToken | null }>();

export function withCredentials<T>(holder: { token: ActingToken | null }, body: () => T): T {
  return current.run(holder, body);
}

/** The token of the current request, when a partner user acts with one. */
function actingToken(): ActingToken | null {
  return current.getStore()?.token ?? null;
}

/** The token to stamp on an audit event: only on events whose actor is the token's creator. */
export function tokenOfActor(actor: { kind: string; id: string | null }): string | null {
  const token = actingToken();
  return token && actor.kind === 'partnerUser' && actor.id === token.userId ? token.id : null;
}
