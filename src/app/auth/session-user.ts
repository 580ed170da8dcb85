import { sql } from 'kysely';
import type { SessionUser } from '../../contracts/session.ts';
import type { Actor, Role } from '../../domain/policy.ts';
import type { Trx } from '../ports.ts';

export interface Principal {
  user: SessionUser;
  actor: Actor;
}

type RoleRow = { locationId: string; mpnId: string; locationName: string; role: Role };

/**
 * The user with partner and roles in ONE query (this runs on every authenticated request). Roles are
 * aggregated in the database; a role only counts on a location of the user's own partner.
 */
export function principalQuery(trx: Trx) {
  return trx
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
    ]);
}

type PrincipalRow = Awaited<ReturnType<ReturnType<typeof principalQuery>['executeTakeFirstOrThrow']>>;

export function toPrincipal(row: PrincipalRow): Principal {
  const roles = row.roles;
  const user: SessionUser = {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: (row.locale as SessionUser['locale']) ?? null,
    theme: row.theme ?? null,
    kind: row.kind,
    partner: row.partner_id ? { id: row.partner_id, name: row.partner_name ?? '' } : null,
    isAccountAdmin: row.is_account_admin,
    roles,
  };
  const actor: Actor =
    row.kind === 'operator'
      ? { kind: 'operator', userId: row.id }
      : {
          kind: 'partnerUser',
          userId: row.id,
          partnerId: row.partner_id!,
          isAccountAdmin: row.is_account_admin,
          roles: new Map<string, Role>(roles.map((r) => [r.locationId, r.role])),
        };
  return { user, actor };
}

/** Loads a user with their partner and roles, as the session API shows it and the policy needs it. */
export async function loadPrincipal(trx: Trx, userId: string): Promise<Principal | null> {
  const row = await principalQuery(trx).where('users.id', '=', userId).executeTakeFirst();
  return row ? toPrincipal(row) : null;
}
