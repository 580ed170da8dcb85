import type { SessionUser } from '../../contracts/session.ts';
import type { Role } from '../../domain/policy.ts';
import type { PartnerScope } from './scope.ts';

// The partner's organisation: its locations and enrolment, its users and their roles, and sessions.

export interface Location {
  id: string;
  partnerId: string;
  mpnId: string;
  name: string;
  country: string;
  designations: string[];
  /** Enrolled in the MCI program (§2): only enrolled locations can earn. */
  enrolled: boolean;
}

/** A signed-in user as the session API shows them: partner, and incentive roles on its locations. */
export type UserProfile = SessionUser;

/** What signing in with a password checks (the hash is never shown anywhere else). */
interface Credentials {
  id: string;
  kind: UserProfile['kind'];
  passwordHash: string | null;
  /** Demo users sign in only while the demo data is loaded (spec §8). */
  isDemo: boolean;
}

export interface UserRef {
  id: string;
  kind: UserProfile['kind'];
}

interface NewSession {
  /** Only the hash of the cookie value is stored. */
  idHash: string;
  userId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
}

interface StoredSession {
  user: UserProfile;
  csrfToken: string;
  expiresAt: Date;
  lastSeenAt: Date;
}

/** A user of the partner with their incentive roles (the Account admin's page). */
interface Member {
  id: string;
  email: string;
  displayName: string;
  isAccountAdmin: boolean;
  /** False once the Account admin deactivated the user (issue 15 item 2): no sign-in, no session, no token. */
  active: boolean;
  roles: { locationId: string; role: Role }[];
}

/** A partner user created by accepting an invitation (issue 15 item 2). */
interface NewPartnerUser {
  id: string;
  partnerId: string;
  email: string;
  displayName: string;
  passwordHash: string | null;
  locale: string | null;
  createdAt: Date;
}

interface RoleGrant {
  userId: string;
  locationId: string;
  role: Role;
  grantedBy: string;
  at: Date;
}

export interface UserRepository {
  /** One location of the partner, or undefined (another partner's is the same as a missing one). */
  location(scope: PartnerScope, id: string): Promise<Location | undefined>;
  /** These locations of the partner, by name. */
  locations(scope: PartnerScope, ids: readonly string[]): Promise<Location[]>;
  /** Every location of the partner, by name. */
  allLocations(scope: PartnerScope): Promise<Location[]>;
  /** The partner's own email domains: those of its users' addresses (R34). */
  domains(scope: PartnerScope): Promise<Set<string>>;

  /** The user with partner and roles, in one query (a role counts only on a location of their partner). */
  profile(userId: string): Promise<UserProfile | undefined>;
  /** The account of an email address, compared case-insensitively. */
  credentials(email: string): Promise<Credentials | undefined>;
  /** The account linked to an OpenID Connect identity. */
  byOidcIdentity(issuer: string, subject: string): Promise<UserRef | undefined>;
  /** Links the identity to the account of a (verified) email that has none yet; undefined when there is none. */
  linkOidcIdentity(email: string, issuer: string, subject: string): Promise<UserRef | undefined>;
  /** The language and theme the user chose (only the given ones change). */
  setPreferences(
    userId: string,
    changes: { locale?: string | null; theme?: 'light' | 'dark' | null },
  ): Promise<void>;

  openSession(session: NewSession): Promise<void>;
  /** The session and its user, in one query (this runs on every authenticated request). */
  session(idHash: string): Promise<StoredSession | undefined>;
  /** Sliding expiry: the session was seen at `seenAt` and now lasts until `expiresAt`. */
  extendSession(idHash: string, seenAt: Date, expiresAt: Date): Promise<void>;
  closeSession(idHash: string): Promise<void>;

  /** The partner's users with their roles on the partner's locations, by name (or just one of them). */
  members(scope: PartnerScope, onlyUserId?: string): Promise<Member[]>;
  /** Whether the user belongs to the partner (another partner's is the same as a missing one). */
  isMember(scope: PartnerScope, userId: string): Promise<boolean>;
  /** The user's role on a location of the partner, if any. */
  roleOn(scope: PartnerScope, userId: string, locationId: string): Promise<Role | undefined>;
  /** Grants (or changes) a role; nothing is written unless the user and the location are the partner's. */
  grantRole(scope: PartnerScope, grant: RoleGrant): Promise<void>;
  /** Removes the role on a location of the partner; returns the role removed, if there was one. */
  revokeRole(scope: PartnerScope, userId: string, locationId: string): Promise<Role | undefined>;

  /** Issue 15 item 2: a new user of the partner (from an accepted invitation); false when the email has an account. */
  insertPartnerUser(scope: PartnerScope, user: NewPartnerUser): Promise<boolean>;
  /**
   * The partner's Account admins, locked for the rest of the transaction (so that two admins cannot
   * deactivate each other at once and leave none), with whether each is active.
   */
  lockAccountAdmins(scope: PartnerScope): Promise<{ id: string; active: boolean }[]>;
  /**
   * Deactivates (ending every session and revoking every API token of the user, in this transaction)
   * or reactivates one of the partner's users; false when the partner has no such user.
   */
  setActive(scope: PartnerScope, userId: string, active: boolean, at: Date): Promise<boolean>;
}
