import type { NominationRecord } from '../../domain/lifecycle.ts';
import type { NominationStatus } from '../../domain/status.ts';
import type { DeadlineColumn } from '../../domain/transitions.ts';
import type { PoeItemKind } from './engagements.ts';
import type { LockedNomination } from './nominations.ts';
import type { Scope } from './scope.ts';

// Workshop claims (spec §4.4, ADR 0011): the claim, its proof-of-execution items, files, surveys and
// the operator's decisions; the facts a claim view is derived from; the operator's review queue.

export type SurveyAudience = 'partner' | 'customer';
export type FileItemKind = Extract<PoeItemKind, 'findingsReport' | 'invoice'>;
type ReviewDecisionKind = 'approve' | 'reject' | 'requestInfo';

/** A contact as a claim stores it; the customer's carries the language of their emails. */
export interface ClaimContact {
  name: string;
  email: string;
  phone: string | null;
  locale?: string;
}

export interface ClaimContacts {
  partnerContact: ClaimContact | null;
  customerContact: ClaimContact | null;
}

export interface Claim extends ClaimContacts {
  id: string;
  nominationId: string;
  comments: string;
  /** S7: set when the customer survey is done; the customer contacts no longer change. */
  contactsLockedAt: Date | null;
  /** Bumped by every change of the editable fields (the claim's ETag). */
  version: number;
}

interface NewClaim extends ClaimContacts {
  id: string;
  nominationId: string;
  partnerId: string;
  at: Date;
}

/** The editable fields a PATCH changed (S7, S8); absent ones stay. */
export interface ClaimFieldChanges {
  comments?: string;
  partnerContact?: ClaimContact;
  customerContact?: ClaimContact;
}

/** A record as decide() reads it, with its ids; loaded without a lock (a view decides nothing). */
type ClaimRecord = NominationRecord &
  Pick<LockedNomination, 'id' | 'partnerId' | 'locationId' | 'engagementId' | 'tenantId'>;

export interface PoeItemFacts {
  kind: PoeItemKind;
  completedAt: Date | null;
  /** The signed-in user who completed it; null when it was completed through a survey link. */
  completedBy: { kind: 'partnerUser' | 'operator'; name: string } | null;
  fileName: string | null;
  /** The stored file behind the item, if any. */
  file: { sizeBytes: number; contentType: string } | null;
}

export interface Survey {
  id: string;
  audience: SurveyAudience;
  contactName: string | null;
  contactEmail: string | null;
  locale: string;
  answers: Record<string, unknown> | null;
  sentAt: Date | null;
  completedAt: Date | null;
}

interface NewSurvey extends Omit<Survey, 'id'> {
  id: string;
  claimId: string;
  createdAt: Date;
}

export interface ReviewDecision {
  id: string;
  decision: ReviewDecisionKind;
  comment: string;
  at: Date;
  operator: { id: string; name: string | null };
}

interface NewReviewDecision {
  id: string;
  claimId: string;
  operatorId: string;
  decision: ReviewDecisionKind;
  comment: string;
  at: Date;
}

interface Payout {
  market: string;
  amountMinor: number;
  currency: string;
}

/** Everything the claim view of one record is derived from (src/app/claims/derive-claim.ts) but its history. */
export interface ClaimFacts {
  record: ClaimRecord;
  submittedAt: Date | null;
  endedAt: Date | null;
  partner: { id: string; name: string };
  location: { id: string; mpnId: string; name: string; country: string };
  customer: { tenantId: string; name: string; tpid: number | null; country: string | null };
  engagement: {
    id: string;
    code: string;
    name: string;
    currency: string;
    poeRequirements: Record<PoeItemKind, boolean>;
  };
  /** §4.4: the rate of the customer's market taken at the consent date (null before it). */
  payoutAtConsent: Payout | null;
  /** Today's rate for the customer's market (null without a market or without a rate for it). */
  todaysRate: Omit<Payout, 'currency'> | null;
  /** null until the first write (the claim is created lazily). */
  claim: Claim | null;
  /** The contacts of the accepted (else the latest) consent request: shown until the claim exists. */
  consentContacts: ClaimContacts | null;
  items: PoeItemFacts[];
  /** The current (not voided) survey of each audience. */
  surveys: Survey[];
  /** Every review decision, oldest first. */
  decisions: ReviewDecision[];
}

interface StoredFile {
  sha256: string;
  fileName: string | null;
  contentType: string;
  sizeBytes: number;
}

/** The names a survey email and the public survey page show. */
interface Parties {
  workshopName: string;
  customerName: string;
  partnerName: string;
}

/** The survey behind a single-purpose link, with its record (never anything of another claim). */
export interface LinkedSurvey {
  survey: Survey;
  claimId: string;
  /** A contact change voided it (S7): its links no longer work. */
  voided: boolean;
  record: ClaimRecord;
  parties: Parties;
}

/**
 * Records stored in `status` whose bounding `deadline` has passed (`passed`) or not: the stored side of
 * "the status in effect now is X" (src/app/operator/review-queue.ts derives them from the table).
 */
export interface StoredStatusMatch {
  status: NominationStatus;
  deadline: DeadlineColumn | null;
  passed: boolean;
}

export interface ReviewQueueQuery {
  matches: readonly StoredStatusMatch[];
  engagementId?: string | undefined;
  /** The last row's key (submittedAt, nominationId), already type-checked (src/app/customers/cursor.ts). */
  after?: readonly [Date, string] | undefined;
  limit: number;
  now: Date;
}

/** One submitted claim of the operator's queue. */
export interface QueuedClaim {
  nominationId: string;
  claimId: string;
  partner: { id: string; name: string };
  location: { id: string; mpnId: string; name: string };
  customer: { tenantId: string; name: string };
  engagement: { id: string; name: string };
  status: NominationStatus;
  consentDueAt: Date;
  claimDueAt: Date | null;
  reviewDueAt: Date | null;
  disputeDueAt: Date | null;
  submittedAt: Date;
  firstSubmittedAt: Date;
  disputedAt: Date | null;
}

export interface ClaimRepository {
  /** Whose record it is (undefined outside the scope: the same as a missing id). */
  owner(scope: Scope, nominationId: string): Promise<{ partnerId: string; locationId: string } | undefined>;
  /** Everything a claim view is derived from, in a handful of queries. */
  facts(scope: Scope, nominationId: string): Promise<ClaimFacts | undefined>;
  claimOf(scope: Scope, nominationId: string): Promise<Claim | undefined>;
  /** The contacts of the accepted (else the latest) consent request: a new claim's defaults. */
  consentContacts(scope: Scope, nominationId: string): Promise<ClaimContacts>;
  create(claim: NewClaim): Promise<Claim>;
  /** Changes the editable fields and bumps the version. */
  update(claimId: string, changes: ClaimFieldChanges, at: Date): Promise<void>;
  /** S7: the customer survey is done; the customer contacts are locked (the version stays). */
  lockCustomerContacts(claimId: string, at: Date): Promise<void>;
  /** Marks a POE item done (again), with its file for the file items. */
  completeItem(
    claimId: string,
    kind: PoeItemKind,
    by: string | null,
    at: Date,
    file?: { sha256: string; name: string } | null,
  ): Promise<void>;
  completedItems(claimId: string): Promise<PoeItemKind[]>;
  /** Records an uploaded blob (content-addressed: the same bytes are stored once). */
  storeFile(file: { sha256: string; sizeBytes: number; contentType: string }, at: Date): Promise<void>;
  /** The file of a completed file item. */
  file(scope: Scope, nominationId: string, kind: FileItemKind): Promise<StoredFile | undefined>;
  currentSurvey(claimId: string, audience: SurveyAudience): Promise<Survey | undefined>;
  openSurvey(survey: NewSurvey): Promise<void>;
  answerSurvey(surveyId: string, answers: Record<string, unknown>, at: Date): Promise<void>;
  markSurveySent(surveyId: string, locale: string, at: Date): Promise<void>;
  /** A new single-purpose link of a survey (only its hash is stored). */
  addSurveyLink(surveyId: string, tokenHash: string, at: Date): Promise<void>;
  /** Voids the audience's current survey unless it is completed (S7); false when there was none. */
  voidOpenSurvey(claimId: string, audience: SurveyAudience, at: Date): Promise<boolean>;
  surveyByLink(tokenHash: string): Promise<LinkedSurvey | undefined>;
  parties(scope: Scope, nominationId: string): Promise<Parties>;
  /** The partner user as a survey's contact, and the language of their emails. */
  partnerUser(userId: string): Promise<{ name: string; email: string; locale: string | null }>;
  recordDecision(decision: NewReviewDecision): Promise<void>;
  /**
   * §4.4: the payout is the rate of the customer's market taken at the consent date; a record approved
   * without one (consented before payouts were stored) gets it now. A payout already fixed stays.
   */
  fixMissingPayout(nominationId: string): Promise<void>;
  /** Submitted claims matching the filter, oldest submission first; one row more than `limit` if any. */
  reviewQueue(scope: Scope, query: ReviewQueueQuery): Promise<QueuedClaim[]>;
}
