import { createHash } from 'node:crypto';
import type {
  CreateEngagementRequest,
  OperatorEngagement,
  PatchEngagementRequest,
} from '../../contracts/operator.ts';
import type { CustomerCriterion, PartnerCriteria } from '../../domain/eligibility.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/policy.ts';
import { audit } from '../audit.ts';
import { refreshCustomerRows } from '../customers/read-model.ts';
import { idempotent } from '../idempotency.ts';
import { newId } from '../ids.ts';
import type { AppContext, Trx } from '../ports.ts';
import { auditActor, requireOperator } from './access.ts';

// The operator's engagement catalogue (spec §4.5): create and edit an engagement's windows, criteria,
// POE requirements, rates and availability without touching the database. Windows apply to deadlines
// granted from now on: deadlines already granted are columns of the records and never move (§5).
// A change of the customer criteria re-derives the Customers page rows of the engagement.

// Compile-time proof that the request shapes are the domain's criteria types (src/domain/eligibility.ts).
type Assignable<T, U extends T> = U;
type _PartnerCriteria = Assignable<PartnerCriteria, NonNullable<PatchEngagementRequest['partnerCriteria']>>;
type _CustomerCriteria = Assignable<
  CustomerCriterion[],
  NonNullable<PatchEngagementRequest['customerCriteria']>
>;
export type CriteriaShapesMatch = [_PartnerCriteria, _CustomerCriteria];

const MARKETS = ['A', 'B', 'C'] as const;
const DEFAULT_POE = { findingsReport: true, invoice: true, partnerSurvey: true, customerSurvey: true };

type EngagementRow = Awaited<ReturnType<typeof engagementRows>>[number];

function engagementRows(trx: Trx, filters: { id?: string; kind?: string; availability?: string } = {}) {
  let query = trx.selectFrom('engagements').selectAll();
  if (filters.id) query = query.where('id', '=', filters.id);
  if (filters.kind) query = query.where('kind', '=', filters.kind as never);
  if (filters.availability) query = query.where('availability', '=', filters.availability as never);
  return query.orderBy('name').orderBy('id').execute();
}

const parsed = <T>(value: unknown, fallback: T): T => {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as T;
    } catch {
      return fallback;
    }
  }
  return value as T;
};

/** A weak ETag of everything an operator can edit (a content hash: exact even when the clock stands still). */
function etagOf(view: Omit<OperatorEngagement, 'etag'>): string {
  const hash = createHash('sha256').update(JSON.stringify(view)).digest('base64url').slice(0, 27);
  return `W/"${hash}"`;
}

function present(e: EngagementRow, rates: { market: string; amount_minor: number | string }[]) {
  const poe = parsed<Record<string, boolean>>(e.poe_requirements, DEFAULT_POE);
  const partnerCriteria = parsed<PartnerCriteria>(e.partner_criteria, {});
  const view: Omit<OperatorEngagement, 'etag'> = {
    id: e.id,
    code: e.code,
    name: e.name,
    kind: e.kind,
    solutionArea: e.solution_area,
    availability: e.availability,
    description: e.description,
    consentWindowDays: e.consent_window_days,
    claimWindowDays: e.claim_window_days,
    reviewWindowDays: e.review_window_days,
    disputeWindowDays: e.dispute_window_days,
    reminderDays: [...e.reminder_days],
    partnerCriteria: {
      ...(partnerCriteria.countries ? { countries: partnerCriteria.countries } : {}),
      ...(partnerCriteria.designations ? { designations: partnerCriteria.designations } : {}),
    },
    customerCriteria: parsed<Record<string, unknown>[]>(e.customer_criteria, []),
    poeRequirements: {
      findingsReport: poe.findingsReport !== false,
      invoice: poe.invoice !== false,
      partnerSurvey: poe.partnerSurvey !== false,
      customerSurvey: poe.customerSurvey !== false,
    },
    rates: Object.fromEntries(
      MARKETS.map((m) => {
        const rate = rates.find((r) => r.market === m);
        return [m, rate ? Number(rate.amount_minor) : null];
      }),
    ) as OperatorEngagement['rates'],
    currency: e.currency.trim(),
    createdAt: e.created_at.toISOString(),
    updatedAt: e.updated_at.toISOString(),
  };
  return { ...view, etag: etagOf(view) };
}

async function ratesOf(trx: Trx, engagementIds: string[]) {
  if (engagementIds.length === 0) return [];
  return trx
    .selectFrom('engagement_rates')
    .select(['engagement_id', 'market', 'amount_minor'])
    .where('engagement_id', 'in', engagementIds)
    .execute();
}

async function load(trx: Trx, id: string): Promise<OperatorEngagement> {
  const [row] = await engagementRows(trx, { id });
  if (!row) throw new DomainError('NotFound', { target: 'engagementId' });
  return present(row, await ratesOf(trx, [id]));
}

export async function listOperatorEngagements(
  trx: Trx,
  actor: Actor,
  filters: { kind?: string | undefined; availability?: string | undefined },
) {
  requireOperator(actor, 'operator.catalogue');
  const rows = await engagementRows(trx, {
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.availability ? { availability: filters.availability } : {}),
  });
  const rates = await ratesOf(
    trx,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    present(
      r,
      rates.filter((x) => x.engagement_id === r.id),
    ),
  );
}

export async function getOperatorEngagement(trx: Trx, actor: Actor, id: string) {
  requireOperator(actor, 'operator.catalogue');
  return load(trx, id);
}

/** §4.4: a review must be possible after the last day of the claim window (both count from consent). */
function checkWindows(claimDays: number, reviewDays: number) {
  if (reviewDays < claimDays)
    throw new DomainError('ValidationFailed', {
      target: 'reviewWindowDays',
      details: [{ code: 'ReviewWindowTooShort', target: 'reviewWindowDays', params: { claimDays } }],
    });
}

const sortedDays = (days: number[]) => [...days].sort((a, b) => b - a);

async function writeRates(
  trx: Trx,
  engagementId: string,
  rates: NonNullable<CreateEngagementRequest['rates']>,
) {
  for (const market of MARKETS) {
    const amount = rates[market];
    if (amount === undefined) continue;
    if (amount === null) {
      await trx
        .deleteFrom('engagement_rates')
        .where('engagement_id', '=', engagementId)
        .where('market', '=', market)
        .execute();
      continue;
    }
    await trx
      .insertInto('engagement_rates')
      .values({ engagement_id: engagementId, market, amount_minor: amount })
      .onConflict((oc) => oc.columns(['engagement_id', 'market']).doUpdateSet({ amount_minor: amount }))
      .execute();
  }
}

/**
 * The Customers page rows of one workshop for every partner that has rows on it or knows customers
 * (a new workshop has no rows yet: every partner's known customers become its candidates).
 */
async function refreshEngagementRows(ctx: AppContext, trx: Trx, engagementId: string, now: Date) {
  const withRows = await trx
    .selectFrom('customer_rows')
    .select('partner_id')
    .distinct()
    .where('engagement_id', '=', engagementId)
    .execute();
  const knowing = await trx.selectFrom('nominations').select('partner_id').distinct().execute();
  const partners = new Set([...withRows, ...knowing].map((r) => r.partner_id));
  for (const partnerId of [...partners].sort())
    await refreshCustomerRows(ctx.store.within(trx), { partnerId }, { engagementIds: [engagementId] }, now);
  return partners.size;
}

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === '23505';

const codeTaken = (cause?: unknown) =>
  new DomainError('Conflict', {
    target: 'code',
    details: [{ code: 'EngagementCodeTaken', target: 'code' }],
    ...(cause ? { cause } : {}),
  });

export async function createEngagement(
  ctx: AppContext,
  actor: Actor,
  body: CreateEngagementRequest,
  idempotencyKey: string | undefined,
) {
  const operator = requireOperator(actor, 'operator.catalogue');
  const now = ctx.clock.now();
  checkWindows(body.claimWindowDays ?? 90, body.reviewWindowDays ?? 120);
  try {
    return await idempotent<OperatorEngagement>(
      ctx.store,
      {
        scope: `operator:${operator.userId}`,
        key: idempotencyKey,
        fingerprintOf: { createEngagement: body },
        now,
      },
      async (tx) => {
        const trx = tx.legacyDb;
        const taken = await trx
          .selectFrom('engagements')
          .select('id')
          .where('code', '=', body.code)
          .executeTakeFirst();
        if (taken) throw codeTaken();
        const id = newId();
        await trx
          .insertInto('engagements')
          .values({
            id,
            code: body.code,
            name: body.name,
            kind: body.kind,
            solution_area: body.solutionArea,
            availability: body.availability,
            description: body.description ?? '',
            consent_window_days: body.consentWindowDays ?? 30,
            claim_window_days: body.claimWindowDays ?? 90,
            review_window_days: body.reviewWindowDays ?? 120,
            dispute_window_days: body.disputeWindowDays ?? 30,
            reminder_days: sortedDays(body.reminderDays ?? [7, 2]),
            partner_criteria: JSON.stringify(body.partnerCriteria ?? {}),
            customer_criteria: JSON.stringify(body.customerCriteria ?? []),
            poe_requirements: JSON.stringify(body.poeRequirements ?? DEFAULT_POE),
            currency: body.currency ?? 'USD',
            created_at: now,
            updated_at: now,
          })
          .execute();
        if (body.rates) await writeRates(trx, id, body.rates);
        const view = await load(trx, id);
        const refreshed = view.kind === 'workshop' ? await refreshEngagementRows(ctx, trx, id, now) : 0;
        await audit(trx, {
          actor: auditActor(operator),
          action: 'engagement.create',
          at: now,
          data: { engagementId: id, code: body.code, engagement: view, refreshedPartners: refreshed },
        });
        return { status: 201, body: view };
      },
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(error);
    throw error;
  }
}

const FIELD_COLUMNS = {
  name: 'name',
  description: 'description',
  solutionArea: 'solution_area',
  availability: 'availability',
  consentWindowDays: 'consent_window_days',
  claimWindowDays: 'claim_window_days',
  reviewWindowDays: 'review_window_days',
  disputeWindowDays: 'dispute_window_days',
  reminderDays: 'reminder_days',
  partnerCriteria: 'partner_criteria',
  customerCriteria: 'customer_criteria',
  poeRequirements: 'poe_requirements',
  currency: 'currency',
} as const;
const JSON_FIELDS = new Set(['partnerCriteria', 'customerCriteria', 'poeRequirements']);

export async function patchEngagement(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: PatchEngagementRequest,
  ifMatch: string,
) {
  const operator = requireOperator(actor, 'operator.catalogue');
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const locked = await trx
      .selectFrom('engagements')
      .select('id')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!locked) throw new DomainError('NotFound', { target: 'engagementId' });
    const before = await load(trx, id);
    if (ifMatch.trim() !== before.etag) throw new DomainError('PreconditionFailed', { target: 'If-Match' });
    checkWindows(
      patch.claimWindowDays ?? before.claimWindowDays,
      patch.reviewWindowDays ?? before.reviewWindowDays,
    );

    const set: Record<string, unknown> = {};
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, column] of Object.entries(FIELD_COLUMNS) as [keyof typeof FIELD_COLUMNS, string][]) {
      let value = patch[field];
      if (value === undefined) continue;
      if (field === 'reminderDays') value = sortedDays(value as number[]);
      const previous = before[field];
      if (JSON.stringify(previous) === JSON.stringify(value)) continue;
      changes[field] = { from: previous, to: value };
      set[column] = JSON_FIELDS.has(field) ? JSON.stringify(value) : value;
    }
    if (patch.rates) {
      const to = { ...before.rates };
      for (const m of MARKETS) if (patch.rates[m] !== undefined) to[m] = patch.rates[m] ?? null;
      if (JSON.stringify(to) !== JSON.stringify(before.rates)) {
        changes.rates = { from: before.rates, to };
        await writeRates(trx, id, patch.rates);
      }
    }
    if (Object.keys(changes).length === 0) return before;

    await trx
      .updateTable('engagements')
      .set({ ...set, updated_at: now } as never)
      .where('id', '=', id)
      .execute();
    const after = await load(trx, id);
    // §6: the customer criteria decide the Eligible / Ineligible split of every partner's page.
    const refreshed =
      changes.customerCriteria && after.kind === 'workshop'
        ? await refreshEngagementRows(ctx, trx, id, now)
        : 0;
    await audit(trx, {
      actor: auditActor(operator),
      action: 'engagement.update',
      at: now,
      data: { engagementId: id, code: after.code, changes, refreshedPartners: refreshed },
    });
    return after;
  });
}
