import type { User } from '../api/types.ts';

// What the UI shows to whom. The server enforces the same rules (quality §3.2); these only decide
// which links and pages to offer.

/** R1: the Customers page (and everything built on it) needs an incentive role on a location. */
export function hasIncentiveRole(user: User): boolean {
  return user.kind === 'partnerUser' && user.roles.length > 0;
}

/** Spec §1: the Account admin assigns incentive roles per location. */
export function canManageRoles(user: User): boolean {
  return user.kind === 'partnerUser' && user.isAccountAdmin && user.partner !== null;
}

/** Issue 14: an Incentives admin (on any location) manages the partner's API tokens. */
export function canManageApiTokens(user: User): boolean {
  return user.kind === 'partnerUser' && user.roles.some((r) => r.role === 'incentivesAdmin');
}

/** Issue 14: the audit log, for a partner's Incentives admins (their organisation's) and the operator (all). */
export function canReadActivity(user: User): boolean {
  return user.kind === 'operator' || canManageApiTokens(user);
}

/** Issue 14: an Incentives admin (on any location) manages the partner's webhook endpoints (`webhooks.manage`). */
export function canManageWebhooks(user: User): boolean {
  return canManageApiTokens(user);
}
