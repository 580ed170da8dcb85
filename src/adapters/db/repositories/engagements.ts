import type { Selectable } from 'kysely';
import type { Engagement, EngagementRepository } from '../../../app/store/engagements.ts';
import type { EngagementsTable } from '../schema.ts';
import type { Q } from './db.ts';

/** The one mapping from an engagements row to the catalogue's engagement. */
// Only the catalogue's own fields (also read as JSON, where timestamps are strings).
export function toEngagement(r: Omit<Selectable<EngagementsTable>, 'created_at' | 'updated_at'>): Engagement {
  const poe = r.poe_requirements ?? {};
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
    poeRequirements: {
      findingsReport: poe.findingsReport !== false,
      invoice: poe.invoice !== false,
      partnerSurvey: poe.partnerSurvey !== false,
      customerSurvey: poe.customerSurvey !== false,
    },
    windows: {
      consentDays: r.consent_window_days,
      claimDays: r.claim_window_days,
      reviewDays: r.review_window_days,
      disputeDays: r.dispute_window_days,
    },
    reminderDays: r.reminder_days,
    currency: r.currency,
  };
}

export function engagementRepository(db: Q): EngagementRepository {
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
      const rows = await db
        .selectFrom('engagement_rates')
        .select(['market', 'amount_minor'])
        .where('engagement_id', '=', id)
        .orderBy('market')
        .execute();
      return rows.map((r) => ({ market: r.market, amountMinor: Number(r.amount_minor) }));
    },
  };
}
