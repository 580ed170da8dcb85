import type { NominationStatus } from '../../domain/status.ts';
import type { PartnerScope } from './scope.ts';

// A partner's locations and their enrolment in the MCI program (spec §2, R39, issue 15 item 3).

type EnrolmentStatus = 'enrolled' | 'suspended' | 'withdrawn';

export interface LocationEnrolment {
  id: string;
  mpnId: string;
  name: string;
  country: string;
  /** null: never enrolled (no enrolment row). */
  status: EnrolmentStatus | null;
  enrolled: boolean;
  /** When the current (or last) enrolment began; null when never enrolled. */
  enrolledAt: Date | null;
  /** Who enrolled it; null for enrolments made before issue 15 or by a user since removed. */
  enrolledBy: { id: string; displayName: string } | null;
}

/** A record still running at a location (what blocks a withdrawal). */
interface RunningRecord {
  nominationId: string;
  status: NominationStatus;
  engagementName: string;
  customerName: string;
}

export interface EnrolmentRepository {
  /** Every location of the partner with its enrolment, by name. */
  list(scope: PartnerScope): Promise<LocationEnrolment[]>;
  /**
   * One location of the partner with its enrolment, its row locked until the transaction ends (enrol
   * and withdraw of one location are serialised); another partner's is the same undefined as a missing one.
   */
  lock(scope: PartnerScope, locationId: string): Promise<LocationEnrolment | undefined>;
  /** Enrols (or enrols again) a location of the partner. */
  enrol(
    scope: PartnerScope,
    input: { locationId: string; by: string; at: Date; termsVersion: string },
  ): Promise<void>;
  /** Marks the location's enrolment withdrawn. */
  withdraw(scope: PartnerScope, locationId: string, at: Date): Promise<void>;
  /** The partner's records at the location in one of `statuses`, oldest first, at most `limit`. */
  recordsAt(
    scope: PartnerScope,
    locationId: string,
    statuses: readonly NominationStatus[],
    limit: number,
  ): Promise<RunningRecord[]>;
}
