import { engagementsApi } from '../../../api/engagements.ts';
import type { EngagementDetail } from '../../../api/types.ts';
import type { Workshop } from './wizardState.ts';

/**
 * Claim (R20): the active workshops where the chosen location is eligible, this one first. The
 * customer's own eligibility is checked by the server when the claim is made (CustomerNotEligible).
 */
export async function claimWorkshops(engagementId: string, locationId: string): Promise<Workshop[]> {
  const list = await engagementsApi.list({ kind: 'workshop', availability: 'active' });
  const others = list.value.filter((e) => e.id !== engagementId && e.hasCustomersPage);
  const details: EngagementDetail[] = await Promise.all([
    engagementsApi.get(engagementId),
    ...others.map((e) => engagementsApi.get(e.id)),
  ]);
  return details.flatMap((d) => {
    const l = d.locations.find((x) => x.locationId === locationId);
    if (!l) return [];
    const eligible = l.enrolled && l.eligible;
    return [
      {
        engagementId: d.id,
        name: d.name,
        selectable: eligible,
        reasons: eligible ? [] : l.reasons.map((r) => ({ code: r.code, message: r.message })),
      },
    ];
  });
}
