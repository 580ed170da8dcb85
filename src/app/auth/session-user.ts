import type { SessionUser } from '../../contracts/session.ts';
import type { Actor, Role } from '../../domain/policy.ts';
import type { Trx } from '../ports.ts';

export interface Principal {
  user: SessionUser;
  actor: Actor;
}

/** Loads a user with their partner and roles, as the session API shows it and the policy needs it. */
export async function loadPrincipal(trx: Trx, userId: string): Promise<Principal | null> {
  const row = await trx
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
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  const roles = await trx
    .selectFrom('user_location_roles as r')
    .innerJoin('locations as l', 'l.id', 'r.location_id')
    .select(['r.location_id', 'r.role', 'l.mpn_id', 'l.name'])
    .where('r.user_id', '=', userId)
    // A role can only ever hold on a location of the user's own partner.
    .where('l.partner_id', '=', row.partner_id ?? '00000000-0000-0000-0000-000000000000')
    .orderBy('l.name')
    .execute();
  const user: SessionUser = {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    locale: (row.locale as SessionUser['locale']) ?? null,
    theme: row.theme ?? null,
    kind: row.kind,
    partner: row.partner_id ? { id: row.partner_id, name: row.partner_name ?? '' } : null,
    isAccountAdmin: row.is_account_admin,
    roles: roles.map((r) => ({ locationId: r.location_id, mpnId: r.mpn_id, locationName: r.name, role: r.role })),
  };
  const actor: Actor =
    row.kind === 'operator'
      ? { kind: 'operator', userId: row.id }
      : {
          kind: 'partnerUser',
          userId: row.id,
          partnerId: row.partner_id!,
          isAccountAdmin: row.is_account_admin,
          roles: new Map<string, Role>(roles.map((r) => [r.location_id, r.role])),
        };
  return { user, actor };
}
