import type { ApiTokenRepository } from './api-tokens.ts';
import type { AuditRepository } from './audit.ts';
import type { ClaimRepository } from './claims.ts';
import type { ConsentRepository } from './consent.ts';
import type { CustomerRowRepository } from './customer-rows.ts';
import type { DashboardRepository } from './dashboard.ts';
import type { DirectoryRepository } from './directory.ts';
import type { EngagementRepository } from './engagements.ts';
import type { EnrolmentRepository } from './enrolments.ts';
import type { IdempotencyRepository } from './idempotency.ts';
import type { InvitationRepository } from './invitations.ts';
import type { MailRepository } from './mail.ts';
import type { NominationImportRepository } from './nomination-imports.ts';
import type { NominationRepository } from './nominations.ts';
import type { NotificationRepository } from './notifications.ts';
import type { Outbox } from './outbox.ts';
import type { SettingsRepository } from './settings.ts';
import type { SweepRepository } from './sweeps.ts';
import type { UserRepository } from './users.ts';
import type { WebhookRepository } from './webhooks.ts';

// The store: what the use cases know of the database (ADR 0013). Each repository is a port declared
// here and implemented in src/adapters/db/repositories/, where all the SQL of the product lives; use
// cases import no query builder. A transaction hands the use case the same repositories bound to it,
// so "load → decide → write + audit + enqueue" is one transaction without a connection in sight.

export interface Repositories {
  apiTokens: ApiTokenRepository;
  audit: AuditRepository;
  claims: ClaimRepository;
  consent: ConsentRepository;
  customerRows: CustomerRowRepository;
  dashboard: DashboardRepository;
  directory: DirectoryRepository;
  enrolments: EnrolmentRepository;
  engagements: EngagementRepository;
  idempotency: IdempotencyRepository;
  invitations: InvitationRepository;
  mail: MailRepository;
  nominationImports: NominationImportRepository;
  nominations: NominationRepository;
  notifications: NotificationRepository;
  outbox: Outbox;
  settings: SettingsRepository;
  sweeps: SweepRepository;
  users: UserRepository;
  webhooks: WebhookRepository;
}

export interface Store extends Repositories {
  /** Runs `work` in one transaction; the repositories it is given are bound to that transaction. */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
}
