import type { ColumnType, Generated } from 'kysely';
import type { CriterionFailure, CustomerCriterion, PartnerCriteria } from '../../domain/eligibility.ts';
import type { NominationStatus } from '../../domain/status.ts';
import type { WebhookFailureCode } from '../../domain/webhook-failures.ts';

// Kysely's view of the tables created by migrations/. Keep in step with the migrations.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type WithDefault<T> = ColumnType<T, T | undefined, T>;

interface PartnersTable {
  id: string;
  name: string;
  created_at: Generated<Date>;
}

interface LocationsTable {
  id: string;
  partner_id: string;
  mpn_id: string;
  name: string;
  country: string;
  designations: WithDefault<string[]>;
  created_at: Generated<Date>;
}

interface EnrolmentsTable {
  location_id: string;
  status: 'enrolled' | 'suspended' | 'withdrawn';
  enrolled_at: Timestamp;
  updated_at: Generated<Date>;
  /** The Account admin who enrolled it (0009); null before that, or when the user was removed. */
  enrolled_by: WithDefault<string | null>;
  /** The version of the program terms accepted at enrolment (0009). */
  terms_version: WithDefault<string | null>;
}

interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  kind: 'partnerUser' | 'operator';
  partner_id: string | null;
  is_account_admin: WithDefault<boolean>;
  password_hash: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  locale: string | null;
  theme: 'light' | 'dark' | null;
  is_demo: WithDefault<boolean>;
  created_at: Generated<Date>;
  /** Null while the user may sign in (issue 15 item 2). */
  deactivated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

interface UserInvitationsTable {
  id: string;
  partner_id: string;
  email: string;
  display_name: string;
  roles: Json<{ locationId: string; role: 'incentivesAdmin' | 'incentivesUser' }[]>;
  locale: string;
  token_hash: string;
  invited_by: string | null;
  created_at: Timestamp;
  sent_at: Timestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_user_id: string | null;
  revoked_at: Timestamp | null;
}

interface UserLocationRolesTable {
  user_id: string;
  location_id: string;
  role: 'incentivesAdmin' | 'incentivesUser';
  granted_by: string | null;
  granted_at: Generated<Date>;
}

interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

interface ApiTokensTable {
  id: string;
  partner_id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  scopes: ('read' | 'write')[];
  /** Null: every location its creator holds a role on. */
  location_ids: string[] | null;
  prefix: string;
  expires_at: Timestamp;
  last_used_ip: string | null;
}

export interface EngagementsTable {
  id: string;
  code: string;
  name: string;
  kind: 'workshop' | 'deployment' | 'consumption';
  solution_area: string;
  availability: 'upcoming' | 'active' | 'expired';
  description: WithDefault<string>;
  consent_window_days: WithDefault<number>;
  claim_window_days: WithDefault<number>;
  review_window_days: WithDefault<number>;
  dispute_window_days: WithDefault<number>;
  reminder_days: WithDefault<number[]>;
  partner_criteria: Json<PartnerCriteria>;
  customer_criteria: Json<CustomerCriterion[]>;
  /** Which proof-of-execution items a claim needs (S1–S4); an item not named is required. */
  poe_requirements: Json<
    Partial<Record<'findingsReport' | 'invoice' | 'partnerSurvey' | 'customerSurvey', boolean>>
  >;
  currency: WithDefault<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

interface EngagementRatesTable {
  engagement_id: string;
  market: 'A' | 'B' | 'C';
  amount_minor: number;
}

interface MarketsTable {
  country: string;
  market: 'A' | 'B' | 'C';
}

interface TpidsTable {
  tpid: number;
  name: string;
}

interface TenantsTable {
  id: string;
  name: string;
  tpid: number | null;
  country: string | null;
  segment: string | null;
  seats: number | null;
  products: WithDefault<string[]>;
  attributes: Json<Record<string, unknown>>;
  updated_at: Generated<Date>;
}

interface TenantDomainsTable {
  domain: string;
  tenant_id: string;
}

export interface NominationsTable {
  id: string;
  partner_id: string;
  location_id: string;
  engagement_id: string;
  tenant_id: string;
  origin: 'add' | 'claim';
  status: NominationStatus;
  customer_email: string | null;
  mismatch_reason: string | null;
  created_by: string | null;
  claimed_at: Timestamp;
  consent_due_at: Timestamp;
  consent_requested_at: Timestamp | null;
  consented_at: Timestamp | null;
  claim_due_at: Timestamp | null;
  review_due_at: Timestamp | null;
  first_submitted_at: Timestamp | null;
  submitted_at: Timestamp | null;
  rejected_at: Timestamp | null;
  dispute_due_at: Timestamp | null;
  disputed_at: Timestamp | null;
  ended_at: Timestamp | null;
  payout_market: string | null;
  payout_amount_minor: number | null;
  payout_currency: string | null;
  version: Generated<number>;
  updated_at: Generated<Date>;
}

export interface ConsentRequestsTable {
  id: string;
  nomination_id: string;
  partner_id: string;
  token_hash: string;
  customer_name: string;
  customer_email: string;
  customer_phone: string | null;
  customer_locale: string;
  partner_contact_name: string;
  partner_contact_email: string;
  partner_contact_phone: string | null;
  expires_at: Timestamp;
  created_at: Timestamp;
  last_sent_at: Timestamp;
  send_count: Generated<number>;
  reminders_sent: WithDefault<number[]>;
  email_status: WithDefault<'queued' | 'sent' | 'failed'>;
  voided_at: Timestamp | null;
  decided_at: Timestamp | null;
  decision: 'accept' | 'decline' | null;
}

interface FilesTable {
  sha256: string;
  size_bytes: number;
  content_type: string;
  created_at: Generated<Date>;
}

export interface WorkshopClaimsTable {
  id: string;
  nomination_id: string;
  partner_id: string;
  comments: WithDefault<string>;
  partner_contact: Json<Record<string, unknown>> | null;
  customer_contact: Json<Record<string, unknown>> | null;
  customer_contacts_locked_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PoeItemsTable {
  claim_id: string;
  kind: 'findingsReport' | 'invoice' | 'partnerSurvey' | 'customerSurvey';
  file_sha256: string | null;
  file_name: string | null;
  completed_at: Timestamp | null;
  completed_by: string | null;
}

export interface SurveysTable {
  id: string;
  claim_id: string;
  audience: 'partner' | 'customer';
  token_hash: string | null;
  contact_name: string | null;
  contact_email: string | null;
  locale: WithDefault<string>;
  answers: Json<Record<string, unknown>> | null;
  sent_at: Timestamp | null;
  completed_at: Timestamp | null;
  voided_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ReviewDecisionsTable {
  id: string;
  claim_id: string;
  operator_id: string;
  decision: 'approve' | 'reject' | 'requestInfo';
  comment: string;
  created_at: Timestamp;
}

export interface AuditEventsTable {
  id: Generated<number>;
  partner_id: string | null;
  nomination_id: string | null;
  claim_id: string | null;
  actor_kind: 'partnerUser' | 'operator' | 'customer' | 'system' | 'apiToken';
  actor_id: string | null;
  action: string;
  from_status: NominationStatus | null;
  to_status: NominationStatus | null;
  data: Json<Record<string, unknown>>;
  created_at: Timestamp;
  /** The API token the change was made with (the actor is its creator). */
  api_token_id: ColumnType<string | null, string | null | undefined, string | null>;
}

interface IdempotencyKeysTable {
  scope: string;
  key: string;
  request_hash: string;
  status_code: number | null;
  response_body: Json<unknown> | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  partner_id: string | null;
  nomination_id: string | null;
  kind: string;
  params: Json<Record<string, unknown>>;
  dedupe_key: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

export interface MailMessagesTable {
  id: string;
  message_id: string;
  dedupe_key: string | null;
  template: string;
  locale: string;
  params: Json<Record<string, unknown>>;
  to_address: string;
  to_name: string | null;
  subject: string | null;
  html: string | null;
  text: string | null;
  status: WithDefault<'queued' | 'rendered' | 'sent' | 'failed'>;
  attempts: WithDefault<number>;
  last_error: string | null;
  nomination_id: string | null;
  /** Whose organisation the message belongs to (R35); null for program (operator) mail. */
  partner_id: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

interface RateLimitsTable {
  key: string;
  hits: number;
  window_ends_at: Timestamp;
}

interface CustomerRowsTable {
  partner_id: string;
  engagement_id: string;
  tenant_id: string;
  nomination_id: string | null;
  location_id: string | null;
  tab: 'eligible' | 'ineligible' | 'complete';
  /** The record's status, or `candidate` for a known customer without a record on this workshop. */
  status: NominationStatus | 'candidate';
  reason: 'criteriaNotMet' | 'consentedToOtherPartner' | 'completedWithOtherPartner' | null;
  failed_criteria: Json<CriterionFailure[]> | null;
  countdown: 'consent' | 'claim' | 'dispute' | 'review' | null;
  due_at: Timestamp | null;
  sort_due: Timestamp;
  valid_until: Timestamp | null;
  name: string;
  sort_name: string;
  tpid: number | null;
  domain: string | null;
  claim_id: string | null;
  refreshed_at: Timestamp;
  consent_email: 'queued' | 'sent' | 'failed' | null;
}

interface ConsentLinksTable {
  token_hash: string;
  consent_request_id: string;
  created_at: Timestamp;
}

interface SurveyLinksTable {
  token_hash: string;
  survey_id: string;
  created_at: Timestamp;
}

interface AppSettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: Generated<Date>;
}

/** Issue 14: a partner's webhook receiver (migration 0010). */
interface WebhookEndpointsTable {
  id: string;
  partner_id: string;
  url: string;
  description: string | null;
  events: string[];
  enabled: WithDefault<boolean>;
  /** Kept as it is: the server signs with it (ADR 0019). */
  secret: string;
  previous_secret: string | null;
  previous_secret_until: Timestamp | null;
  failing_since: Timestamp | null;
  disabled_reason: 'failing' | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One message to one endpoint, with its attempts so far (migration 0010). */
interface WebhookDeliveriesTable {
  id: string;
  seq: Generated<string>;
  partner_id: string;
  endpoint_id: string;
  message_id: string;
  event_type: string;
  payload: Json<Record<string, unknown>>;
  status: WithDefault<'pending' | 'succeeded' | 'failed'>;
  attempts: WithDefault<number>;
  response_status: number | null;
  duration_ms: number | null;
  error: string | null;
  /** Why the last attempt failed (migration 0013). */
  failure_code: ColumnType<WebhookFailureCode | null, WebhookFailureCode | null | undefined>;
  created_at: Timestamp;
  last_attempt_at: Timestamp | null;
}

export interface Database {
  partners: PartnersTable;
  locations: LocationsTable;
  enrolments: EnrolmentsTable;
  users: UsersTable;
  user_location_roles: UserLocationRolesTable;
  user_invitations: UserInvitationsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  engagements: EngagementsTable;
  engagement_rates: EngagementRatesTable;
  markets: MarketsTable;
  tpids: TpidsTable;
  tenants: TenantsTable;
  tenant_domains: TenantDomainsTable;
  nominations: NominationsTable;
  consent_requests: ConsentRequestsTable;
  files: FilesTable;
  workshop_claims: WorkshopClaimsTable;
  poe_items: PoeItemsTable;
  surveys: SurveysTable;
  review_decisions: ReviewDecisionsTable;
  audit_events: AuditEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  notifications: NotificationsTable;
  mail_messages: MailMessagesTable;
  rate_limits: RateLimitsTable;
  app_settings: AppSettingsTable;
  customer_rows: CustomerRowsTable;
  consent_links: ConsentLinksTable;
  survey_links: SurveyLinksTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  nomination_imports: NominationImportsTable;
  nomination_import_rows: NominationImportRowsTable;
}

/** Issue 14: a CSV upload of customers to add (migration 0011). */
interface NominationImportsTable {
  id: string;
  partner_id: string;
  created_by: string;
  location_ids: string[];
  dry_run: boolean;
  status: 'queued' | 'running' | 'completed' | 'failed';
  total: number;
  processed: Generated<number>;
  created: Generated<number>;
  failed: Generated<number>;
  created_at: Date;
  updated_at: Date;
}

interface NominationImportRowsTable {
  import_id: string;
  line: number;
  cells: string[];
  outcome: 'created' | 'valid' | 'failed' | null;
  nomination_ids: Generated<string[]>;
  error: Json<unknown> | null;
}
