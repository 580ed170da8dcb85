// The web's view of the shared contracts (architecture §2: web imports contracts only). Responses are
// the contract's output type (`z.infer`), request bodies its input type (`z.input`): nothing here is
// typed by hand. These are type-only imports; the value lists come from src/contracts/values.ts, which
// has no zod, so that zod travels only with the lazily loaded forms that validate with the schemas.

import type { z } from 'zod';
import type * as apiTokens from '../../src/contracts/api-tokens.ts';
import type * as audit from '../../src/contracts/audit.ts';
import type * as claims from '../../src/contracts/claims.ts';
import type * as common from '../../src/contracts/common.ts';
import type * as consent from '../../src/contracts/consent.ts';
import type * as customers from '../../src/contracts/customers.ts';
import type * as dashboard from '../../src/contracts/dashboard.ts';
import type * as dev from '../../src/contracts/dev.ts';
import type * as engagements from '../../src/contracts/engagements.ts';
import type * as lookups from '../../src/contracts/lookups.ts';
import type * as nominations from '../../src/contracts/nominations.ts';
import type * as notifications from '../../src/contracts/notifications.ts';
import type * as operator from '../../src/contracts/operator.ts';
import type * as partner from '../../src/contracts/partner.ts';
import type * as session from '../../src/contracts/session.ts';
import type * as surveys from '../../src/contracts/surveys.ts';
import type * as users from '../../src/contracts/users.ts';

export {
  AVAILABILITIES,
  CUSTOMER_SORTS,
  CUSTOMER_TABS,
  ENGAGEMENT_KINDS,
  LOCALE_VALUES as LOCALES,
} from '../../src/contracts/values.ts';

/** The error body of every failed API call (Microsoft REST API guidelines shape, quality §1). */
export type ApiErrorBody = common.ErrorResponse;
export type Locale = z.infer<typeof common.Locale>;

// Session, preferences and the partner's users (spec §1, R33).
export type Session = session.SessionResponse;
export type User = session.SessionUser;
export type IncentiveRole = z.infer<typeof session.RoleName>;
export type Theme = NonNullable<User['theme']>;
export type SignInRequest = z.input<typeof session.SignInRequest>;
export type PreferencesRequest = z.input<typeof session.PreferencesRequest>;
export type PartnerLocation = z.infer<typeof partner.PartnerLocation>;
export type PartnerLocationList = z.infer<typeof partner.PartnerLocationList>;
export type PartnerUser = partner.PartnerUser;
export type PartnerUserList = z.infer<typeof partner.PartnerUserList>;
export type AssignRoleRequest = z.input<typeof partner.AssignRoleRequest>;
export type EnrolmentRequest = z.input<typeof partner.EnrolmentRequest>;

// Users and invitations (issue 15 item 2).
export type PendingInvitation = users.PendingInvitation;
export type InviteUserRequest = z.input<typeof users.InviteUserRequest>;
export type PublicInvitation = users.PublicInvitation;

// API tokens for integrations (issue 14).
export type ApiToken = apiTokens.ApiToken;
export type ApiTokenList = apiTokens.ApiTokenList;
export type CreatedApiToken = apiTokens.CreatedApiToken;
export type CreateApiTokenRequest = z.input<typeof apiTokens.CreateApiTokenRequest>;

// The engagement catalogue and the Customers page (spec §3, §6).
export type EngagementKind = z.infer<typeof engagements.EngagementKind>;
export type Availability = z.infer<typeof engagements.Availability>;
export type EngagementSummary = engagements.EngagementSummary;
export type EngagementList = z.infer<typeof engagements.EngagementList>;
export type EngagementListQuery = z.input<typeof engagements.EngagementListQuery>;
export type EngagementDetail = engagements.EngagementDetail;
export type LocationEligibility = EngagementDetail['locations'][number];
export type Criterion = EngagementDetail['partnerCriteria'][number];
export type CustomerTab = customers.CustomerTab;
export type CustomerSort = customers.CustomerSort;
export type CustomerRow = customers.CustomerRow;
export type CustomerList = z.infer<typeof customers.CustomerList>;
export type RowAction = customers.RowAction;
export type CustomerCounts = z.infer<typeof customers.CustomerCounts>;
// The action centre (issue 15).
export type Dashboard = dashboard.Dashboard;
export type CustomerSearchResult = customers.CustomerSearchResult;

// Adding and claiming customers (spec §4.1, §4.2).
export type CustomerLookupRequest = z.input<typeof lookups.CustomerLookupRequest>;
export type CustomerLookup = lookups.CustomerLookup;
export type CreateNominationsRequest = z.input<typeof nominations.CreateNominationsRequest>;
export type Nomination = nominations.Nomination;
export type NominationList = z.infer<typeof nominations.NominationList>;

// Consent (spec §4.3) and the public consent page.
export type CustomerContact = z.input<typeof consent.CustomerContact>;
export type PartnerContact = z.input<typeof consent.PartnerContact>;
export type ConsentRequestBody = z.input<typeof consent.ConsentRequestBody>;
export type ConsentContactPatch = z.input<typeof consent.ConsentContactPatch>;
export type ConsentRequest = consent.ConsentRequest;
export type PublicConsent = consent.PublicConsent;
export type ConsentDecision = z.input<typeof consent.ConsentDecisionBody>['decision'];

// Workshop claims (spec §4.4) and their surveys.
export type WorkshopClaim = claims.WorkshopClaim;
export type WorkshopClaimPatch = z.input<typeof claims.WorkshopClaimPatch>;
export type PoeItem = WorkshopClaim['items'][number];
export type ClaimHistoryEvent = WorkshopClaim['history'][number];
export type PoeKind = claims.PoeKind;
export type FileKind = claims.FileKind;
export type DisputeBody = z.input<typeof claims.DisputeBody>;
export type PartnerSurveyAnswers = z.input<typeof surveys.PartnerSurveyAnswers>;
export type CustomerSurveyAnswers = z.input<typeof surveys.CustomerSurveyAnswers>;
export type PartnerSurveyBody = z.input<typeof surveys.PartnerSurveyBody>;
export type PartnerSurveySendBody = z.input<typeof surveys.PartnerSurveySendBody>;
export type PublicSurvey = surveys.PublicSurvey;
export type PublicSurveyBody = z.input<typeof surveys.PublicSurveyBody>;

// The program operator's back office (spec §4.5): review queue, claim detail, decisions, engagement editor.
export type ReviewQueue = z.infer<typeof operator.ReviewQueue>;
export type ReviewQueueItem = operator.ReviewQueueItem;
export type OperatorClaimDetail = operator.OperatorClaimDetail;
export type ReviewDecisionRequest = z.input<typeof operator.ReviewDecisionRequest>;
export type ReviewDecisionResult = operator.ReviewDecisionResult;
export type OperatorEngagement = operator.OperatorEngagement;
export type OperatorEngagementList = z.infer<typeof operator.OperatorEngagementList>;
export type CreateEngagementRequest = z.input<typeof operator.CreateEngagementRequest>;
export type PatchEngagementRequest = z.input<typeof operator.PatchEngagementRequest>;

// Notifications and the demo aids (mailbox, test clock).
export type NotificationList = notifications.NotificationList;
export type MarkNotificationsRead = z.input<typeof notifications.MarkNotificationsRead>;
export type MailboxMessage = dev.MailboxMessage;
export type Mailbox = z.infer<typeof dev.Mailbox>;
export type TestClock = z.infer<typeof dev.TestClock>;
export type TestClockAdvance = z.input<typeof dev.TestClockAdvance>;

// The audit log (issue 14).
export type AuditEvent = audit.AuditEvent;
export type AuditEventList = audit.AuditEventList;
