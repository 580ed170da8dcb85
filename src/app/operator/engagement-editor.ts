import { createHash } from 'node:crypto';
import type {
  CreateEngagementRequest,
  OperatorEngagement,
  PatchEngagementRequest,
} from '../../contracts/operator.ts';
import type { CustomerCriterion, PartnerCriteria } from '../../domain/eligibility.ts';
import { DomainError } from '../../domain/errors.ts';
import { DEFAULT_WINDOWS } from '../../domain/lifecycle.ts';
import type { Actor } from '../../domain/policy.ts';
import { refreshCustomerRows } from '../customers/read-model.ts';
import { idempotent } from '../idempotency.ts';
import { newId } from '../ids.ts';
import type { AppContext } from '../ports.ts';
import type { Engagement, EngagementFields, EngagementFilters, Market, Rates } from '../store/engagements.ts';
import type { Repositories } from '../store/index.ts';
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
/** @public the proof above, kept as an export so that it is checked and never reported unused */
export type CriteriaShapesMatch = [_PartnerCriteria, _CustomerCriteria];

const MARKETS: readonly Market[] = ['A', 'B', 'C'];
const DEFAULT_POE = { findingsReport: true, invoice: true, partnerSurvey: true, customerSurvey: true };
const DEFAULT_REMINDER_DAYS = [7, 2];

/** The fields a PATCH may change, in the order changes are reported. */
const EDITABLE = [
  'name',
  'description',
  'solutionArea',
  'availability',
  'consentWindowDays',
  'claimWindowDays',
  'reviewWindowDays',
  'disputeWindowDays',
  'reminderDays',
  'partnerCriteria',
  'customerCriteria',
  'poeRequirements',
  'currency',
] as const satisfies readonly (keyof EngagementFields)[];

type View = Omit<OperatorEngagement, 'etag'>;

/** A weak ETag of everything an operator can edit (a content hash: exact even when the clock stands still). */
function etagOf(view: View): string {
  const hash = createHash('sha256').update(JSON.stringify(view)).digest('base64url').slice(0, 27);
  return `W/"${hash}"`;
}

function present(
  e: Engagement,
  rates: readonly { market: Market; amountMinor: number }[],
): OperatorEngagement {
  const view: View = {
    id: e.id,
    code: e.code,
    name: e.name,
    kind: e.kind,
    solutionArea: e.solutionArea,
    availability: e.availability,
    description: e.description,
    consentWindowDays: e.windows.consentDays,
    claimWindowDays: e.windows.claimDays,
    reviewWindowDays: e.windows.reviewDays,
    disputeWindowDays: e.windows.disputeDays,
    reminderDays: [...e.reminderDays],
    partnerCriteria: {
      ...(e.partnerCriteria.countries ? { countries: e.partnerCriteria.countries } : {}),
      ...(e.partnerCriteria.designations ? { designations: e.partnerCriteria.designations } : {}),
    },
    customerCriteria: e.customerCriteria,
    poeRequirements: { ...e.poeRequirements },
    rates: {
      A: rates.find((r) => r.market === 'A')?.amountMinor ?? null,
      B: rates.find((r) => r.market === 'B')?.amountMinor ?? null,
      C: rates.find((r) => r.market === 'C')?.amountMinor ?? null,
    },
    currency: e.currency.trim(),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
  return { ...view, etag: etagOf(view) };
}

async function load(tx: Repositories, id: string): Promise<OperatorEngagement> {
  const engagement = await tx.engagements.get(id);
  if (!engagement) throw new DomainError('NotFound', { target: 'engagementId' });
  return present(engagement, await tx.engagements.rates(id));
}

export async function listOperatorEngagements(
  tx: Repositories,
  actor: Actor,
  filters: Pick<EngagementFilters, 'kind' | 'availability'>,
) {
  requireOperator(actor, 'operator.catalogue');
  const engagements = await tx.engagements.list(filters);
  const rates = await tx.engagements.ratesOf(engagements.map((e) => e.id));
  return engagements.map((e) => present(e, rates.get(e.id) ?? []));
}

export async function getOperatorEngagement(tx: Repositories, actor: Actor, id: string) {
  requireOperator(actor, 'operator.catalogue');
  return load(tx, id);
}

/** §4.4: a review must be possible after the last day of the claim window (both count from consent). */
function checkWindows(claimDays: number, reviewDays: number) {
  if (reviewDays < claimDays)
    throw new DomainError('ValidationFailed', {
      target: 'reviewWindowDays',
      details: [{ code: 'ReviewWindowTooShort', target: 'reviewWindowDays', params: { claimDays } }],
    });
}

const sortedDays = (days: readonly number[]) => [...days].sort((a, b) => b - a);

/**
 * The Customers page rows of one workshop for every partner that has rows on it or knows customers
 * (a new workshop has no rows yet: every partner's known customers become its candidates).
 */
async function refreshEngagementRows(tx: Repositories, engagementId: string, now: Date) {
  const partners = await tx.engagements.partnersWithRowsOrRecords(engagementId);
  for (const partnerId of partners)
    await refreshCustomerRows(tx, { partnerId }, { engagementIds: [engagementId] }, now);
  return partners.length;
}

const codeTaken = () =>
  new DomainError('Conflict', { target: 'code', details: [{ code: 'EngagementCodeTaken', target: 'code' }] });

/** A new engagement's fields: the request's, else the program's defaults. */
function fieldsOf(body: CreateEngagementRequest): EngagementFields {
  return {
    name: body.name,
    description: body.description ?? '',
    solutionArea: body.solutionArea,
    availability: body.availability,
    consentWindowDays: body.consentWindowDays ?? DEFAULT_WINDOWS.consentDays,
    claimWindowDays: body.claimWindowDays ?? DEFAULT_WINDOWS.claimDays,
    reviewWindowDays: body.reviewWindowDays ?? DEFAULT_WINDOWS.reviewDays,
    disputeWindowDays: body.disputeWindowDays ?? DEFAULT_WINDOWS.disputeDays,
    reminderDays: sortedDays(body.reminderDays ?? DEFAULT_REMINDER_DAYS),
    partnerCriteria: body.partnerCriteria ?? {},
    customerCriteria: body.customerCriteria ?? [],
    poeRequirements: body.poeRequirements ?? DEFAULT_POE,
    currency: body.currency ?? 'USD',
  };
}

export async function createEngagement(
  ctx: AppContext,
  actor: Actor,
  body: CreateEngagementRequest,
  idempotencyKey: string | undefined,
) {
  const operator = requireOperator(actor, 'operator.catalogue');
  const now = ctx.clock.now();
  const fields = fieldsOf(body);
  checkWindows(fields.claimWindowDays, fields.reviewWindowDays);
  return idempotent<OperatorEngagement>(
    ctx.store,
    {
      scope: `operator:${operator.userId}`,
      key: idempotencyKey,
      fingerprintOf: { createEngagement: body },
      now,
    },
    async (tx) => {
      const id = newId();
      const created = await tx.engagements.create({
        ...fields,
        id,
        code: body.code,
        kind: body.kind,
        createdAt: now,
      });
      if (!created) throw codeTaken();
      if (body.rates) await tx.engagements.setRates(id, body.rates);
      const view = await load(tx, id);
      const refreshed = view.kind === 'workshop' ? await refreshEngagementRows(tx, id, now) : 0;
      await tx.audit.record({
        actor: auditActor(operator),
        action: 'engagement.create',
        at: now,
        data: { engagementId: id, code: body.code, engagement: view, refreshedPartners: refreshed },
      });
      return { status: 201, body: view };
    },
  );
}

type Changes = Record<string, { from: unknown; to: unknown }>;

/** The fields a PATCH really changes (a value equal to the current one is no change), as from → to. */
function fieldChanges(before: OperatorEngagement, patch: PatchEngagementRequest) {
  const set: Partial<EngagementFields> = {};
  const changes: Changes = {};
  for (const field of EDITABLE) {
    const value =
      field === 'reminderDays' && patch.reminderDays ? sortedDays(patch.reminderDays) : patch[field];
    if (value === undefined || JSON.stringify(before[field]) === JSON.stringify(value)) continue;
    changes[field] = { from: before[field], to: value };
    Object.assign(set, { [field]: value });
  }
  return { set, changes };
}

/** The rates a PATCH asks for, when they differ from the current ones. */
function rateChange(before: OperatorEngagement, rates: Rates | undefined) {
  if (!rates) return null;
  const to = { ...before.rates };
  for (const market of MARKETS) if (rates[market] !== undefined) to[market] = rates[market] ?? null;
  return JSON.stringify(to) === JSON.stringify(before.rates) ? null : { from: before.rates, to };
}

export async function patchEngagement(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: PatchEngagementRequest,
  ifMatch: string,
) {
  const operator = requireOperator(actor, 'operator.catalogue');
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const locked = await tx.engagements.lock(id);
    if (!locked) throw new DomainError('NotFound', { target: 'engagementId' });
    const before = present(locked, await tx.engagements.rates(id));
    if (ifMatch.trim() !== before.etag) throw new DomainError('PreconditionFailed', { target: 'If-Match' });
    checkWindows(
      patch.claimWindowDays ?? before.claimWindowDays,
      patch.reviewWindowDays ?? before.reviewWindowDays,
    );
    const { set, changes } = fieldChanges(before, patch);
    const rates = rateChange(before, patch.rates);
    if (rates && patch.rates) {
      changes.rates = rates;
      await tx.engagements.setRates(id, patch.rates);
    }
    if (Object.keys(changes).length === 0) return before;

    await tx.engagements.update(id, set, now);
    const after = await load(tx, id);
    // §6: the customer criteria decide the Eligible / Ineligible split of every partner's page.
    const refreshed =
      changes.customerCriteria && after.kind === 'workshop' ? await refreshEngagementRows(tx, id, now) : 0;
    await tx.audit.record({
      actor: auditActor(operator),
      action: 'engagement.update',
      at: now,
      data: { engagementId: id, code: after.code, changes, refreshedPartners: refreshed },
    });
    return after;
  });
}
