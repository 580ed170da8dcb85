// The access policy (spec §1, R1, R33, quality §3.2): one table, default deny. Routes declare a
// permission, use cases call can()/requireAccess() with the target they are about to touch.

import { DomainError } from './errors.ts';

const ROLES = ['incentivesAdmin', 'incentivesUser'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'customers.view',
  'customers.add',
  'customers.claim',
  'consent.request',
  'consent.resend',
  'workshopClaim.view',
  'workshopClaim.edit',
  'workshopClaim.submit',
  'enrolment.manage',
  'locations.enrol',
  'roles.assign',
  'users.manage',
  'apiTokens.manage',
  'webhooks.manage',
  'audit.view',
  'operator.review',
  'operator.catalogue',
  'operator.directory',
  'operator.audit',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export type Actor =
  | {
      kind: 'partnerUser';
      userId: string;
      partnerId: string;
      isAccountAdmin: boolean;
      /** R33: incentive roles are granted per location (key: locationId of this partner). */
      roles: ReadonlyMap<string, Role>;
    }
  | { kind: 'operator'; userId: string };

export interface AccessTarget {
  partnerId: string;
  locationId?: string;
}

/**
 * - location: needs one of `roles` on the target location (target.locationId is required);
 * - partner: the actor's own partner, granted by `accountAdmin` and/or holding one of `roles`
 *   on any of its locations;
 * - operator: program operators only; the target is ignored.
 */
export interface PolicyRule {
  scope: 'location' | 'partner' | 'operator';
  roles?: Role[];
  accountAdmin?: boolean;
}

const BOTH: Role[] = ['incentivesAdmin', 'incentivesUser'];

export const POLICY: Readonly<Record<Permission, PolicyRule>> = {
  // R33/§1: Incentives admin and Incentives user may do everything on the Customers page.
  'customers.view': { scope: 'location', roles: BOTH },
  'customers.add': { scope: 'location', roles: BOTH },
  'customers.claim': { scope: 'location', roles: BOTH },
  'consent.request': { scope: 'location', roles: BOTH },
  'consent.resend': { scope: 'location', roles: BOTH },
  'workshopClaim.view': { scope: 'location', roles: BOTH },
  'workshopClaim.edit': { scope: 'location', roles: BOTH },
  'workshopClaim.submit': { scope: 'location', roles: BOTH },
  // §1: only the Incentives admin changes enrolment (and payee) data.
  'enrolment.manage': { scope: 'location', roles: ['incentivesAdmin'] },
  // Issue 15 item 3, R39: the Account admin enrols the partner's locations in the program (accepting the
  // terms) and withdraws them; nobody else, and only within their own partner.
  'locations.enrol': { scope: 'partner', accountAdmin: true },
  // §1: only the Account admin assigns incentive roles, and only within their own partner.
  'roles.assign': { scope: 'partner', accountAdmin: true },
  // Issue 15 item 2: the Account admin invites colleagues and deactivates (or reactivates) them; only
  // within their own partner.
  'users.manage': { scope: 'partner', accountAdmin: true },
  // Issue 14: the Incentives admin manages the partner's API tokens and reads its audit log.
  'apiTokens.manage': { scope: 'partner', roles: ['incentivesAdmin'] },
  'audit.view': { scope: 'partner', roles: ['incentivesAdmin'] },
  // Issue 14: the Incentives admin manages the partner's webhook endpoints (also with an API token, ADR 0019).
  'webhooks.manage': { scope: 'partner', roles: ['incentivesAdmin'] },
  // §4.5: operator routes are a separate role; partner users can never reach them.
  'operator.review': { scope: 'operator' },
  'operator.catalogue': { scope: 'operator' },
  'operator.directory': { scope: 'operator' },
  'operator.audit': { scope: 'operator' },
};

function ruleOf(permission: Permission): PolicyRule | undefined {
  // Default deny also for a permission string that is not in the table (e.g. a typo cast in).
  return Object.hasOwn(POLICY, permission) ? POLICY[permission] : undefined;
}

function grantsRole(rule: PolicyRule, role: Role | undefined): boolean {
  return role !== undefined && (rule.roles ?? []).includes(role);
}

/**
 * Default deny. A partner user is never granted an operator permission and an operator never a
 * partner one; a target of another partner is always denied. For a location-scoped permission
 * the target must name the location: "some location of this partner" is not enough (use
 * locationsWhere() for lists and pickers, hasAnyIncentiveRole() for R1).
 */
export function can(actor: Actor, permission: Permission, target?: AccessTarget): boolean {
  const rule = ruleOf(permission);
  if (!rule) return false;
  if (rule.scope === 'operator') return actor.kind === 'operator';
  if (actor.kind !== 'partnerUser') return false;
  if (target && target.partnerId !== actor.partnerId) return false;
  if (rule.scope === 'partner') {
    if (rule.accountAdmin && actor.isAccountAdmin) return true;
    return [...actor.roles.values()].some((role) => grantsRole(rule, role));
  }
  if (!target?.locationId) return false;
  // The roles map only holds this partner's locations, so a location of another partner passed
  // with our partnerId finds no role here.
  return grantsRole(rule, actor.roles.get(target.locationId));
}

/**
 * R33: the locations on which the actor holds a location-scoped permission (for pickers, lists and
 * the scoped queries). Empty for partner- and operator-scoped permissions, which are not per location.
 */
export function locationsWhere(actor: Actor, permission: Permission): string[] {
  const rule = ruleOf(permission);
  if (rule?.scope !== 'location' || actor.kind !== 'partnerUser') return [];
  return [...actor.roles.entries()].filter(([, role]) => grantsRole(rule, role)).map(([id]) => id);
}

/** R1: the Customers page needs Incentives admin or Incentives user on at least one location. */
export function hasAnyIncentiveRole(actor: Actor): boolean {
  return actor.kind === 'partnerUser' && [...actor.roles.values()].some((role) => ROLES.includes(role));
}

/**
 * can() or throw. Forbidden, except for a partner user without any incentive role, who gets
 * NoIncentiveRole so the page can explain which role is needed (§1, Account admin). Whether an
 * object of another partner should rather look non-existent (404, quality §3.1) is for the
 * caller to decide before it gets here.
 */
export function requireAccess(actor: Actor, permission: Permission, target?: AccessTarget): void {
  if (can(actor, permission, target)) return;
  // Only for permissions an incentive role would grant (not roles.assign, not operator ones).
  if (actor.kind === 'partnerUser' && ruleOf(permission)?.roles && !hasAnyIncentiveRole(actor)) {
    throw new DomainError('NoIncentiveRole', { params: { permission } });
  }
  throw new DomainError('Forbidden', { params: { permission } });
}
