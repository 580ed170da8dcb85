import { DomainError } from '../../domain/errors.ts';
import { hashSecret, newSecret } from '../ids.ts';
import type { AppContext, OidcClaims } from '../ports.ts';
import type { UserRef } from '../store/users.ts';
import { loadPrincipal, type Principal, toPrincipal } from './session-user.ts';

export interface OpenSession extends Principal {
  /** The cookie value; only its hash is stored. */
  sessionToken: string;
  csrfToken: string;
}

// A fixed argon2id hash of a random password, verified when the email is unknown so that a wrong
// email and a wrong password take the same time.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$+uD68NtQmcQrVlC1GG3wRg$ohTZCJSvKz51UbzMyGAKeqSybwJ/n9OgA1k/uP8Sxzg';

/** A session seen again within this long keeps its expiry: reads stay reads on the hot path. */
const SLIDE_AFTER_MS = 60_000;

const expiryFrom = (ctx: AppContext, now: Date) =>
  new Date(now.getTime() + ctx.settings.sessionTtlHours * 3_600_000);

export async function signIn(
  ctx: AppContext,
  input: { email: string; password: string },
): Promise<OpenSession> {
  const user = await ctx.store.users.credentials(input.email);
  const valid = await ctx.passwords.verify(user?.passwordHash ?? DUMMY_HASH, input.password);
  if (!user?.passwordHash || !valid) throw new DomainError('InvalidCredentials');
  // Spec §8: the demo password is accepted only while the demo data is loaded.
  if (user.isDemo && !(await ctx.store.settings.demoLoaded())) throw new DomainError('DemoSignInDisabled');
  return openSession(ctx, user, 'session.signIn');
}

/** OpenID Connect: the account is matched by (issuer, subject), or linked once by a verified email. */
export async function signInWithOidc(ctx: AppContext, claims: OidcClaims): Promise<OpenSession> {
  let user = await ctx.store.users.byOidcIdentity(claims.issuer, claims.subject);
  if (!user && claims.email && claims.emailVerified)
    user = await ctx.store.users.linkOidcIdentity(claims.email, claims.issuer, claims.subject);
  // No self-service accounts: a partner's users are created or invited by the partner.
  if (!user) throw new DomainError('OidcNoAccount');
  return openSession(ctx, user, 'session.signInOidc');
}

/** Opens a session for a user whose credentials were checked (sign-in, OpenID Connect, an accepted invitation). */
export async function openSession(ctx: AppContext, user: UserRef, action: string): Promise<OpenSession> {
  // Sessions live on real time (R36): moving the test clock never signs anybody out.
  const now = ctx.realClock.now();
  const sessionToken = newSecret();
  const csrfToken = newSecret();
  const principal = await ctx.store.transaction(async (tx) => {
    await tx.users.openSession({
      idHash: hashSecret(sessionToken),
      userId: user.id,
      csrfToken,
      createdAt: now,
      expiresAt: expiryFrom(ctx, now),
    });
    await tx.audit.record({ actor: { kind: user.kind, id: user.id }, action, at: now });
    return loadPrincipal(tx, user.id);
  });
  if (!principal) throw new DomainError('InvalidCredentials');
  return { ...principal, sessionToken, csrfToken };
}

/**
 * The session behind a cookie value, or null when unknown or expired. Slides the expiry. Served from
 * the instance's session cache when it holds the session (ADR 0017): then no statement at all.
 */
export async function resumeSession(
  ctx: AppContext,
  sessionToken: string,
): Promise<(Principal & { csrfToken: string; idHash: string }) | null> {
  const now = ctx.realClock.now();
  const nowMs = now.getTime();
  const idHash = hashSecret(sessionToken);
  const cache = ctx.sessionCache;
  const generation = cache?.generation ?? 0;
  const cached = cache?.get(idHash, nowMs);
  // A cached expiry may be older than the database's (another instance slid it): then ask the database.
  let session = cached && cached.expiresAt.getTime() > nowMs ? cached : await ctx.store.users.session(idHash);
  if (!session || session.expiresAt.getTime() <= nowMs) return null;
  // Sliding expiry, written at most once a minute so that reads stay reads.
  if (nowMs - session.lastSeenAt.getTime() > SLIDE_AFTER_MS) {
    const expiresAt = expiryFrom(ctx, now);
    await ctx.store.users.extendSession(idHash, now, expiresAt);
    session = { ...session, lastSeenAt: now, expiresAt };
  }
  if (session !== cached) cache?.set(idHash, session, nowMs, generation);
  return { ...toPrincipal(session.user), csrfToken: session.csrfToken, idHash };
}

export async function signOut(ctx: AppContext, idHash: string, principal: Principal): Promise<void> {
  await ctx.store.transaction(async (tx) => {
    await tx.users.closeSession(idHash);
    const actor = { kind: principal.actor.kind, id: principal.user.id };
    await tx.audit.record({ actor, action: 'session.signOut', at: ctx.clock.now() });
  });
  // Every instance hears of it from the database (a trigger's notice); this one needs no round trip.
  ctx.sessionCache?.forget(`session:${idHash}`);
}
