import {
  type Compilable,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely';
import { OPERATOR_SCOPE, SYSTEM_SCOPE } from '../../../app/store/scope.ts';
import { AWAITING_OPERATOR, BOUNDING_DEADLINE } from '../../../domain/lifecycle-sets.ts';
import type { Database } from '../schema.ts';
import { claimFactsQuery } from './claim-facts.ts';
import { countQuery, listQuery, searchAcrossQuery } from './customer-rows.ts';
import { dashboardCountsQuery, dashboardPayoutQuery, dashboardRecordsQuery } from './dashboard.ts';
import { insertQuery, lockQuery, transitionQuery } from './nominations.ts';
import { reviewQueueQuery } from './review-queue.ts';
import { claimOverdueQuery, endOverdueQuery } from './sweeps.ts';

// The key list and lifecycle queries, compiled with sample arguments, so that their SQL is checked in
// next to the repositories (src/adapters/db/repositories/sql/*.sql, as Immich does) and a change of the
// SQL is a reviewed diff: test/unit/sql-snapshots.test.ts fails until `npm run sql` regenerates them.

/** A Kysely that compiles PostgreSQL and never connects. */
export const compiler = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

const ID = '00000000-0000-4000-8000-000000000001';
const PARTNER = { partnerId: '00000000-0000-4000-8000-000000000002' };
const NOW = new Date('2026-12-05T00:00:00Z');
const LIST = { engagementId: ID, tab: 'eligible', limit: 50, locations: [ID], now: NOW } as const;
/** The review queue's default filter: the statuses awaiting the operator, before their deadline. */
const QUEUE = {
  matches: AWAITING_OPERATOR.map((status) => ({
    status,
    deadline: BOUNDING_DEADLINE[status],
    passed: false,
  })),
  limit: 50,
  now: NOW,
};

export const CHECKED_QUERIES: Record<string, (db: Kysely<Database>) => Compilable> = {
  'nominations.lock.partner': (db) => lockQuery(db, PARTNER, ID),
  'nominations.lock.system': (db) => lockQuery(db, SYSTEM_SCOPE, ID),
  'nominations.transition': (db) =>
    transitionQuery(db, ID, { from: 'consent_pending', to: 'active', stamps: { consentedAt: NOW }, at: NOW }),
  'nominations.insert': (db) =>
    insertQuery(db, [
      {
        id: ID,
        partnerId: PARTNER.partnerId,
        locationId: ID,
        engagementId: ID,
        tenantId: ID,
        origin: 'add',
        status: 'claimed',
        customerEmail: 'it@contoso.com',
        mismatchReason: null,
        createdBy: ID,
        claimedAt: NOW,
        consentDueAt: NOW,
      },
    ]),
  'customer-rows.list.name': (db) => listQuery(db, PARTNER, { ...LIST, sort: 'name' }),
  'customer-rows.list.name.after': (db) =>
    listQuery(db, PARTNER, { ...LIST, sort: 'name', after: ['contoso', ID] }),
  'customer-rows.list.daysLeft.search': (db) =>
    listQuery(db, PARTNER, { ...LIST, sort: '-daysLeft', search: 'wood', after: [NOW, ID] }),
  'customer-rows.list.status.after': (db) =>
    listQuery(db, PARTNER, { ...LIST, sort: 'status', after: ['active', 'contoso', ID] }),
  'customer-rows.count': (db) =>
    countQuery(db, PARTNER, { engagementId: ID, search: 'wood', locations: [ID], now: NOW }),
  'claims.facts.partner': (db) => claimFactsQuery(db, PARTNER, ID),
  'claims.facts.operator': (db) => claimFactsQuery(db, OPERATOR_SCOPE, ID),
  'dashboard.counts': (db) => dashboardCountsQuery(db, PARTNER, { locations: [ID], now: NOW }),
  'dashboard.records': (db) =>
    dashboardRecordsQuery(db, PARTNER, { locations: [ID], now: NOW, since: NOW, until: NOW }),
  'dashboard.payout': (db) => dashboardPayoutQuery(db, PARTNER, [ID]),
  'customer-rows.searchAcross': (db) =>
    searchAcrossQuery(db, PARTNER, { search: 'contoso', locations: [ID], now: NOW, limit: 50 }),
  'claims.reviewQueue': (db) => reviewQueueQuery(db, OPERATOR_SCOPE, QUEUE),
  'claims.reviewQueue.after': (db) =>
    reviewQueueQuery(db, OPERATOR_SCOPE, { ...QUEUE, engagementId: ID, after: [NOW, ID] }),
  'sweeps.claim-overdue': (db) =>
    claimOverdueQuery(
      db,
      SYSTEM_SCOPE,
      { from: ['claimed', 'consent_pending'], deadline: 'consentDueAt' },
      NOW,
      1000,
    ),
  // A raw statement compiles against a Kysely instance.
  'sweeps.end-overdue': (db) => ({
    compile: () =>
      endOverdueQuery(
        SYSTEM_SCOPE,
        [{ id: ID, from: 'consent_pending', to: 'consent_expired' }],
        'expireConsent',
        NOW,
      ).compile(db),
  }),
};

/** The checked-in text of one query: its SQL, one clause a line, and the number of parameters. */
export function sqlText(name: string, query: Compilable): string {
  const compiled = query.compile();
  const sql = compiled.sql
    .replace(/\s+/g, ' ')
    .replace(
      / (from|inner join|left join|where|group by|order by|limit|set|values|returning|for update|on conflict) /g,
      '\n$1 ',
    )
    .trim();
  return `-- ${name} (generated by npm run sql; do not edit)\n${sql};\n-- parameters: ${compiled.parameters.length}\n`;
}
