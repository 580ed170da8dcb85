import { sql } from 'kysely';
import type { Location, UserProfile, UserRepository } from '../../../app/store/users.ts';
import { emailDomain } from '../../../domain/identifiers.ts';
import { isLocale } from '../../../i18n/locales.ts';
import type { Q } from './db.ts';

type RoleRow = UserProfile['roles'][number];

/**
 * The user with partner and roles in ONE query (checked in: sql/users.principal.sql): it runs on every
 * authenticated request, joined to the session. Roles are aggregated in the database; a role only
 * counts on a location of the user's own partner.
 */
export const principalQuery = (db: Q) =>
  db
    .selectFrom('users')
    .leftJoin('partners', 'partners.id', 'users.partner_id')
    .select([
      'users.id',
      'users.email',
      'users.display_name',
      'users.locale',
      'users.theme',
      'users.kind',
      'users.partner_id',
      'users.is_account_admin',
      'partners.name as partner_name',
      sql<RoleRow[]>`coalesce((
        select json_agg(json_build_object('locationId', r.location_id, 'mpnId', l.mpn_id, 'locationName', l.name, 'role', r.role)
                        order by l.name, l.id)
          from user_location_roles r
          join locations l on l.id = r.location_id and l.partner_id = users.partner_id
         where r.user_id = users.id), '[]'::json)`.as('roles'),
    ])
    // A deactivated user has no principal: their sessions and tokens stop at once, even one opened in
    // a race with the deactivation (issue 15 item 2).
    .where('users.deactivated_at', 'is', null);

/** The session behind a cookie, with its user, in one query (checked in: sql/users.session.sql). */
const sessionQuery = (db: Q, idHash: string) =>
  principalQuery(db)
    .innerJoin('sessions', 'sessions.user_id', 'users.id')
    .select(['sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at'])
    .where('sessions.id_hash', '=', idHash);

type PrincipalRow = Awaited<ReturnType<ReturnType<typeof principalQuery>['executeTakeFirstOrThrow']>>;

export function toProfile(row: PrincipalRow): UserProfile {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: isLocale(row.locale) ? row.locale : null,
    theme: row.theme ?? null,
    kind: row.kind,
    partner: row.partner_id ? { id: row.partner_id, name: row.partner_name ?? '' } : null,
    isAccountAdmin: row.is_account_admin,
    roles: row.roles,
  };
}

const locationQuery = (db: Q, partnerId: string) =>
  db
    .selectFrom('locations as l')
    .leftJoin('enrolments as e', 'e.location_id', 'l.id')
    .select(['l.id', 'l.partner_id', 'l.mpn_id', 'l.name', 'l.country', 'l.designations', 'e.status'])
    .where('l.partner_id', '=', partnerId);

function toLocation(
  r: Awaited<ReturnType<ReturnType<typeof locationQuery>['executeTakeFirstOrThrow']>>,
): Location {
  return {
    id: r.id,
    partnerId: r.partner_id,
    mpnId: r.mpn_id,
    name: r.name,
    country: r.country,
    designations: r.designations,
    enrolled: r.status === 'enrolled',
  };
}

/** The partner's locations, as a subquery that keeps role writes inside the partner. */
const partnerLocationIds = (db: Q, partnerId: string) =>
  db.selectFrom('locations').select('id').where('partner_id', '=', partnerId);

export function userRepository(db: Q): UserRepository {
  return {
    async location(scope, id) {
      const row = await locationQuery(db, scope.partnerId).where('l.id', '=', id).executeTakeFirst();
      return row ? toLocation(row) : undefined;
    },
    async locations(scope, ids) {
      if (ids.length === 0) return [];
      const rows = await locationQuery(db, scope.partnerId)
        .where('l.id', 'in', [...ids])
        .orderBy('l.name')
        .execute();
      return rows.map(toLocation);
    },
    async allLocations(scope) {
      const rows = await locationQuery(db, scope.partnerId).orderBy('l.name').execute();
      return rows.map(toLocation);
    },
    async domains(scope) {
      const rows = await db
        .selectFrom('users')
        .select('email')
        .where('partner_id', '=', scope.partnerId)
        .execute();
      return new Set(rows.flatMap((r) => emailDomain(r.email) ?? []));
    },

    async profile(userId) {
      const row = await principalQuery(db).where('users.id', '=', userId).executeTakeFirst();
      return row ? toProfile(row) : undefined;
    },
    async credentials(email) {
      const row = await db
        .selectFrom('users')
        .select(['id', 'kind', 'password_hash', 'is_demo'])
        .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
        .executeTakeFirst();
      return row && { id: row.id, kind: row.kind, passwordHash: row.password_hash, isDemo: row.is_demo };
    },
    async byOidcIdentity(issuer, subject) {
      return db
        .selectFrom('users')
        .select(['id', 'kind'])
        .where('oidc_issuer', '=', issuer)
        .where('oidc_subject', '=', subject)
        .executeTakeFirst();
    },
    async linkOidcIdentity(email, issuer, subject) {
      return (
        db
          .updateTable('users')
          .set({ oidc_issuer: issuer, oidc_subject: subject })
          // Emails are unique case-insensitively (the index is on lower(email)).
          .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
          .where('oidc_subject', 'is', null)
          .returning(['id', 'kind'])
          .executeTakeFirst()
      );
    },
    async setPreferences(userId, changes) {
      await db.updateTable('users').set(changes).where('id', '=', userId).execute();
    },

    async openSession(s) {
      await db
        .insertInto('sessions')
        .values({
          id_hash: s.idHash,
          user_id: s.userId,
          csrf_token: s.csrfToken,
          created_at: s.createdAt,
          expires_at: s.expiresAt,
          last_seen_at: s.createdAt,
        })
        .execute();
    },
    async session(idHash) {
      const row = await sessionQuery(db, idHash).executeTakeFirst();
      return (
        row && {
          user: toProfile(row),
          csrfToken: row.csrf_token,
          expiresAt: row.expires_at,
          lastSeenAt: row.last_seen_at,
        }
      );
    },
    async extendSession(idHash, seenAt, expiresAt) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: seenAt, expires_at: expiresAt })
        .where('id_hash', '=', idHash)
        .execute();
    },
    async closeSession(idHash) {
      await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    },

    async members(scope, onlyUserId) {
      let query = db
        .selectFrom('users')
        .select(['id', 'email', 'display_name', 'is_account_admin', 'deactivated_at'])
        .where('partner_id', '=', scope.partnerId);
      if (onlyUserId) query = query.where('id', '=', onlyUserId);
      const users = await query.orderBy('display_name').execute();
      if (users.length === 0) return [];
      const roles = await db
        .selectFrom('user_location_roles as r')
        .innerJoin('locations as l', 'l.id', 'r.location_id')
        .select(['r.user_id', 'r.location_id', 'r.role'])
        .where('l.partner_id', '=', scope.partnerId)
        .where(
          'r.user_id',
          'in',
          users.map((u) => u.id),
        )
        .execute();
      return users.map((u) => ({
        id: u.id,
        email: u.email,
        displayName: u.display_name,
        isAccountAdmin: u.is_account_admin,
        active: u.deactivated_at === null,
        roles: roles
          .filter((r) => r.user_id === u.id)
          .map((r) => ({ locationId: r.location_id, role: r.role })),
      }));
    },
    async isMember(scope, userId) {
      const row = await db
        .selectFrom('users')
        .select('id')
        .where('partner_id', '=', scope.partnerId)
        .where('id', '=', userId)
        .executeTakeFirst();
      return row !== undefined;
    },
    async roleOn(scope, userId, locationId) {
      const row = await db
        .selectFrom('user_location_roles')
        .select('role')
        .where('user_id', '=', userId)
        .where('location_id', '=', locationId)
        .where('location_id', 'in', partnerLocationIds(db, scope.partnerId))
        .executeTakeFirst();
      return row?.role;
    },
    async grantRole(scope, grant) {
      await db
        .insertInto('user_location_roles')
        .columns(['user_id', 'location_id', 'role', 'granted_by', 'granted_at'])
        .expression((eb) =>
          eb
            .selectFrom('users as u')
            .innerJoin('locations as l', 'l.partner_id', 'u.partner_id')
            .select([
              'u.id',
              'l.id',
              eb.val(grant.role).as('role'),
              eb.cast<string>(eb.val(grant.grantedBy), 'uuid').as('granted_by'),
              eb.cast<Date>(eb.val(grant.at), 'timestamptz').as('granted_at'),
            ])
            .where('u.id', '=', grant.userId)
            .where('l.id', '=', grant.locationId)
            .where('u.partner_id', '=', scope.partnerId),
        )
        .onConflict((oc) =>
          oc
            .columns(['user_id', 'location_id'])
            .doUpdateSet({ role: grant.role, granted_by: grant.grantedBy, granted_at: grant.at }),
        )
        .execute();
    },
    async revokeRole(scope, userId, locationId) {
      const removed = await db
        .deleteFrom('user_location_roles')
        .where('user_id', '=', userId)
        .where('location_id', '=', locationId)
        .where('location_id', 'in', partnerLocationIds(db, scope.partnerId))
        .returning('role')
        .executeTakeFirst();
      return removed?.role;
    },

    async insertPartnerUser(scope, user) {
      const row = await db
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          display_name: user.displayName,
          kind: 'partnerUser',
          partner_id: scope.partnerId,
          password_hash: user.passwordHash,
          locale: user.locale,
          created_at: user.createdAt,
        })
        // users_email (lower(email)) is the conflict: the address got an account in the meantime.
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },
    async lockAccountAdmins(scope) {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'deactivated_at'])
        .where('partner_id', '=', scope.partnerId)
        .where('is_account_admin', '=', true)
        .orderBy('id')
        .forUpdate()
        .execute();
      return rows.map((r) => ({ id: r.id, active: r.deactivated_at === null }));
    },
    async setActive(scope, userId, active, at) {
      const row = await db
        .updateTable('users')
        .set({ deactivated_at: active ? null : at })
        .where('partner_id', '=', scope.partnerId)
        .where('id', '=', userId)
        .returning('id')
        .executeTakeFirst();
      if (!row || active) return row !== undefined;
      // Each deleted session notifies its own key too (migration 0008); the update above names the user.
      await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
      await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('partner_id', '=', scope.partnerId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .execute();
      return true;
    },
  };
}
