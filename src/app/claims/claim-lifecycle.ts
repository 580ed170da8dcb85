import type { DisputeBody, WorkshopClaim } from '../../contracts/claims.ts';
import { DomainError, errorFromRefusal } from '../../domain/errors.ts';
import { decide, type EventType } from '../../domain/lifecycle.ts';
import type { Actor } from '../../domain/policy.ts';
import { idempotent } from '../idempotency.ts';
import { applyEvent, type LockedNomination } from '../lifecycle/apply-event.ts';
import { type PartnerActor, partnerActor } from '../lifecycle/own-record.ts';
import type { AppContext } from '../ports.ts';
import type { Repositories } from '../store/index.ts';
import { ensureClaim, lockOwn, scopeOf } from './claim-access.ts';
import { missingItems, submitEventOf } from './claim-rules.ts';
import { claimView } from './claim-view.ts';

// Submit, cancel and dispute (S9, §4.4): status changes through applyEvent, each idempotent with an
// Idempotency-Key, answered with the claim as it is afterwards.

type Result = { status: number; body: WorkshopClaim; replayed: boolean };

/** One claim action of a partner user: idempotent, on the record locked in the partner's scope. */
async function claimAction(
  ctx: AppContext,
  actor: Actor,
  request: { op: string; nominationId: string; body?: unknown; idempotencyKey: string | undefined },
  act: (tx: Repositories, partner: PartnerActor, record: LockedNomination, now: Date) => Promise<void>,
): Promise<Result> {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  const { op, nominationId, body } = request;
  return idempotent<WorkshopClaim>(
    ctx.store,
    {
      scope: `partner:${partner.partnerId}`,
      key: request.idempotencyKey,
      fingerprintOf: body === undefined ? { op, nominationId } : { op, nominationId, body },
      now,
    },
    async (tx) => {
      const record = await lockOwn(tx, partner, nominationId, 'workshopClaim.submit');
      await act(tx, partner, record, now);
      return { status: 200, body: await claimView(tx, scopeOf(partner), record.id, now, 'partner') };
    },
  );
}

/** S9: only with every required POE item, and before the deadline (decide() rules on the deadline). */
export async function submitClaim(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  idempotencyKey: string | undefined,
): Promise<Result> {
  const request = { op: 'submitClaim', nominationId, idempotencyKey };
  return claimAction(ctx, actor, request, async (tx, partner, record, now) => {
    const event: EventType = submitEventOf(record.status);
    const decision = decide(record, { type: event }, now);
    if (!decision.ok) throw errorFromRefusal(decision.refusal, 'nominationId');
    const claim = await ensureClaim(tx, record, partner.userId, now);
    // A record's engagement always exists (foreign key).
    const { poeRequirements } = (await tx.engagements.get(record.engagementId))!;
    const missing = missingItems(poeRequirements, await tx.claims.completedItems(claim.id));
    if (missing.length > 0)
      throw new DomainError('ClaimIncomplete', {
        target: 'items',
        details: missing.map((kind) => ({ code: 'ClaimIncomplete', target: kind, params: { kind } })),
      });
    await applyEvent(tx, ctx, record, event, { kind: 'partnerUser', id: partner.userId }, now, {
      auditData: { claimId: claim.id },
    });
  });
}

/** §4.4: any time before the first submit (the table allows it only from `active`, before claimDueAt). */
export async function cancelClaim(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  idempotencyKey: string | undefined,
): Promise<Result> {
  const request = { op: 'cancelClaim', nominationId, idempotencyKey };
  return claimAction(ctx, actor, request, async (tx, partner, record, now) => {
    await applyEvent(tx, ctx, record, 'cancelClaim', { kind: 'partnerUser', id: partner.userId }, now, {
      target: 'nominationId',
    });
  });
}

/** §4.4: once, within the dispute window after a rejection; the justification goes to the history. */
export async function disputeClaim(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  body: DisputeBody,
  idempotencyKey: string | undefined,
): Promise<Result> {
  const request = { op: 'disputeClaim', nominationId, body, idempotencyKey };
  return claimAction(ctx, actor, request, async (tx, partner, record, now) => {
    await applyEvent(tx, ctx, record, 'dispute', { kind: 'partnerUser', id: partner.userId }, now, {
      auditData: { justification: body.justification },
      target: 'nominationId',
    });
  });
}
