import { sql } from 'kysely';
import type { ReviewDecisionRequest, ReviewDecisionResult } from '../../contracts/operator.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/policy.ts';
import { idempotent } from '../idempotency.ts';
import { newId } from '../ids.ts';
import { applyEvent, lockNomination } from '../lifecycle/apply-event.ts';
import type { AppContext } from '../ports.ts';
import { auditActor, requireOperator } from './access.ts';
import { operatorClaimDetail } from './claim-detail.ts';

// The operator's review decision (spec §4.4, §5, issue 6): approve, reject (with a reason) or request
// more information (with a comment that goes to the partner by email and in the app). A decision on a
// claim that is submitted or disputed first starts the review, in the same transaction; every status
// change goes through the lifecycle table (applyEvent: deadline checks, audit, notices, read model).

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
      const trx = tx.legacyDb;
      let record = await lockNomination(ctx.store.within(trx), nominationId);
      if (!record) throw new DomainError('NotFound', { target: 'nominationId' });
      const claim = await trx
        .selectFrom('workshop_claims')
        .select('id')
        .where('nomination_id', '=', record.id)
        .executeTakeFirst();
      if (!claim) throw new DomainError('NotFound', { target: 'nominationId' });
      const from = record.status;
      const comment = body.comment?.trim() ? body.comment.trim() : '';

      // §4.4: the review of a submission (or of a dispute) starts with the first decision on it.
      if (record.status === 'claim_submitted' || record.status === 'disputed') {
        await applyEvent(ctx.store.within(trx), ctx, record, 'startReview', who, now, {
          target: 'nominationId',
        });
        record = (await lockNomination(ctx.store.within(trx), nominationId))!;
      }
      const decisionId = newId();
      await applyEvent(ctx.store.within(trx), ctx, record, body.decision, who, now, {
        target: 'decision',
        auditData: { decisionId, ...(comment ? { comment } : {}) },
        // The partner's notice carries the reviewer's words for "action required" and rejections.
        ...(body.decision !== 'approve' ? { noticeParams: { comment } } : {}),
      });
      await trx
        .insertInto('review_decisions')
        .values({
          id: decisionId,
          claim_id: claim.id,
          operator_id: operator.userId,
          decision: body.decision,
          comment,
          created_at: now,
        })
        .execute();
      if (body.decision === 'approve') {
        // §4.4: the payout is the rate of the customer's market, taken at the consent date. It was
        // copied to the record when consent was received; a record without it gets it now.
        await sql`
          update nominations n
             set payout_market = m.market, payout_amount_minor = r.amount_minor, payout_currency = e.currency
            from tenants t, markets m, engagement_rates r, engagements e
           where n.id = ${record.id} and n.payout_amount_minor is null
             and t.id = n.tenant_id and m.country = t.country
             and e.id = n.engagement_id and r.engagement_id = e.id and r.market = m.market`.execute(trx);
      }
      const detail = await operatorClaimDetail(trx, record.id, now);
      return {
        status: 200,
        body: { decisionId, decision: body.decision, fromStatus: from, status: detail.status, claim: detail },
      };
    },
  );
}
