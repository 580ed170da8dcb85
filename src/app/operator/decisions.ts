import type { ReviewDecisionRequest, ReviewDecisionResult } from '../../contracts/operator.ts';
import { DomainError } from '../../domain/errors.ts';
import { TRANSITIONS } from '../../domain/lifecycle.ts';
import type { Actor } from '../../domain/policy.ts';
import { idempotent } from '../idempotency.ts';
import { newId } from '../ids.ts';
import { applyEvent } from '../lifecycle/apply-event.ts';
import type { AppContext } from '../ports.ts';
import type { Repositories } from '../store/index.ts';
import { OPERATOR_SCOPE } from '../store/scope.ts';
import { auditActor, requireOperator } from './access.ts';
import { operatorClaimDetail } from './claim-detail.ts';

// The operator's review decision (spec §4.4, §5, issue 6): approve, reject (with a reason) or request
// more information (with a comment that goes to the partner by email and in the app). A decision on a
// claim that is submitted or disputed first starts the review, in the same transaction; every status
// change goes through the lifecycle table (applyEvent: deadline checks, audit, notices, read model).

/** The statuses a review starts from (a submission or a dispute): its first decision starts it. */
const REVIEW_STARTS_FROM = TRANSITIONS.find((row) => row.event === 'startReview')!.from;

const lockRecord = async (tx: Repositories, nominationId: string) => {
  const record = await tx.nominations.lock(OPERATOR_SCOPE, nominationId);
  if (!record) throw new DomainError('NotFound', { target: 'nominationId' });
  return record;
};

export async function decideClaim(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  body: ReviewDecisionRequest,
  idempotencyKey: string | undefined,
) {
  const operator = requireOperator(actor, 'operator.review');
  const now = ctx.clock.now();
  const who = auditActor(operator);
  return idempotent<ReviewDecisionResult>(
    ctx.store,
    { scope: `operator:${operator.userId}`, key: idempotencyKey, fingerprintOf: { nominationId, body }, now },
    async (tx) => {
      let record = await lockRecord(tx, nominationId);
      const claim = await tx.claims.claimOf(OPERATOR_SCOPE, record.id);
      if (!claim) throw new DomainError('NotFound', { target: 'nominationId' });
      const from = record.status;
      const comment = body.comment?.trim() ? body.comment.trim() : '';

      // §4.4: the review of a submission (or of a dispute) starts with the first decision on it.
      if (REVIEW_STARTS_FROM.includes(record.status)) {
        await applyEvent(tx, ctx, record, 'startReview', who, now, { target: 'nominationId' });
        record = await lockRecord(tx, nominationId);
      }
      const decisionId = newId();
      await applyEvent(tx, ctx, record, body.decision, who, now, {
        target: 'decision',
        auditData: { decisionId, ...(comment ? { comment } : {}) },
        // The partner's notice carries the reviewer's words for "action required" and rejections.
        ...(body.decision !== 'approve' ? { noticeParams: { comment } } : {}),
      });
      await tx.claims.recordDecision({
        id: decisionId,
        claimId: claim.id,
        operatorId: operator.userId,
        decision: body.decision,
        comment,
        at: now,
      });
      // §4.4: the payout was copied to the record when consent was received; one without it gets it now.
      if (body.decision === 'approve') await tx.claims.fixMissingPayout(record.id);
      const detail = await operatorClaimDetail(tx, record.id, now);
      return {
        status: 200,
        body: { decisionId, decision: body.decision, fromStatus: from, status: detail.status, claim: detail },
      };
    },
  );
}
