import type { Actor, Role } from '../../domain/policy.ts';
import type { Repositories } from '../store/index.ts';
import type { UserProfile } from '../store/users.ts';

export interface Principal {
  user: UserProfile;
  actor: Actor;
}

/** Who a user is to the policy: the operator, or a partner user with their role per location (R33). */
export function toPrincipal(user: UserProfile): Principal {
  const actor: Actor =
    user.kind === 'operator'
      ? { kind: 'operator', userId: user.id }
      : {
          kind: 'partnerUser',
          userId: user.id,
          // A partner user always has a partner (a check constraint on users says so).
          partnerId: user.partner!.id,
          isAccountAdmin: user.isAccountAdmin,
          roles: new Map<string, Role>(user.roles.map((r) => [r.locationId, r.role])),
        };
  return { user, actor };
}

/** Loads a user with their partner and roles, as the session API shows it and the policy needs it. */
export async function loadPrincipal(
  store: Pick<Repositories, 'users'>,
  userId: string,
): Promise<Principal | null> {
  const user = await store.users.profile(userId);
  return user ? toPrincipal(user) : null;
}
