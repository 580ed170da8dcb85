import { describe, expect, it } from 'vitest';
import {
  type Actor,
  can,
  DomainError,
  hasAnyIncentiveRole,
  locationsWhere,
  PERMISSIONS,
  type Permission,
  POLICY,
  type Role,
  requireAccess,
} from '../../../src/domain/index.ts';

const partnerUser = (roles: [string, Role][], isAccountAdmin = false): Actor => ({
  kind: 'partnerUser',
  userId: 'u1',
  partnerId: 'P1',
  isAccountAdmin,
  roles: new Map(roles),
});

const ACTORS = {
  admin: partnerUser([['L1', 'incentivesAdmin']]),
  user: partnerUser([['L1', 'incentivesUser']]),
  noRole: partnerUser([]),
  accountAdmin: partnerUser([], true),
  operator: { kind: 'operator', userId: 'o1' } as Actor,
};
type ActorName = keyof typeof ACTORS;

// own: a location where the actor holds its role; sibling: another location of the same partner;
// otherPartner: a location of another partner.
const TARGETS = {
  own: { partnerId: 'P1', locationId: 'L1' },
  sibling: { partnerId: 'P1', locationId: 'L2' },
  otherPartner: { partnerId: 'P2', locationId: 'L9' },
};

// Expected grant per permission × actor × [own, sibling, otherPartner]. Written out, not derived
// from POLICY, so a change of the policy table must be a deliberate change here too.
const Y = true;
const n = false;
// biome-ignore format: matrix
const MATRIX: Record<Permission, Record<ActorName, [boolean, boolean, boolean]>> = {
  'customers.view':       { admin: [Y, n, n], user: [Y, n, n], noRole: [n, n, n], accountAdmin: [n, n, n], operator: [n, n, n] },
  'customers.add':        { admin: [Y, n, n], user: [Y, n, n], noRole: [n, n, n], accountAdmin: [n, n, n], operator: [n, n, n] },
  'customers.claim':      { admin: [Y, n, n], user: [Y, n, n], noRole: [n, n, n], accountAdmin: [n, n, n], operator: [n, n, n] },
  'consent.request':      { admin: [Y, n, n], user: [Y, n, n], noRole: [n, n, n], accountAdmin: [n, n, n], operator: [n, n, n] },
  'consent.resend':       { admin: [Y, n, n], user: [Y, n, n], noRole: [n, n, n], accountAdmin: [n, n, n], operator: [n, n, n] },
  'workshopClaim.view':   { admin: [Y, n, n], user: [Y, n, n], noRole: [n, n, n], accountAdmin: [n, n, n], operator: [n, n, n] },
  'workshopClaim.edit':   { admin: [Y, n, n], user: [Y, n, n], noRole: [n, n, n], accountAdmin: [n, n, n], operator: [n, n, n] },
  'workshopClaim.submit': { admin: [Y, n, n], user: [Y, n, n], noRole: [n, n, n], accountAdmin: [n, n, n], operator: [n, n, n] },
  'enrolment.manage':     { admin: [Y, n, n], user: [n, n, n], noRole: [n, n, n], accountAdmin: [n, n, n], operator: [n, n, n] },
  'locations.enrol':      { admin: [n, n, n], user: [n, n, n], noRole: [n, n, n], accountAdmin: [Y, Y, n], operator: [n, n, n] },
  'roles.assign':         { admin: [n, n, n], user: [n, n, n], noRole: [n, n, n], accountAdmin: [Y, Y, n], operator: [n, n, n] },
  'users.manage':         { admin: [n, n, n], user: [n, n, n], noRole: [n, n, n], accountAdmin: [Y, Y, n], operator: [n, n, n] },
  'apiTokens.manage':     { admin: [Y, Y, n], user: [n, n, n], noRole: [n, n, n], accountAdmin: [n, n, n], operator: [n, n, n] },
  'webhooks.manage':      { admin: [Y, Y, n], user: [n, n, n], noRole: [n, n, n], accountAdmin: [n, n, n], operator: [n, n, n] },
  'audit.view':           { admin: [Y, Y, n], user: [n, n, n], noRole: [n, n, n], accountAdmin: [n, n, n], operator: [n, n, n] },
  'operator.review':      { admin: [n, n, n], user: [n, n, n], noRole: [n, n, n], accountAdmin: [n, n, n], operator: [Y, Y, Y] },
  'operator.catalogue':   { admin: [n, n, n], user: [n, n, n], noRole: [n, n, n], accountAdmin: [n, n, n], operator: [Y, Y, Y] },
  'operator.directory':   { admin: [n, n, n], user: [n, n, n], noRole: [n, n, n], accountAdmin: [n, n, n], operator: [Y, Y, Y] },
  'operator.audit':       { admin: [n, n, n], user: [n, n, n], noRole: [n, n, n], accountAdmin: [n, n, n], operator: [Y, Y, Y] },
};

describe('role matrix (quality §3.2, R33): permission × actor × location', () => {
  it('covers every permission of the policy table', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...PERMISSIONS].sort());
    expect(Object.keys(POLICY).sort()).toEqual([...PERMISSIONS].sort());
  });

  for (const permission of PERMISSIONS) {
    for (const actorName of Object.keys(ACTORS) as ActorName[]) {
      const targets = Object.entries(TARGETS);
      targets.forEach(([targetName, target], i) => {
        const expected = MATRIX[permission][actorName][i];
        it(`${permission} · ${actorName} · ${targetName} → ${expected ? 'allow' : 'deny'}`, () => {
          expect(can(ACTORS[actorName], permission, target)).toBe(expected);
        });
      });
    }
  }
});

describe('default deny and separation', () => {
  it('a location-scoped permission needs the target location', () => {
    expect(can(ACTORS.admin, 'customers.view')).toBe(false);
    expect(can(ACTORS.admin, 'customers.view', { partnerId: 'P1' })).toBe(false);
  });

  it('a location of another partner passed under our partner id finds no role', () => {
    expect(can(ACTORS.admin, 'customers.view', { partnerId: 'P1', locationId: 'L9' })).toBe(false);
    expect(can(ACTORS.admin, 'customers.view', { partnerId: 'P2', locationId: 'L1' })).toBe(false);
  });

  it('roles.assign: the own partner (also without target), never another', () => {
    expect(can(ACTORS.accountAdmin, 'roles.assign')).toBe(true);
    expect(can(ACTORS.accountAdmin, 'roles.assign', { partnerId: 'P1' })).toBe(true);
    expect(can(ACTORS.accountAdmin, 'roles.assign', { partnerId: 'P2' })).toBe(false);
  });

  it('an account admin without an incentive role cannot view customers (§1)', () => {
    for (const location of ['L1', 'L2']) {
      expect(can(ACTORS.accountAdmin, 'customers.view', { partnerId: 'P1', locationId: location })).toBe(
        false,
      );
    }
    expect(hasAnyIncentiveRole(ACTORS.accountAdmin)).toBe(false);
  });

  it('an account admin who also holds a role gets both, each in its own scope', () => {
    const both = partnerUser([['L1', 'incentivesUser']], true);
    expect(can(both, 'roles.assign', TARGETS.own)).toBe(true);
    expect(can(both, 'customers.add', TARGETS.own)).toBe(true);
    expect(can(both, 'customers.add', TARGETS.sibling)).toBe(false);
    expect(can(both, 'enrolment.manage', TARGETS.own)).toBe(false);
  });

  it('operators never get a partner permission; partner users never an operator one', () => {
    for (const permission of PERMISSIONS) {
      const operatorOnly = permission.startsWith('operator.');
      expect(can(ACTORS.operator, permission, TARGETS.own)).toBe(operatorOnly);
      expect(can(ACTORS.operator, permission)).toBe(operatorOnly);
      const superUser = partnerUser(
        [
          ['L1', 'incentivesAdmin'],
          ['L2', 'incentivesAdmin'],
        ],
        true,
      );
      if (operatorOnly) expect(can(superUser, permission)).toBe(false);
    }
  });

  it('denies a permission or a role that is not in the table', () => {
    expect(can(ACTORS.operator, 'operator.everything' as Permission)).toBe(false);
    expect(can(ACTORS.admin, 'toString' as Permission, TARGETS.own)).toBe(false);
    const odd = partnerUser([['L1', 'superAdmin' as Role]]);
    expect(can(odd, 'customers.view', TARGETS.own)).toBe(false);
    expect(hasAnyIncentiveRole(odd)).toBe(false);
  });
});

describe('locationsWhere (R33: pickers and lists show only permitted locations)', () => {
  const mixed = partnerUser([
    ['L1', 'incentivesAdmin'],
    ['L2', 'incentivesUser'],
  ]);
  it('lists the locations granting a location-scoped permission', () => {
    expect(locationsWhere(mixed, 'customers.view')).toEqual(['L1', 'L2']);
    expect(locationsWhere(mixed, 'enrolment.manage')).toEqual(['L1']);
    expect(locationsWhere(ACTORS.noRole, 'customers.view')).toEqual([]);
  });
  it('is empty for partner- and operator-scoped permissions and for operators', () => {
    expect(locationsWhere(partnerUser([['L1', 'incentivesAdmin']], true), 'roles.assign')).toEqual([]);
    expect(locationsWhere(mixed, 'operator.review')).toEqual([]);
    expect(locationsWhere(ACTORS.operator, 'customers.view')).toEqual([]);
  });
});

describe('hasAnyIncentiveRole (R1)', () => {
  it('true with a role on any location, false otherwise', () => {
    expect(hasAnyIncentiveRole(ACTORS.admin)).toBe(true);
    expect(hasAnyIncentiveRole(ACTORS.user)).toBe(true);
    expect(hasAnyIncentiveRole(ACTORS.noRole)).toBe(false);
    expect(hasAnyIncentiveRole(ACTORS.operator)).toBe(false);
  });
});

describe('requireAccess', () => {
  const codeOf = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      return e instanceof DomainError ? e.code : 'not a DomainError';
    }
    return 'allowed';
  };
  it('passes when allowed', () => {
    expect(codeOf(() => requireAccess(ACTORS.user, 'customers.add', TARGETS.own))).toBe('allowed');
  });
  it('NoIncentiveRole for a partner user without any incentive role (§1)', () => {
    expect(codeOf(() => requireAccess(ACTORS.accountAdmin, 'customers.view', TARGETS.own))).toBe(
      'NoIncentiveRole',
    );
  });
  it('Forbidden otherwise', () => {
    expect(codeOf(() => requireAccess(ACTORS.user, 'enrolment.manage', TARGETS.own))).toBe('Forbidden');
    expect(codeOf(() => requireAccess(ACTORS.user, 'customers.view', TARGETS.sibling))).toBe('Forbidden');
    expect(codeOf(() => requireAccess(ACTORS.noRole, 'roles.assign', TARGETS.own))).toBe('Forbidden');
    expect(codeOf(() => requireAccess(ACTORS.admin, 'operator.review'))).toBe('Forbidden');
    expect(codeOf(() => requireAccess(ACTORS.operator, 'customers.view', TARGETS.own))).toBe('Forbidden');
  });
});
