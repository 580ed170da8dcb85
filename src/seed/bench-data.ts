import { createHash } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { type Kysely, sql } from 'kysely';
import { bindRepositories } from '../adapters/db/repositories/index.ts';
import type { Database } from '../adapters/db/schema.ts';
import { refreshCustomerRows } from '../app/customers/read-model.ts';
import type { NominationStatus } from '../domain/status.ts';
import { MARKETS } from './demo-catalogue.ts';
import { demoId } from './ids.ts';

// The large-data generator for the benchmarks (quality §2: 1 M directory tenants, 200 k
// nominations, 50 k of them for the measured partner). Deterministic: row i is a pure function
// of i and `now`. Tenants and domains are generated inside the database (INSERT … SELECT …
// FROM generate_series, the fastest path on PostgreSQL and PGlite alike); nominations are
// computed here, where the lifecycle's deadline rules are readable, and sent 5,000 rows per
// statement as one JSON parameter (json_to_recordset), which avoids the 65,535-parameter limit.
//
// It loads on top of the demo seed (or on an empty database) with its own partners, engagements
// and id space, and respects both partial unique indexes: one live record per (partner,
// engagement, tenant) because every (engagement, tenant) pair is used once, except the
// "superseded" pairs, where the measured partner's ended record meets another partner's consent.

export interface BenchDataOptions {
  /** Directory tenants to add (one domain each, four tenants per TPID). */
  tenants: number;
  /** Nominations in total, including `partnerNominations`; at most `tenants`. */
  nominations: number;
  /** Nominations of the measured partner ("Bench Partner"), all on the measured workshop. */
  partnerNominations: number;
  now: Date;
  onProgress?: (message: string) => void;
}

export interface BenchDataResult {
  /** true when bench data was already loaded and nothing was written. */
  skipped: boolean;
  tenants: number;
  nominations: number;
  partnerNominations: number;
  /** Wall time per phase, in milliseconds. */
  timings: { catalogue: number; tenants: number; nominations: number; analyze: number; customerRows: number };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const SWEEP_DELAY_MS = 10 * 60 * 1000;
const TENANT_CHUNK = 50_000; // a multiple of TENANTS_PER_TPID
const NOMINATION_CHUNK = 5_000;
const TENANTS_PER_TPID = 4;
const TPID_BASE = 900_000_000;
const OTHER_PARTNERS = 20;

const benchId = (name: string) => demoId(`bench:${name}`);

/** Ids of the bench objects, for the benchmarks. */
export const BENCH_IDS = {
  partner: benchId('partner'),
  location: benchId('location'),
  user: benchId('user'),
  /** The measured workshop. */
  engagement: benchId('engagement:1'),
  engagements: [1, 2, 3, 4].map((n) => benchId(`engagement:${n}`)),
  otherPartners: Array.from({ length: OTHER_PARTNERS }, (_, i) => benchId(`other-partner:${i}`)),
  otherLocations: Array.from({ length: OTHER_PARTNERS }, (_, i) => benchId(`other-location:${i}`)),
};
export const BENCH_USER_EMAIL = 'bench@benchpartner.example';
const BENCH_LOCATION_MPN = '9100000000';

const COUNTRIES = [
  'US',
  'GB',
  'DE',
  'FR',
  'NL',
  'SE',
  'PL',
  'ES',
  'IT',
  'PT',
  'TR',
  'CA',
  'AU',
  'JP',
  'BR',
  'CH',
  'IE',
  'DK',
  'AR',
  'IN',
];
const SEGMENTS = ['enterprise', 'corporate', 'smb', 'public-sector', 'education'];
const WORDS_A = [
  'Northern',
  'Blue',
  'Silver',
  'Grand',
  'Bright',
  'Rapid',
  'Golden',
  'Summit',
  'Coastal',
  'Urban',
  'Prime',
  'Green',
  'Royal',
  'Alpine',
  'Pacific',
  'Atlas',
  'Cedar',
  'Crystal',
  'Harbor',
  'Iron',
];
const WORDS_B = [
  'Logistics',
  'Foods',
  'Systems',
  'Health',
  'Energy',
  'Media',
  'Capital',
  'Motors',
  'Retail',
  'Labs',
  'Textiles',
  'Travel',
  'Insurance',
  'Pharma',
  'Studios',
  'Builders',
  'Analytics',
  'Farms',
  'Airlines',
  'Bank',
];
const RATES = { A: 500000, B: 375000, C: 250000 } as const;

/** The id of bench tenant i (0-based): md5-based, with RFC 9562 version 8 and variant bits, as in SQL below. */
function benchTenantId(i: number): string {
  const h = createHash('md5').update(`mci-bench:tenant:${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
const SQL_TENANT_ID = `(substr(h, 1, 12) || '8' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid`;
const sqlArray = (values: readonly string[]) => `array[${values.map((v) => `'${v}'`).join(', ')}]`;

export async function generateBenchData(
  db: Kysely<Database>,
  opts: BenchDataOptions,
): Promise<BenchDataResult> {
  const { tenants, nominations, partnerNominations, now } = opts;
  const progress = opts.onProgress ?? (() => {});
  const timings = { catalogue: 0, tenants: 0, nominations: 0, analyze: 0, customerRows: 0 };
  if (!(Number.isInteger(tenants) && Number.isInteger(nominations) && Number.isInteger(partnerNominations))) {
    throw new Error('bench data: counts must be integers');
  }
  if (partnerNominations < 0 || partnerNominations > nominations || nominations > tenants) {
    throw new Error('bench data: need 0 ≤ partnerNominations ≤ nominations ≤ tenants');
  }
  const existing = await db
    .selectFrom('partners')
    .select('id')
    .where('id', '=', BENCH_IDS.partner)
    .executeTakeFirst();
  if (existing) {
    progress('bench data already loaded: nothing to do');
    return { skipped: true, tenants: 0, nominations: 0, partnerNominations: 0, timings };
  }

  // Foreign-key checks cost three quarters of the load time (they are row triggers). Generated rows
  // reference only ids created here, so, like pg_restore --disable-triggers, a superuser session
  // skips them (session_replication_role = replica; unique and check constraints still apply),
  // and one anti-join at the end verifies the only reference that varies (tenant_id).
  const skipTriggers = await isSuperuser(db);
  if (!skipTriggers) progress('not a superuser: loading with foreign-key checks (slower)');

  let t0 = performance.now();
  await insertCatalogue(db, now);
  timings.catalogue = performance.now() - t0;

  t0 = performance.now();
  for (let lo = 0; lo < tenants; lo += TENANT_CHUNK) {
    const hi = Math.min(lo + TENANT_CHUNK, tenants) - 1;
    await insertTenants(db, lo, hi, now, skipTriggers);
    const done = hi + 1;
    progress(`tenants ${done}/${tenants} (${rate(done * 2, t0)} rows/s incl. domains)`);
  }
  timings.tenants = performance.now() - t0;

  t0 = performance.now();
  const plan = new NominationPlan(nominations, partnerNominations, now);
  let inserted = 0;
  for (const batch of plan.batches(NOMINATION_CHUNK)) {
    await insertNominations(db, batch, skipTriggers);
    inserted += batch.length;
    progress(`nominations ${inserted}/${nominations} (${rate(inserted, t0)} rows/s)`);
  }
  if (inserted !== nominations)
    throw new Error(`bench data: planned ${inserted} nominations, not ${nominations}`);
  if (skipTriggers) await verifyTenantReferences(db);
  timings.nominations = performance.now() - t0;

  // Fresh statistics, so that the read model below and the benchmarks get the plans PostgreSQL would
  // really choose (without them the refresh's lookups took 100× longer).
  t0 = performance.now();
  await sql`analyze tpids, tenants, tenant_domains, nominations`.execute(db);
  timings.analyze = performance.now() - t0;

  // The Customers page's read model (the same derivation as after any change), for the measured
  // workshop: every partner that knows a customer has a row for it on every workshop (R4), so all
  // workshops would multiply the rows by the catalogue size without changing what is measured.
  t0 = performance.now();
  let customerRows = 0;
  for (const partner of [BENCH_IDS.partner, ...BENCH_IDS.otherPartners]) {
    customerRows += await db
      .transaction()
      .execute((trx) =>
        refreshCustomerRows(
          bindRepositories(trx),
          { partnerId: partner },
          { engagementIds: [BENCH_IDS.engagement] },
          now,
        ),
      );
  }
  progress(`customer rows: ${customerRows} (${rate(customerRows, t0)} rows/s)`);

  await sql`analyze customer_rows`.execute(db);
  timings.customerRows = performance.now() - t0;
  await db
    .insertInto('app_settings')
    .values({
      key: 'benchData',
      value: JSON.stringify({ tenants, nominations, partnerNominations }),
      updated_at: now,
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return { skipped: false, tenants, nominations, partnerNominations, timings };
}

async function isSuperuser(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ value: string }>`select current_setting('is_superuser') as value`.execute(db);
  return rows[0]?.value === 'on';
}

async function withoutTriggers<T>(
  db: Kysely<Database>,
  skip: boolean,
  body: (trx: Kysely<Database>) => Promise<T>,
) {
  return db.transaction().execute(async (trx) => {
    if (skip) await sql`set local session_replication_role = replica`.execute(trx);
    return body(trx);
  });
}

async function verifyTenantReferences(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from nominations n
    where n.engagement_id in (${sql.join(BENCH_IDS.engagements)})
      and not exists (select 1 from tenants t where t.id = n.tenant_id)`.execute(db);
  if ((rows[0]?.n ?? 0) > 0)
    throw new Error(`bench data: ${rows[0]?.n} nominations reference a missing tenant`);
}

function rate(rows: number, since: number): number {
  const seconds = (performance.now() - since) / 1000;
  return seconds > 0 ? Math.round(rows / seconds) : rows;
}

async function insertCatalogue(db: Kysely<Database>, now: Date): Promise<void> {
  const passwordHash = await hash('demo');
  const created = new Date(now.getTime() - 800 * DAY_MS);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('markets')
      .values(Object.entries(MARKETS).map(([country, market]) => ({ country, market })))
      .onConflict((oc) => oc.column('country').doNothing())
      .execute();
    await trx
      .insertInto('partners')
      .values([
        { id: BENCH_IDS.partner, name: 'Bench Partner', created_at: created },
        ...BENCH_IDS.otherPartners.map((id, i) => ({
          id,
          name: `Bench Competitor ${String(i + 1).padStart(2, '0')}`,
          created_at: created,
        })),
      ])
      .execute();
    const designations = ['security', 'infrastructure', 'data-ai', 'modern-work', 'business-applications'];
    await trx
      .insertInto('locations')
      .values([
        {
          id: BENCH_IDS.location,
          partner_id: BENCH_IDS.partner,
          mpn_id: BENCH_LOCATION_MPN,
          name: 'Bench Partner – Main',
          country: 'US',
          designations,
          created_at: created,
        },
        ...BENCH_IDS.otherLocations.map((id, i) => ({
          id,
          partner_id: BENCH_IDS.otherPartners[i]!,
          mpn_id: String(9100000001 + i),
          name: `Bench Competitor ${String(i + 1).padStart(2, '0')} – Main`,
          country: COUNTRIES[i % COUNTRIES.length]!,
          designations,
          created_at: created,
        })),
      ])
      .execute();
    await trx
      .insertInto('enrolments')
      .values(
        [BENCH_IDS.location, ...BENCH_IDS.otherLocations].map((location_id) => ({
          location_id,
          status: 'enrolled' as const,
          enrolled_at: created,
          updated_at: created,
        })),
      )
      .execute();
    await trx
      .insertInto('users')
      .values({
        id: BENCH_IDS.user,
        email: BENCH_USER_EMAIL,
        display_name: 'Bench User',
        kind: 'partnerUser',
        partner_id: BENCH_IDS.partner,
        is_account_admin: true,
        password_hash: passwordHash,
        oidc_issuer: null,
        oidc_subject: null,
        locale: null,
        theme: null,
        // Like the demo personas: password `demo`, accepted only while demo data is loaded.
        is_demo: true,
        created_at: created,
      })
      .execute();
    await trx
      .insertInto('user_location_roles')
      .values({
        user_id: BENCH_IDS.user,
        location_id: BENCH_IDS.location,
        role: 'incentivesAdmin',
        granted_by: null,
        granted_at: created,
      })
      .execute();
    await trx
      .insertInto('engagements')
      .values(
        BENCH_IDS.engagements.map((id, i) => ({
          id,
          code: `BENCH-WS-${i + 1}`,
          name: i === 0 ? 'Bench Workshop' : `Bench Workshop ${i + 1}`,
          kind: 'workshop' as const,
          solution_area: 'Security',
          availability: 'active' as const,
          description: 'Generated for the benchmarks.',
          partner_criteria: '{}',
          customer_criteria: JSON.stringify([{ type: 'seatsBetween', min: 5, max: 1000000 }]),
          poe_requirements: JSON.stringify({
            findingsReport: true,
            invoice: true,
            partnerSurvey: true,
            customerSurvey: true,
          }),
          currency: 'USD',
          created_at: created,
          updated_at: created,
        })),
      )
      .execute();
    await trx
      .insertInto('engagement_rates')
      .values(
        BENCH_IDS.engagements.flatMap((engagement_id) =>
          (['A', 'B', 'C'] as const).map((market) => ({
            engagement_id,
            market,
            amount_minor: RATES[market],
          })),
        ),
      )
      .execute();
  });
}

/** Tenants lo..hi (inclusive), their TPIDs and one domain each, generated in SQL. */
async function insertTenants(
  db: Kysely<Database>,
  lo: number,
  hi: number,
  now: Date,
  skip: boolean,
): Promise<void> {
  const tenant = `from generate_series(${lo}, ${hi}) g, lateral (select md5('mci-bench:tenant:' || g) as h) x`;
  await withoutTriggers(db, skip, async (trx) => {
    await sql
      .raw(
        `insert into tpids (tpid, name)
         select ${TPID_BASE} + t, 'Bench Organisation ' || t
         from generate_series(${Math.floor(lo / TENANTS_PER_TPID)}, ${Math.floor(hi / TENANTS_PER_TPID)}) t`,
      )
      .execute(trx);
    await sql`${sql.raw(`insert into tenants (id, name, tpid, country, segment, seats, products, attributes, updated_at)
         select ${SQL_TENANT_ID},
           (${sqlArray(WORDS_A)})[1 + g % ${WORDS_A.length}] || ' ' ||
             (${sqlArray(WORDS_B)})[1 + (g / ${WORDS_A.length}) % ${WORDS_B.length}] || ' ' || lpad(g::text, 7, '0'),
           ${TPID_BASE} + g / ${TENANTS_PER_TPID},
           (${sqlArray(COUNTRIES)})[1 + g % ${COUNTRIES.length}],
           (${sqlArray(SEGMENTS)})[1 + (g / 7) % ${SEGMENTS.length}],
           5 + (g::bigint * 7919) % 50000,
           case when g % 3 = 0 then array['Microsoft 365 E3', 'Azure'] else array['Microsoft 365 Business Premium'] end,
           '{}',
           `)}${now}
         ${sql.raw(tenant)}`.execute(trx);
    await sql
      .raw(
        `insert into tenant_domains (domain, tenant_id)
         select ${benchDomainSql('g')}, ${SQL_TENANT_ID}
         ${tenant}`,
      )
      .execute(trx);
  });
}

const benchDomainSql = (g: string) => `'c' || ${g} || '.bench-directory.example'`;
/** The one domain of bench tenant i. */
export const benchTenantDomain = (i: number) => `c${i}.bench-directory.example`;

// ── Nominations ─────────────────────────────────────────────────────────────

/** The status mix, in per mille: what a partner's book looks like after a year in the program. */
const STATUS_MIX: readonly [NominationStatus, number][] = [
  ['claimed', 120],
  ['consent_pending', 180],
  ['consent_declined', 40],
  ['consent_expired', 80],
  ['superseded', 30],
  ['active', 200],
  ['claim_submitted', 60],
  ['under_review', 40],
  ['action_required', 20],
  ['disputed', 10],
  ['approved', 120],
  ['rejected', 20],
  ['rejected_final', 10],
  ['not_submitted_expired', 40],
  ['post_submission_expired', 10],
  ['dispute_expired', 10],
  ['cancelled', 10],
];
const MIX_TABLE: NominationStatus[] = STATUS_MIX.flatMap(([status, n]) =>
  Array<NominationStatus>(n).fill(status),
);

/** Two deterministic pseudo-random numbers for row i (multiplicative hashing; no state). */
function mixStatus(i: number): NominationStatus {
  return MIX_TABLE[(Math.imul(i + 1, 2654435761) >>> 0) % MIX_TABLE.length]!;
}
function unit(i: number): number {
  return ((Math.imul(i ^ 0x5bd1e995, 1597334677) >>> 0) % 100_000) / 100_000;
}

interface NominationRow {
  id: string;
  partner_id: string;
  location_id: string;
  engagement_id: string;
  tenant_id: string;
  origin: 'add' | 'claim';
  status: NominationStatus;
  customer_email: string | null;
  created_by: string | null;
  claimed_at: string;
  consent_due_at: string;
  consent_requested_at: string | null;
  consented_at: string | null;
  claim_due_at: string | null;
  review_due_at: string | null;
  first_submitted_at: string | null;
  submitted_at: string | null;
  rejected_at: string | null;
  dispute_due_at: string | null;
  disputed_at: string | null;
  ended_at: string | null;
  payout_market: string | null;
  payout_amount_minor: number | null;
  payout_currency: string | null;
  version: number;
  updated_at: string;
}

const COLUMN_TYPES: Record<keyof NominationRow, string> = {
  id: 'uuid',
  partner_id: 'uuid',
  location_id: 'uuid',
  engagement_id: 'uuid',
  tenant_id: 'uuid',
  origin: 'text',
  status: 'text',
  customer_email: 'text',
  created_by: 'uuid',
  claimed_at: 'timestamptz',
  consent_due_at: 'timestamptz',
  consent_requested_at: 'timestamptz',
  consented_at: 'timestamptz',
  claim_due_at: 'timestamptz',
  review_due_at: 'timestamptz',
  first_submitted_at: 'timestamptz',
  submitted_at: 'timestamptz',
  rejected_at: 'timestamptz',
  dispute_due_at: 'timestamptz',
  disputed_at: 'timestamptz',
  ended_at: 'timestamptz',
  payout_market: 'char(1)',
  payout_amount_minor: 'bigint',
  payout_currency: 'char(3)',
  version: 'int',
  updated_at: 'timestamptz',
};
const COLUMNS = Object.keys(COLUMN_TYPES).join(', ');
const RECORD_TYPE = Object.entries(COLUMN_TYPES)
  .map(([column, type]) => `${column} ${type}`)
  .join(', ');

async function insertNominations(
  db: Kysely<Database>,
  rows: readonly NominationRow[],
  skip: boolean,
): Promise<void> {
  await withoutTriggers(db, skip, (trx) =>
    sql`insert into nominations (${sql.raw(COLUMNS)})
    select ${sql.raw(COLUMNS)} from json_to_recordset(${JSON.stringify(rows)}::json) as x(${sql.raw(RECORD_TYPE)})`.execute(
      trx,
    ),
  );
}

/** Days relative to now of each lifecycle moment; null: never happened. */
interface Timeline {
  claimed: number;
  requested: number | null;
  consented: number | null;
  firstSubmitted: number | null;
  submitted: number | null;
  rejected: number | null;
  /** The first rejection, which opened the dispute window. */
  disputeOpened: number | null;
  disputed: number | null;
  ended: number | null;
  version: number;
}

const SWEEP = SWEEP_DELAY_MS / DAY_MS;

/**
 * A history that ends in `status` at `now`, with r ∈ [0, 1) spreading the records over time.
 * Windows 30/90/120/30 days; every live deadline lies ahead of `now` (spec §5).
 */
function timelineOf(status: NominationStatus, r: number): Timeline {
  const pre = (
    claimed: number,
    requested: number | null,
    ended: number | null,
    version: number,
  ): Timeline => ({
    claimed,
    requested,
    consented: null,
    firstSubmitted: null,
    submitted: null,
    rejected: null,
    disputeOpened: null,
    disputed: null,
    ended,
    version,
  });
  // After consent c (days, negative): claimed 1–21 days before it, consent requested half a day after the claim.
  const post = (c: number, rest: Partial<Timeline>, version: number): Timeline => {
    const claimed = c - (1 + r * 20);
    return {
      claimed,
      requested: claimed + 0.5,
      consented: c,
      firstSubmitted: rest.submitted ?? null,
      submitted: null,
      rejected: null,
      disputeOpened: null,
      disputed: null,
      ended: null,
      ...rest,
      version,
    };
  };
  switch (status) {
    case 'claimed':
      return pre(-(0.1 + r * 29), null, null, 1);
    case 'consent_pending': {
      const claimed = -(1 + r * 28);
      return pre(claimed, claimed + 0.5, null, 2);
    }
    case 'consent_declined': {
      const claimed = -(5 + r * 300);
      return pre(claimed, claimed + 0.5, claimed + 3, 3);
    }
    case 'consent_expired': {
      const claimed = -(31 + r * 300);
      return pre(claimed, claimed + 1, claimed + 30 + SWEEP, 3);
    }
    case 'superseded': {
      const claimed = -(3 + r * 26);
      return pre(claimed, claimed + 0.5, claimed + 2, 3);
    }
    case 'active':
      return post(-(0.5 + r * 88), {}, 3);
    case 'claim_submitted': {
      const c = -(20 + r * 99);
      return post(c, { submitted: c + 15 }, 4);
    }
    case 'under_review': {
      const c = -(25 + r * 94);
      return post(c, { submitted: c + 15 }, 5);
    }
    case 'action_required': {
      const c = -(25 + r * 94);
      return post(c, { submitted: c + 15 }, 6);
    }
    case 'disputed': {
      const c = -(40 + r * 79);
      return post(c, { submitted: c + 10, rejected: c + 25, disputeOpened: c + 25, disputed: c + 35 }, 7);
    }
    case 'rejected': {
      const c = -(30 + r * 60);
      const rejected = -(1 + r * 18);
      return post(c, { submitted: c + 10, rejected, disputeOpened: rejected }, 6);
    }
    case 'approved': {
      const c = -(60 + r * 300);
      return post(c, { submitted: c + 30, ended: c + 60 }, 6);
    }
    case 'rejected_final': {
      const c = -(130 + r * 300);
      return post(
        c,
        { submitted: c + 20, disputeOpened: c + 40, disputed: c + 50, rejected: c + 80, ended: c + 80 },
        9,
      );
    }
    case 'not_submitted_expired': {
      const c = -(91 + r * 300);
      return post(c, { ended: c + 90 + SWEEP }, 4);
    }
    case 'post_submission_expired': {
      const c = -(121 + r * 300);
      return post(c, { submitted: c + 40, ended: c + 120 + SWEEP }, 6);
    }
    case 'dispute_expired': {
      const c = -(100 + r * 300);
      return post(
        c,
        { submitted: c + 20, rejected: c + 40, disputeOpened: c + 40, ended: c + 70 + SWEEP },
        7,
      );
    }
    case 'cancelled': {
      const c = -(10 + r * 300);
      return post(c, { ended: c + 5 }, 4);
    }
  }
}

interface Placement {
  partnerId: string;
  locationId: string;
  engagementId: string;
  tenant: number;
  status: NominationStatus;
  r: number;
  key: string;
  createdBy: string | null;
  /** For the other partner's record that won a superseded customer: its consent time (days). */
  consentedAt?: number;
}

/**
 * Which record goes where: the measured partner's records on tenants 0..P-1 of the measured
 * workshop; for each of its superseded ones, the other partner's record whose consent won; then
 * the other partners' records on the next tenants, spread over the four bench workshops.
 */
class NominationPlan {
  constructor(
    private readonly total: number,
    private readonly measured: number,
    private readonly now: Date,
  ) {}

  *batches(size: number): Generator<NominationRow[]> {
    let batch: NominationRow[] = [];
    for (const placement of this.placements()) {
      batch.push(this.row(placement));
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  private *placements(): Generator<Placement> {
    let winners = 0;
    for (let i = 0; i < this.measured; i++) {
      const status = mixStatus(i);
      const r = unit(i);
      yield {
        partnerId: BENCH_IDS.partner,
        locationId: BENCH_IDS.location,
        engagementId: BENCH_IDS.engagement,
        tenant: i,
        status,
        r,
        key: `p${i}`,
        createdBy: BENCH_IDS.user,
      };
      // First consent wins: another partner's consent ended this record (same moment).
      if (status === 'superseded' && this.measured + winners < this.total) {
        const other = winners % OTHER_PARTNERS;
        yield {
          partnerId: BENCH_IDS.otherPartners[other]!,
          locationId: BENCH_IDS.otherLocations[other]!,
          engagementId: BENCH_IDS.engagement,
          tenant: i,
          status: 'active',
          r,
          key: `w${i}`,
          createdBy: null,
          consentedAt: timelineOf('superseded', r).ended!,
        };
        winners++;
      }
    }
    const free = this.total - this.measured - winners;
    for (let k = 0; k < free; k++) {
      const status = mixStatus(k + 1_000_003);
      const other = k % OTHER_PARTNERS;
      yield {
        partnerId: BENCH_IDS.otherPartners[other]!,
        locationId: BENCH_IDS.otherLocations[other]!,
        engagementId: BENCH_IDS.engagements[k % BENCH_IDS.engagements.length]!,
        tenant: this.measured + k,
        // Another partner's superseded record would need a winner of its own: count it as expired.
        status: status === 'superseded' ? 'consent_expired' : status,
        r: unit(k + 1_000_003),
        key: `o${k}`,
        createdBy: null,
      };
    }
  }

  private row(p: Placement): NominationRow {
    const now = this.now.getTime();
    const iso = (days: number | null) => (days === null ? null : new Date(now + days * DAY_MS).toISOString());
    let t = timelineOf(p.status, p.r);
    if (p.consentedAt !== undefined) {
      // The winner: claimed a day before the measured partner's record, consented when it was superseded.
      const claimed = timelineOf('superseded', p.r).claimed - 1;
      t = { ...t, claimed, requested: claimed + 0.5, consented: p.consentedAt };
    }
    const market = MARKETS[COUNTRIES[p.tenant % COUNTRIES.length]!] ?? 'A';
    const c = t.consented;
    const last = Math.max(
      ...[t.claimed, t.requested, c, t.submitted, t.rejected, t.disputed, t.ended].map((d) => d ?? -1e9),
    );
    const origin = p.tenant % 5 === 0 ? 'claim' : 'add';
    return {
      id: benchId(`nomination:${p.key}`),
      partner_id: p.partnerId,
      location_id: p.locationId,
      engagement_id: p.engagementId,
      tenant_id: benchTenantId(p.tenant),
      origin,
      status: p.status,
      customer_email: origin === 'add' ? `it@${benchTenantDomain(p.tenant)}` : null,
      created_by: p.createdBy,
      claimed_at: iso(t.claimed)!,
      consent_due_at: iso(t.claimed + 30)!,
      consent_requested_at: iso(t.requested),
      consented_at: iso(c),
      claim_due_at: c === null ? null : iso(c + 90),
      review_due_at: c === null ? null : iso(c + 120),
      first_submitted_at: iso(t.firstSubmitted),
      submitted_at: iso(t.submitted),
      rejected_at: iso(t.rejected),
      dispute_due_at: t.disputeOpened === null ? null : iso(t.disputeOpened + 30),
      disputed_at: iso(t.disputed),
      ended_at: iso(t.ended),
      payout_market: c === null ? null : market,
      payout_amount_minor: c === null ? null : RATES[market],
      payout_currency: c === null ? null : 'USD',
      version: t.version,
      updated_at: iso(last)!,
    };
  }
}
