// Wire types of the endpoints the SPA uses, taken from the shared contracts (architecture §2: web
// imports contracts only).

import type { z } from 'zod';
import type {
  ClaimAction as ClaimActionWire,
  FileKind as FileKindWire,
  PoeKind as PoeKindWire,
  WorkshopClaimPatch as WorkshopClaimPatchWire,
  WorkshopClaim as WorkshopClaimWire,
} from '../../src/contracts/claims.ts';
import type { LOCALE_VALUES } from '../../src/contracts/common.ts';
import type {
  ConsentContactPatch as ConsentContactPatchWire,
  ConsentRequestBody as ConsentRequestBodyWire,
  ConsentRequest as ConsentRequestWire,
  CustomerContact as CustomerContactWire,
  PartnerContact as PartnerContactWire,
  PublicConsent as PublicConsentWire,
} from '../../src/contracts/consent.ts';
import type {
  CustomerCounts as CustomerCountsSchema,
  CustomerRow as CustomerRowSchema,
  CustomerSort as CustomerSortSchema,
  CustomerTab as CustomerTabSchema,
  RowAction as RowActionSchema,
} from '../../src/contracts/customers.ts';
import type {
  MailboxMessage as MailboxMessageWire,
  TestClock as TestClockSchema,
} from '../../src/contracts/dev.ts';
import type {
  Availability as AvailabilitySchema,
  EngagementDetail as EngagementDetailSchema,
  EngagementKind as EngagementKindSchema,
  EngagementSummary as EngagementSummarySchema,
} from '../../src/contracts/engagements.ts';
import type { CustomerLookup as CustomerLookupWire } from '../../src/contracts/lookups.ts';
import type { Nomination as NominationWire } from '../../src/contracts/nominations.ts';
import type {
  NotificationList as NotificationListWire,
  Notification as NotificationWire,
} from '../../src/contracts/notifications.ts';
import type {
  PartnerLocation as PartnerLocationSchema,
  PartnerUser as PartnerUserSchema,
} from '../../src/contracts/partner.ts';
import type {
  Features as FeaturesWire,
  RoleName,
  SessionResponse,
  SessionUser,
} from '../../src/contracts/session.ts';
import type {
  CustomerSurveyAnswers as CustomerSurveyAnswersWire,
  PartnerSurveyAnswers as PartnerSurveyAnswersWire,
  PublicSurvey as PublicSurveyWire,
  SurveyContact as SurveyContactWire,
} from '../../src/contracts/surveys.ts';

// Type-only imports: the zod schemas stay on the server side of the bundle boundary.

/** Runtime copy of the contract's locale list (importing the value would pull zod into the bundle). */
export const LOCALES = ['en', 'pl', 'sv', 'pt-PT', 'tr', 'nl'] as const;
export type Locale = (typeof LOCALES)[number];
// Compile-time check that the copy matches the contract, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const localesMatchContract: Same<Locale, (typeof LOCALE_VALUES)[number]> = true;
void localesMatchContract;

export type Theme = 'light' | 'dark';
export type IncentiveRole = z.infer<typeof RoleName>;
export type User = SessionUser;
export type RoleAssignment = User['roles'][number];
export type Session = SessionResponse;
export type PartnerLocation = z.infer<typeof PartnerLocationSchema>;
export type PartnerUser = PartnerUserSchema;

export type EngagementKind = z.infer<typeof EngagementKindSchema>;
export type Availability = z.infer<typeof AvailabilitySchema>;
export type EngagementSummary = z.infer<typeof EngagementSummarySchema>;
export type EngagementDetail = z.infer<typeof EngagementDetailSchema>;
export type LocationEligibility = EngagementDetail['locations'][number];
export type Criterion = EngagementDetail['partnerCriteria'][number];

export type CustomerTab = z.infer<typeof CustomerTabSchema>;
export type CustomerSort = z.infer<typeof CustomerSortSchema>;
export type CustomerRow = z.infer<typeof CustomerRowSchema>;
export type RowAction = z.infer<typeof RowActionSchema>;
export type CustomerCounts = z.infer<typeof CustomerCountsSchema>;

/** Runtime copies of the contract's enums (importing the values would pull zod into the bundle). */
export const CUSTOMER_TABS = ['eligible', 'ineligible', 'complete'] as const satisfies readonly CustomerTab[];
export const CUSTOMER_SORTS = [
  'name',
  '-name',
  'daysLeft',
  '-daysLeft',
  'status',
  '-status',
] as const satisfies readonly CustomerSort[];
export const ENGAGEMENT_KINDS = [
  'workshop',
  'deployment',
  'consumption',
] as const satisfies readonly EngagementKind[];
export const AVAILABILITIES = ['upcoming', 'active', 'expired'] as const satisfies readonly Availability[];
const tabsMatch: Same<CustomerTab, (typeof CUSTOMER_TABS)[number]> = true;
const sortsMatch: Same<CustomerSort, (typeof CUSTOMER_SORTS)[number]> = true;
const kindsMatch: Same<EngagementKind, (typeof ENGAGEMENT_KINDS)[number]> = true;
const availabilitiesMatch: Same<Availability, (typeof AVAILABILITIES)[number]> = true;
void [tabsMatch, sortsMatch, kindsMatch, availabilitiesMatch];

export interface ListResponse<T> {
  value: T[];
  nextLink?: string;
}

/** The error body of every failed API call (Microsoft REST API guidelines shape, quality §1). */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    target?: string;
    details?: { code: string; message: string; target?: string }[];
    isRetryable?: boolean;
    correlationId?: string;
  };
}

export type CustomerLookup = CustomerLookupWire;
export type WorkshopOption = CustomerLookup['workshops'][number];
export type Nomination = NominationWire;

export type Features = FeaturesWire;
export type CustomerContact = CustomerContactWire;
export type PartnerContact = PartnerContactWire;
export type ConsentRequestBody = ConsentRequestBodyWire;
export type ConsentContactPatch = ConsentContactPatchWire;
export type ConsentRequest = ConsentRequestWire;
export type PublicConsent = PublicConsentWire;
export type ConsentDecision = 'accept' | 'decline';
export type Notification = NotificationWire;
export type NotificationList = NotificationListWire;
export type MailboxMessage = MailboxMessageWire;
export type TestClock = z.infer<typeof TestClockSchema>;

// The program operator's back office (spec §4.5): review queue, claim detail, decisions, engagement editor.
export type {
  CreateEngagementRequest,
  OperatorClaimDetail,
  OperatorEngagement,
  PatchEngagementRequest,
  ReviewDecisionRequest,
  ReviewDecisionResult,
  ReviewQueueItem,
} from '../../src/contracts/operator.ts';

// Workshop claims (spec §4.4) and their surveys.
export type WorkshopClaim = WorkshopClaimWire;
export type WorkshopClaimPatch = WorkshopClaimPatchWire;
export type PoeItem = WorkshopClaim['items'][number];
export type ClaimHistoryEvent = WorkshopClaim['history'][number];
export type PoeKind = PoeKindWire;
export type FileKind = FileKindWire;
export type ClaimAction = ClaimActionWire;
export type PartnerSurveyAnswers = PartnerSurveyAnswersWire;
export type CustomerSurveyAnswers = CustomerSurveyAnswersWire;
export type SurveyContact = SurveyContactWire;
export type PublicSurvey = PublicSurveyWire;
/** Runtime copy of the contract's POE kinds (importing the value would pull zod into the bundle). */
export const POE_KINDS = [
  'findingsReport',
  'invoice',
  'partnerSurvey',
  'customerSurvey',
] as const satisfies readonly PoeKind[];
const poeKindsMatch: Same<PoeKind, (typeof POE_KINDS)[number]> = true;
void poeKindsMatch;
