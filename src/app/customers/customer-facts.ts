import {
  type CustomerCriterion,
  customerEligibility,
  ineligibleReason,
  type PartnerCriteria,
  partnerEligibility,
} from '../../domain/eligibility.ts';
import { CONSENTED_STATUSES, LIVE_STATUSES } from '../../domain/lifecycle-sets.ts';
import type { Trx } from '../ports.ts';

// What decides whether a location may add or claim a customer on each workshop (R9, R15, §6), read
// from the base tables so that the check at write time never trusts a derived view.

export interface WorkshopVerdict {
  engagementId: string;
  name: string;
  availability: string;
  locationReasons: ReturnType<typeof partnerEligibility>['reasons'];
  customerReason: ReturnType<typeof ineligibleReason>;
  /** R9: a live record of this partner exists for this customer and workshop. */
  hasLiveRecord: boolean;
  /** R9/R18: the partner already knows the customer (add is refused: use Claim customer). */
  known: boolean;
  windows: { consentDays: number };
}

export async function workshopVerdicts(
  trx: Trx,
  input: {
    partnerId: string;
    location: { id: string; country: string; designations: string[]; enrolled: boolean };
    tenantId: string;
    engagementIds?: string[];
  },
): Promise<WorkshopVerdict[]> {
  let engagements = trx
    .selectFrom('engagements')
    .select([
      'id',
      'name',
      'kind',
      'availability',
      'partner_criteria',
      'customer_criteria',
      'consent_window_days',
    ])
    .where('kind', '=', 'workshop');
  if (input.engagementIds) engagements = engagements.where('id', 'in', input.engagementIds);
  const workshops = await engagements.orderBy('name').execute();
  const tenant = await trx
    .selectFrom('tenants')
    .select(['country', 'segment', 'seats', 'products'])
    .where('id', '=', input.tenantId)
    .executeTakeFirstOrThrow();
  const records = await trx
    .selectFrom('nominations')
    .select(['partner_id', 'engagement_id', 'origin', 'status'])
    .where('tenant_id', '=', input.tenantId)
    .execute();
  const own = records.filter((r) => r.partner_id === input.partnerId);
  // R4/R18/R30: known through any record of the partner, except added ones that then ended without consent.
  const known = own.some(
    (r) => !(r.origin === 'add' && (r.status === 'consent_declined' || r.status === 'consent_expired')),
  );
  return workshops.map((w) => {
    const mine = own.filter((r) => r.engagement_id === w.id);
    const others = records.filter((r) => r.partner_id !== input.partnerId && r.engagement_id === w.id);
    const live = mine.some((r) => (LIVE_STATUSES as readonly string[]).includes(r.status));
    return {
      engagementId: w.id,
      name: w.name,
      availability: w.availability,
      locationReasons: partnerEligibility(
        {
          enrolled: input.location.enrolled,
          country: input.location.country,
          designations: input.location.designations,
        },
        {
          kind: w.kind,
          availability: w.availability,
          partnerCriteria: w.partner_criteria as unknown as PartnerCriteria,
        },
      ).reasons,
      customerReason: ineligibleReason({
        completedWithOtherPartner: others.some((r) => r.status === 'approved'),
        consentedToOtherPartner: others.some((r) =>
          (CONSENTED_STATUSES as readonly string[]).includes(r.status),
        ),
        customer: customerEligibility(tenant, w.customer_criteria as unknown as CustomerCriterion[]),
      }),
      hasLiveRecord: live,
      known,
      windows: { consentDays: w.consent_window_days },
    };
  });
}
