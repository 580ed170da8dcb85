// The lifecycle's sets of statuses as the API and the web use them, derived from the transition table
// (src/domain/lifecycle-sets.ts). No zod here, so the web can take these values without the schemas.
import {
  AWAITING_OPERATOR,
  DEADLINE_OWNER,
  STATUSES_OF_TAB,
  SUBMITTED_STATUSES,
} from '../domain/lifecycle-sets.ts';
import type { NominationStatus } from '../domain/status.ts';

/** A workshop claim's status once it was submitted (the operator's queue filters). */
export type ClaimStatus = NominationStatus;
export const CLAIM_STATUS_VALUES: readonly ClaimStatus[] = SUBMITTED_STATUSES;
/** The operator's default queue: claims awaiting the operator. */
/** Issue 15: the statuses each Customers tab can show (the `status` filter's values for that tab). */
/** Issue 15: whose deadline each countdown is (the partner's or the program's review). */
export { AWAITING_OPERATOR, DEADLINE_OWNER, STATUSES_OF_TAB };
