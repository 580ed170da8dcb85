import { DomainError } from '../../domain/errors.ts';
import { audit } from '../audit.ts';
import { hashSecret, newSecret } from '../ids.ts';
import type { AppContext, OidcClaims } from '../ports.ts';
import { loadPrincipal, type Principal, principalQuery, toPrincipal } from './session-user.ts';

export interface OpenSession extends Principal {
  /** The cookie value; only its hash is stored. */
  sessionToken: string;
  csrfToken: string;
}

// A fixed argon2id hash of a random password, verified when the email is unknown so that a wrong
// email and a wrong password take the same time.
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$+uD68NtQmcQrVlC1GG3wRg$ohTZCJSvKz51UbzMyGAKeqSybwJ/n9OgA1k/uP8Sxzg';

export async function signIn(
  ctx: AppContext,
  input: { email: string; password: string },
): Promise<OpenSession> {
  const user = await ctx.db
    .selectFrom('users')
    .select(['id', 'kind', 'password_hash', 'is_demo'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
    .executeTakeFirst();
  const valid = await ctx.passwords.verify(user?.password_hash ?? DUMMY_HASH, input.password);
  if (!user?.password_hash || !valid) throw new DomainError('InvalidCredentials');
  if (user.is_demo) {
    // Spec §8: the demo password is accepted only while the demo data is loaded.
    const demo = await ctx.db
      .selectFrom('app_settings')
      .select('value')
      .where('key', '=', 'demo')
      .executeTakeFirst();
    if ((demo?.value as { loaded?: boolean } | undefined)?.loaded !== true)
      throw new DomainError('DemoSignInDisabled');
  }
  return openSession(ctx, user, 'session.signIn');
}

/** OpenID Connect: the account is matched by (issuer, subject), or linked once by a verified email. */
export async function signInWithOidc(ctx: AppContext, claims: OidcClaims): Promise<OpenSession> {
  let user = await ctx.db
    .selectFrom('users')
    .select(['id', 'kind'])
    .where('oidc_issuer', '=', claims.issuer)
    .where('oidc_subject', '=', claims.subject)
    .executeTakeFirst();
  if (!user && claims.email && claims.emailVerified) {
    const email = claims.email;
    user = await ctx.db
      .updateTable('users')
      .set({ oidc_issuer: claims.issuer, oidc_subject: claims.subject })
      .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
      .where('oidc_subject', 'is', null)
      .returning(['id', 'kind'])
      .executeTakeFirst();
  }
  // No self-service accounts: a partner's users are created or invited by the partner.
  if (!user) throw new DomainError('OidcNoAccount');
  return openSession(ctx, user, 'session.signInOidc');
}

async function openSession(
  ctx: AppContext,
  user: { id: string; kind: 'partnerUser' | 'operator' },
  action: string,
): Promise<OpenSession> {
  const now = ctx.realClock.now();
  const sessionToken = newSecret();
  const csrfToken = newSecret();
  const principal = await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({
        id_hash: hashSecret(sessionToken),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now,
        expires_at: new Date(now.getTime() + ctx.settings.sessionTtlHours * 3_600_000),
        last_seen_at: now,
      })
      .execute();
    await audit(trx, { actor: { kind: user.kind, id: user.id }, action, at: now });
    return loadPrincipal(trx, user.id);
  });
  if (!principal) throw new DomainError('InvalidCredentials');
  return { ...principal, sessionToken, csrfToken };
}

/** The session behind a cookie value, or null when unknown or expired. Slides the expiry. */
export async function resumeSession(
  ctx: AppContext,
  sessionToken: string,
): Promise<(Principal & { csrfToken: string; idHash: string }) | null> {
  const now = ctx.realClock.now();
  const idHash = hashSecret(sessionToken);
  const row = await principalQuery(ctx.db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at'])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row || row.expires_at.getTime() <= now.getTime()) return null;
  // Sliding expiry, written at most once a minute so that reads stay reads.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    await ctx.db
      .updateTable('sessions')
      .set({
        last_seen_at: now,
        expires_at: new Date(now.getTime() + ctx.settings.sessionTtlHours * 3_600_000),
      })
      .where('id_hash', '=', idHash)
      .execute();
  }
  return { ...toPrincipal(row), csrfToken: row.csrf_token, idHash };
}

export async function signOut(ctx: AppContext, idHash: string, principal: Principal): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    const actor = { kind: principal.actor.kind, id: principal.user.id };
    await audit(trx, { actor, action: 'session.signOut', at: ctx.clock.now() });
  });
}
