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

export interface UserRepository {
  /** One location of the partner, or undefined (another partner's is the same as a missing one). */
  location(scope: PartnerScope, id: string): Promise<Location | undefined>;
  /** These locations of the partner, by name. */
  locations(scope: PartnerScope, ids: readonly string[]): Promise<Location[]>;
  /** The partner's own email domains: those of its users' addresses (R34). */
  domains(scope: PartnerScope): Promise<Set<string>>;
}
