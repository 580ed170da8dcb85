import type { Kysely } from 'kysely';
import type { JobOptions } from '../../../app/ports.ts';
import type { Repositories, Store } from '../../../app/store/index.ts';
import type { JobName, JobPayload } from '../../../jobs/registry.ts';
import type { Database } from '../schema.ts';
import { apiTokenRepository } from './api-tokens.ts';
import { auditRepository } from './audit.ts';
import { claimRepository } from './claims.ts';
import { consentRepository } from './consent.ts';
import { customerRowRepository } from './customer-rows.ts';
import { dashboardRepository } from './dashboard.ts';
import type { Q } from './db.ts';
import { directoryRepository } from './directory.ts';
import { engagementRepository } from './engagements.ts';
import { enrolmentRepository } from './enrolments.ts';
import { idempotencyRepository } from './idempotency.ts';
import { invitationRepository } from './invitations.ts';
import { mailRepository } from './mail.ts';
import { nominationImportRepository } from './nomination-imports.ts';
import { nominationRepository } from './nominations.ts';
import { notificationRepository } from './notifications.ts';
import { settingsRepository } from './settings.ts';
import { sweepRepository } from './sweeps.ts';
import { userRepository } from './users.ts';
import { webhookRepository } from './webhooks.ts';

// The store over Kysely: every repository bound to the pool, or to one transaction.

/** Enqueues a job inside the caller's transaction (outbox). */
export interface JobEnqueuer {
  enqueue<N extends JobName>(
    trx: Q,
    name: N,
    payload: JobPayload<N>,
    options?: JobOptions,
  ): Promise<string | null>;
  /** Many jobs of one kind in one statement, inside `trx` (sweeps). */
  enqueueMany<N extends JobName>(
    trx: Q,
    name: N,
    payloads: JobPayload<N>[],
    options?: JobOptions,
  ): Promise<void>;
}

const NO_JOBS: JobEnqueuer = {
  enqueue: () => Promise.reject(new Error('no job queue here (demo and bench data queue no jobs)')),
  enqueueMany: () => Promise.reject(new Error('no job queue here (demo and bench data queue no jobs)')),
};

/** The repositories on `db` (the pool or a transaction); without `jobs` (the seed), queueing a job throws. */
export function bindRepositories(db: Q, jobs: JobEnqueuer = NO_JOBS): Repositories {
  return {
    apiTokens: apiTokenRepository(db),
    audit: auditRepository(db),
    claims: claimRepository(db),
    consent: consentRepository(db),
    customerRows: customerRowRepository(db),
    dashboard: dashboardRepository(db),
    directory: directoryRepository(db),
    enrolments: enrolmentRepository(db),
    engagements: engagementRepository(db),
    idempotency: idempotencyRepository(db),
    invitations: invitationRepository(db),
    mail: mailRepository(db),
    nominationImports: nominationImportRepository(db),
    nominations: nominationRepository(db),
    notifications: notificationRepository(db),
    outbox: {
      enqueue: (name, payload, options) => jobs.enqueue(db, name, payload, options),
      enqueueMany: (name, payloads, options) => jobs.enqueueMany(db, name, payloads, options),
    },
    settings: settingsRepository(db),
    sweeps: sweepRepository(db),
    users: userRepository(db),
    webhooks: webhookRepository(db),
  };
}

export function createStore(db: Kysely<Database>, jobs: JobEnqueuer): Store {
  return {
    ...bindRepositories(db, jobs),
    transaction: (work) => db.transaction().execute((trx) => work(bindRepositories(trx, jobs))),
  };
}
