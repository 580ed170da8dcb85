import { type CustomerCriterion, customerEligibility, ineligibleReason } from '../../domain/eligibility.ts';
import { COMPLETED_STATUS, deadlineOf, isLive, makesCustomerKnown } from '../../domain/lifecycle-sets.ts';
import { TAB_OF_STATUS } from '../../domain/status.ts';
import type { CustomerRow, OtherPartnerHold, PartnerRecord, TenantRowFacts } from '../store/customer-rows.ts';

// The Customers page's rows (R3–R8, §5), derived from what the base tables say, without a database:
// a pure function, tested on its own (test/unit/customers/derive-rows.test.ts).

const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');

const key = (engagementId: string, tenantId: string) => `${engagementId}|${tenantId}`;

/**
 * Which customers the partner's page shows and through which record: every customer the partner knows
 * (R4, R18, R30), and per workshop the live record, else a superseded one (Ineligible, R7).
 */
export function currentRecords(records: readonly PartnerRecord[]) {
  const known = new Set<string>();
  const current = new Map<string, PartnerRecord>();
  for (const r of records) {
    if (makesCustomerKnown(r)) known.add(r.tenantId);
    const k = key(r.engagementId, r.tenantId);
    const previous = current.get(k);
    if (isLive(r.status)) current.set(k, r);
    else if (r.status === 'superseded' && !(previous && isLive(previous.status))) current.set(k, r);
  }
  const tenantIds = [...new Set([...known, ...[...current.values()].map((r) => r.tenantId)])];
  return { known, current, tenantIds };
}

export interface DeriveInput {
  partnerId: string;
  workshops: readonly { id: string; customerCriteria: readonly CustomerCriterion[] }[];
  records: ReturnType<typeof currentRecords>;
  tenants: readonly TenantRowFacts[];
  holds: readonly OtherPartnerHold[];
  now: Date;
}

export function deriveCustomerRows(input: DeriveInput): CustomerRow[] {
  const { known, current, tenantIds } = input.records;
  const tenants = new Map(input.tenants.map((t) => [t.id, t]));
  const others = new Map<string, { consented: boolean; completed: boolean }>();
  for (const h of input.holds) {
    const entry = others.get(key(h.engagementId, h.tenantId)) ?? { consented: false, completed: false };
    entry.consented = true;
    entry.completed ||= h.status === COMPLETED_STATUS;
    others.set(key(h.engagementId, h.tenantId), entry);
  }
  const rows: CustomerRow[] = [];
  for (const workshop of input.workshops) {
    for (const tenantId of tenantIds) {
      const tenant = tenants.get(tenantId);
      if (!tenant) continue;
      const base = {
        partnerId: input.partnerId,
        engagementId: workshop.id,
        tenantId,
        name: tenant.name,
        tpid: tenant.tpid,
        domain: tenant.domain,
        refreshedAt: input.now,
      };
      const record = current.get(key(workshop.id, tenantId));
      if (record) {
        const tab = TAB_OF_STATUS[record.status];
        if (tab === 'hidden') continue;
        // The deadline the record counts down to is also the moment the row stops being true.
        const deadline = deadlineOf(record.status, record);
        rows.push({
          ...base,
          nominationId: record.id,
          locationId: record.locationId,
          tab,
          status: record.status,
          reason: record.status === 'superseded' ? 'consentedToOtherPartner' : null,
          failedCriteria: null,
          countdown: deadline?.kind ?? null,
          dueAt: deadline?.due ?? null,
          sortDue: deadline?.due ?? FAR_FUTURE,
          validUntil: deadline?.due ?? null,
          claimId: record.claimId,
          consentEmail: record.status === 'consent_pending' ? record.consentEmail : null,
        });
        continue;
      }
      if (!known.has(tenantId)) continue;
      const other = others.get(key(workshop.id, tenantId));
      const reason = ineligibleReason({
        completedWithOtherPartner: other?.completed ?? false,
        consentedToOtherPartner: other?.consented ?? false,
        customer: customerEligibility(tenant, [...workshop.customerCriteria]),
      });
      rows.push({
        ...base,
        nominationId: null,
        locationId: null,
        tab: reason ? 'ineligible' : 'eligible',
        status: 'candidate',
        reason: reason?.code ?? null,
        failedCriteria: reason?.code === 'criteriaNotMet' ? reason.failed : null,
        countdown: null,
        dueAt: null,
        sortDue: FAR_FUTURE,
        validUntil: null,
        claimId: null,
        consentEmail: null,
      });
    }
  }
  return rows;
}
