import type { OperatorClaimDetail } from '../../contracts/operator.ts';
import { DomainError } from '../../domain/errors.ts';
import { isInReview } from '../../domain/lifecycle-sets.ts';
import type { Actor } from '../../domain/policy.ts';
import { isNominationStatus, type NominationStatus } from '../../domain/status.ts';
import { daysLeft, isOpen } from '../../domain/time.ts';
import { claimView } from '../claims/claim-view.ts';
import type { Trx } from '../ports.ts';
import { requireOperator } from './access.ts';

// The claim as the operator reviews it (spec §4.4, §4.5): everything the partner sees, from the one
// claim view of the partner side (claimView, operator audience: POE items with their files, both
// surveys' answers, comments, contacts, payout, history with the names of both sides), plus the
// previous decisions with the operator who took them, the file downloads and the decisions possible now.

const DECIDABLE: readonly NominationStatus[] = ['claim_submitted', 'under_review', 'disputed'];

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const fileHref = (nominationId: string, kind: string) =>
  `/api/v1/operator/claims/${nominationId}/files/${kind}`;

export async function getOperatorClaim(trx: Trx, actor: Actor, nominationId: string, now: Date) {
  requireOperator(actor, 'operator.review');
  return operatorClaimDetail(trx, nominationId, now);
}

/** The detail of one claim; NotFound when the record has no workshop claim (nothing to review). */
export async function operatorClaimDetail(
  trx: Trx,
  nominationId: string,
  now: Date,
): Promise<OperatorClaimDetail> {
  const r = await trx
    .selectFrom('nominations as n')
    .innerJoin('workshop_claims as c', 'c.nomination_id', 'n.id')
    .innerJoin('locations as l', 'l.id', 'n.location_id')
    .innerJoin('tenants as t', 't.id', 'n.tenant_id')
    .select([
      'n.id',
      'n.status',
      'n.review_due_at',
      'n.rejected_at',
      'n.disputed_at',
      'n.ended_at',
      'c.id as claim_id',
      'l.id as location_id',
      'l.mpn_id',
      'l.name as location_name',
      'l.country as location_country',
      't.id as tenant_id',
      't.name as tenant_name',
      't.tpid',
      't.country as tenant_country',
    ])
    .where('n.id', '=', nominationId)
    .executeTakeFirst();
  if (!r) throw new DomainError('NotFound', { target: 'nominationId' });
  const view = await claimView(trx, nominationId, now, 'operator');
  const decisions = await trx
    .selectFrom('review_decisions as d')
    .leftJoin('users as u', 'u.id', 'd.operator_id')
    .select(['d.id', 'd.decision', 'd.comment', 'd.created_at', 'd.operator_id', 'u.display_name'])
    .where('d.claim_id', '=', r.claim_id)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();

  const stored = r.status as NominationStatus;
  const reviewOpen = r.review_due_at !== null && isOpen(r.review_due_at, now);
  const hasFile = (kind: 'findingsReport' | 'invoice') =>
    view.items.some((i) => i.kind === kind && i.file !== null);
  return {
    ...view,
    storedStatus: stored,
    location: { id: r.location_id, mpnId: r.mpn_id, name: r.location_name, country: r.location_country },
    customer: {
      tenantId: r.tenant_id,
      name: r.tenant_name,
      tpid: r.tpid === null ? null : Number(r.tpid),
      country: r.tenant_country,
    },
    rejectedAt: iso(r.rejected_at),
    endedAt: iso(r.ended_at),
    reviewDaysLeft:
      isNominationStatus(view.status) && isInReview(view.status) && r.review_due_at
        ? daysLeft(r.review_due_at, now)
        : null,
    disputed: r.disputed_at !== null,
    decisions: decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      comment: d.comment,
      at: d.created_at.toISOString(),
      operator: { id: d.operator_id, name: d.display_name ?? null },
    })),
    files: {
      findingsReport: hasFile('findingsReport') ? fileHref(r.id, 'findingsReport') : null,
      invoice: hasFile('invoice') ? fileHref(r.id, 'invoice') : null,
    },
    allowedDecisions: DECIDABLE.includes(stored) && reviewOpen ? ['approve', 'reject', 'requestInfo'] : [],
  };
}
