import type { OperatorClaimDetail } from '../../contracts/operator.ts';
import { DomainError } from '../../domain/errors.ts';
import { effectiveStatus } from '../../domain/lifecycle.ts';
import { AWAITING_OPERATOR, isInReview } from '../../domain/lifecycle-sets.ts';
import type { Actor } from '../../domain/policy.ts';
import { daysLeft, isOpen } from '../../domain/time.ts';
import { loadClaim } from '../claims/claim-view.ts';
import { deriveClaimView } from '../claims/derive-claim.ts';
import type { HistoryEntry } from '../store/audit.ts';
import type { ClaimFacts, FileItemKind } from '../store/claims.ts';
import type { Repositories } from '../store/index.ts';
import { OPERATOR_SCOPE } from '../store/scope.ts';
import { requireOperator } from './access.ts';

// The claim as the operator reviews it (spec §4.4, §4.5): everything the partner sees, from the one
// claim view (deriveClaimView, operator audience: POE items with their files, both surveys' answers,
// comments, contacts, payout, history with the names of both sides), plus the previous decisions with
// the operator who took them, the file downloads and the decisions possible now. Load → derive: the
// derivation is a pure function of the facts and `now` (test/unit/operator/claim-detail.test.ts).

const DECISIONS = ['approve', 'reject', 'requestInfo'] as const;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const fileHref = (nominationId: string, kind: FileItemKind) =>
  `/api/v1/operator/claims/${nominationId}/files/${kind}`;

export async function getOperatorClaim(tx: Repositories, actor: Actor, nominationId: string, now: Date) {
  requireOperator(actor, 'operator.review');
  return operatorClaimDetail(tx, nominationId, now);
}

/** The detail of one claim; NotFound when the record has no workshop claim (nothing to review). */
export async function operatorClaimDetail(
  tx: Repositories,
  nominationId: string,
  now: Date,
): Promise<OperatorClaimDetail> {
  const { facts, history } = await loadClaim(tx, OPERATOR_SCOPE, nominationId);
  if (!facts.claim) throw new DomainError('NotFound', { target: 'nominationId' });
  return deriveOperatorClaim(facts, history, now);
}

/** What the operator sees of a claim at `now`. */
export function deriveOperatorClaim(
  facts: ClaimFacts,
  history: readonly HistoryEntry[],
  now: Date,
): OperatorClaimDetail {
  const view = deriveClaimView(facts, history, now, 'operator');
  const { record } = facts;
  const status = effectiveStatus(record.status, now, record);
  // A decision needs a claim awaiting the operator and an open review window (§4.4).
  const decidable =
    AWAITING_OPERATOR.includes(record.status) &&
    record.reviewDueAt !== null &&
    isOpen(record.reviewDueAt, now);
  const fileOf = (kind: FileItemKind) =>
    view.items.some((i) => i.kind === kind && i.file !== null) ? fileHref(record.id, kind) : null;
  return {
    ...view,
    storedStatus: record.status,
    location: { ...facts.location },
    customer: { ...facts.customer },
    rejectedAt: iso(record.rejectedAt),
    endedAt: iso(facts.endedAt),
    reviewDaysLeft: isInReview(status) && record.reviewDueAt ? daysLeft(record.reviewDueAt, now) : null,
    disputed: record.disputedAt !== null,
    decisions: facts.decisions.map((d) => ({
      id: d.id,
      decision: d.decision,
      comment: d.comment,
      at: d.at.toISOString(),
      operator: { ...d.operator },
    })),
    files: { findingsReport: fileOf('findingsReport'), invoice: fileOf('invoice') },
    allowedDecisions: decidable ? [...DECISIONS] : [],
  };
}
