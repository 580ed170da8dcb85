// The lifecycle's sets of statuses as the API and the web use them, derived from the transition table
// (src/domain/lifecycle-sets.ts). No zod here, so the web can take these values without the schemas.
import { AWAITING_OPERATOR, SUBMITTED_STATUSES } from '../domain/lifecycle-sets.ts';
import type { NominationStatus } from '../domain/status.ts';

/** A workshop claim's status once it was submitted (the operator's queue filters). */
export type ClaimStatus = NominationStatus;
export const CLAIM_STATUS_VALUES: readonly ClaimStatus[] = SUBMITTED_STATUSES;
/** The operator's default queue: claims awaiting the operator. */
export { AWAITING_OPERATOR };
