import {
  customerEligibility,
  ineligibleReason,
  type PartnerIneligibility,
  partnerEligibility,
} from '../../domain/eligibility.ts';
import type { Windows } from '../../domain/lifecycle.ts';
import { COMPLETED_STATUS, holdsConsent, isLive, makesCustomerKnown } from '../../domain/lifecycle-sets.ts';
import type { CustomerFacts } from '../store/customer-rows.ts';
import type { Repositories } from '../store/index.ts';
import type { PartnerScope } from '../store/scope.ts';
import type { Location } from '../store/users.ts';

// What decides whether a location may add or claim a customer on each workshop (R9, R15, §6), read
// from the base tables so that the check at write time never trusts a derived view.

export interface WorkshopVerdict {
  engagementId: string;
  name: string;
  availability: string;
  locationReasons: PartnerIneligibility[];
  customerReason: ReturnType<typeof ineligibleReason>;
  /** R9: a live record of this partner exists for this customer and workshop. */
  hasLiveRecord: boolean;
  /** R9/R18: the partner already knows the customer (add is refused: use Claim customer). */
  known: boolean;
  /** The windows a new record's deadlines are granted from: the engagement's own (§5). */
  windows: Windows;
}

/** The verdicts of a lookup: the customer's facts in one statement, then `verdictsFrom`. */
export async function workshopVerdicts(
  tx: Repositories,
  input: { scope: PartnerScope; location: Location; tenantId: string },
): Promise<WorkshopVerdict[]> {
  const facts = await tx.customerRows.customerFacts(input.scope, input.location.id, input.tenantId);
  return verdictsFrom(facts, input);
}

/** R9, R15, §6 for every workshop (or these), from facts already loaded: no database. */
export function verdictsFrom(
  facts: CustomerFacts,
  input: { scope: PartnerScope; location: Location; engagementIds?: readonly string[] },
): WorkshopVerdict[] {
  const wanted = input.engagementIds ? new Set(input.engagementIds) : null;
  const workshops = wanted ? facts.workshops.filter((w) => wanted.has(w.id)) : facts.workshops;
  const records = facts.records;
  const tenant = facts.tenant;
  const own = records.filter((r) => r.partnerId === input.scope.partnerId);
  const known = own.some(makesCustomerKnown);
  return workshops.map((w) => {
    const others = records.filter((r) => r.partnerId !== input.scope.partnerId && r.engagementId === w.id);
    return {
      engagementId: w.id,
      name: w.name,
      availability: w.availability,
      locationReasons: partnerEligibility(input.location, w).reasons,
      customerReason: ineligibleReason({
        completedWithOtherPartner: others.some((r) => r.status === COMPLETED_STATUS),
        consentedToOtherPartner: others.some((r) => holdsConsent(r.status)),
        customer: tenant ? customerEligibility(tenant, w.customerCriteria) : { eligible: false, failed: [] },
      }),
      hasLiveRecord: own.some((r) => r.engagementId === w.id && isLive(r.status)),
      known,
      windows: w.windows,
    };
  });
}

/** R15: a workshop can be chosen for an add when nothing on either side stands in the way. */
export function selectableForAdd(v: WorkshopVerdict): boolean {
  return (
    v.availability === 'active' &&
    v.locationReasons.length === 0 &&
    v.customerReason === null &&
    !v.hasLiveRecord &&
    !v.known
  );
}
