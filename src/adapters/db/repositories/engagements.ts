import type { Selectable, Updateable } from 'kysely';
import type {
  Engagement,
  EngagementFields,
  EngagementRepository,
  Market,
} from '../../../app/store/engagements.ts';
import type { EngagementsTable } from '../schema.ts';
import type { Q } from './db.ts';

const MARKETS: readonly Market[] = ['A', 'B', 'C'];

/** S1–S4: every item is required unless the engagement says otherwise (all four by default). */
export function poeRequirementsOf(stored: Selectable<EngagementsTable>['poe_requirements'] | null) {
  const poe = stored ?? {};
  return {
    findingsReport: poe.findingsReport !== false,
    invoice: poe.invoice !== false,
    partnerSurvey: poe.partnerSurvey !== false,
    customerSurvey: poe.customerSurvey !== false,
  };
}

/** The one mapping from an engagements row to the catalogue's engagement. */
// Also read as JSON (the customer's facts statement), where timestamps arrive as strings.
type EngagementRow = Omit<Selectable<EngagementsTable>, 'created_at' | 'updated_at'> & {
  created_at: Date | string;
  updated_at: Date | string;
};

export function toEngagement(r: EngagementRow): Engagement {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    solutionArea: r.solution_area,
    availability: r.availability,
    description: r.description,
    partnerCriteria: r.partner_criteria ?? {},
    customerCriteria: r.customer_criteria ?? [],
    poeRequirements: poeRequirementsOf(r.poe_requirements),
    windows: {
      consentDays: r.consent_window_days,
      claimDays: r.claim_window_days,
      reviewDays: r.review_window_days,
      disputeDays: r.dispute_window_days,
    },
    reminderDays: r.reminder_days,
    currency: r.currency,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}

/** The columns of the editable fields (JSON ones are written as text). */
function toColumns(fields: Partial<EngagementFields>): Updateable<EngagementsTable> {
  const json = (value: unknown) => (value === undefined ? undefined : JSON.stringify(value));
  const columns: Updateable<EngagementsTable> = {
    name: fields.name,
    description: fields.description,
    solution_area: fields.solutionArea,
    availability: fields.availability,
    consent_window_days: fields.consentWindowDays,
    claim_window_days: fields.claimWindowDays,
    review_window_days: fields.reviewWindowDays,
    dispute_window_days: fields.disputeWindowDays,
    reminder_days: fields.reminderDays,
    partner_criteria: json(fields.partnerCriteria),
    customer_criteria: json(fields.customerCriteria),
    poe_requirements: json(fields.poeRequirements),
    currency: fields.currency,
  };
  return Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined));
}

export function engagementRepository(db: Q): EngagementRepository {
  const ratesOf = async (ids: readonly string[]) => {
    const byEngagement = new Map<string, { market: Market; amountMinor: number }[]>();
    if (ids.length === 0) return byEngagement;
    const rows = await db
      .selectFrom('engagement_rates')
      .select(['engagement_id', 'market', 'amount_minor'])
      .where('engagement_id', 'in', [...ids])
      .orderBy('market')
      .execute();
    for (const r of rows) {
      const rates = byEngagement.get(r.engagement_id) ?? [];
      rates.push({ market: r.market, amountMinor: Number(r.amount_minor) });
      byEngagement.set(r.engagement_id, rates);
    }
    return byEngagement;
  };

  return {
    async list(filters) {
      if (filters.ids && filters.ids.length === 0) return [];
      let q = db.selectFrom('engagements').selectAll();
      if (filters.ids) q = q.where('id', 'in', [...filters.ids]);
      if (filters.solutionArea) q = q.where('solution_area', '=', filters.solutionArea);
      if (filters.availability) q = q.where('availability', '=', filters.availability);
      if (filters.kind) q = q.where('kind', '=', filters.kind);
      return (await q.orderBy('name').orderBy('id').execute()).map(toEngagement);
    },

    async get(id) {
      const row = await db.selectFrom('engagements').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toEngagement(row) : undefined;
    },

    async rates(id) {
      return (await ratesOf([id])).get(id) ?? [];
    },

    ratesOf,

    async lock(id) {
      const row = await db
        .selectFrom('engagements')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return row ? toEngagement(row) : undefined;
    },

    async create(engagement) {
      const created = await db
        .insertInto('engagements')
        .values({
          ...toColumns(engagement),
          id: engagement.id,
          code: engagement.code,
          kind: engagement.kind,
          name: engagement.name,
          solution_area: engagement.solutionArea,
          availability: engagement.availability,
          partner_criteria: JSON.stringify(engagement.partnerCriteria),
          customer_criteria: JSON.stringify(engagement.customerCriteria),
          poe_requirements: JSON.stringify(engagement.poeRequirements),
          created_at: engagement.createdAt,
          updated_at: engagement.createdAt,
        })
        // A taken code is an answer, not an error: the transaction stays usable.
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('id')
        .executeTakeFirst();
      return created !== undefined;
    },

    async update(id, changes, at) {
      await db
        .updateTable('engagements')
        .set({ ...toColumns(changes), updated_at: at })
        .where('id', '=', id)
        .execute();
    },

    async setRates(id, rates) {
      for (const market of MARKETS) {
        const amount = rates[market];
        if (amount === undefined) continue;
        if (amount === null)
          await db
            .deleteFrom('engagement_rates')
            .where('engagement_id', '=', id)
            .where('market', '=', market)
            .execute();
        else
          await db
            .insertInto('engagement_rates')
            .values({ engagement_id: id, market, amount_minor: amount })
            .onConflict((oc) => oc.columns(['engagement_id', 'market']).doUpdateSet({ amount_minor: amount }))
            .execute();
      }
    },

    async partnersWithRowsOrRecords(engagementId) {
      const rows = await db
        .selectFrom('customer_rows')
        .select('partner_id')
        .where('engagement_id', '=', engagementId)
        .union(db.selectFrom('nominations').select('partner_id'))
        .execute();
      return rows.map((r) => r.partner_id).sort();
    },
  };
}
