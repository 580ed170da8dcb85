import type { DisputeBody, PoeKind, WorkshopClaim } from '../../contracts/claims.ts';
import { DomainError, errorFromRefusal } from '../../domain/errors.ts';
import { decide } from '../../domain/lifecycle.ts';
import type { Actor } from '../../domain/policy.ts';
import { idempotent } from '../idempotency.ts';
import { applyEvent } from '../lifecycle/apply-event.ts';
import { partnerActor } from '../lifecycle/own-record.ts';
import type { AppContext } from '../ports.ts';
import { ensureClaim, lockOwn } from './claim-access.ts';
import { claimView, loadClaimRecord, requirementsOf, submitEventOf } from './claim-view.ts';

// Submit, cancel and dispute (S9, §4.4): status changes through applyEvent.

// ── Lifecycle: submit, cancel, dispute (S9, §4.4) ─────────────────────────────────────────────

type Result = { status: number; body: WorkshopClaim; replayed: boolean };

/** S9: only with every required POE item, and before the deadline (decide() rules on the deadline). */
export async function submitClaim(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  idempotencyKey: string | undefined,
): Promise<Result> {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  return idempotent<WorkshopClaim>(
    ctx.store,
    {
      scope: `partner:${partner.partnerId}`,
      key: idempotencyKey,
      fingerprintOf: { op: 'submitClaim', nominationId },
      now,
    },
    async (tx) => {
      const trx = tx.legacyDb;
      const record = await lockOwn(ctx.store.within(trx), partner, nominationId, 'workshopClaim.submit');
      const event = submitEventOf(record.status);
      const decision = decide(record, { type: event }, now);
      if (!decision.ok) throw errorFromRefusal(decision.refusal, 'nominationId');
      const claim = await ensureClaim(ctx.store.within(trx), record, partner.userId, now);
      const r = await loadClaimRecord(trx, record.id);
      const required = requirementsOf(r!.poe_requirements);
      const done = await trx
        .selectFrom('poe_items')
        .select('kind')
        .where('claim_id', '=', claim.id)
        .where('completed_at', 'is not', null)
        .execute();
      const missing = (Object.keys(required) as PoeKind[]).filter(
        (kind) => required[kind] && !done.some((d) => d.kind === kind),
      );
      if (missing.length > 0)
        throw new DomainError('ClaimIncomplete', {
          target: 'items',
          details: missing.map((kind) => ({ code: 'ClaimIncomplete', target: kind, params: { kind } })),
        });
      await applyEvent(
        ctx.store.within(trx),
        ctx,
        record,
        event,
        { kind: 'partnerUser', id: partner.userId },
        now,
        {
          auditData: { claimId: claim.id },
        },
      );
      return { status: 200, body: await claimView(trx, record.id, now, 'partner') };
    },
  );
}

/** §4.4: any time before the first submit (the table allows it only from `active`, before claimDueAt). */
export async function cancelClaim(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  idempotencyKey: string | undefined,
): Promise<Result> {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  return idempotent<WorkshopClaim>(
    ctx.store,
    {
      scope: `partner:${partner.partnerId}`,
      key: idempotencyKey,
      fingerprintOf: { op: 'cancelClaim', nominationId },
      now,
    },
    async (tx) => {
      const trx = tx.legacyDb;
      const record = await lockOwn(ctx.store.within(trx), partner, nominationId, 'workshopClaim.submit');
      await applyEvent(
        ctx.store.within(trx),
        ctx,
        record,
        'cancelClaim',
        { kind: 'partnerUser', id: partner.userId },
        now,
        {
          target: 'nominationId',
        },
      );
      return { status: 200, body: await claimView(trx, record.id, now, 'partner') };
    },
  );
}

/** §4.4: once, within the dispute window after a rejection; the justification goes to the history. */
export async function disputeClaim(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  body: DisputeBody,
  idempotencyKey: string | undefined,
): Promise<Result> {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  return idempotent<WorkshopClaim>(
    ctx.store,
    {
      scope: `partner:${partner.partnerId}`,
      key: idempotencyKey,
      fingerprintOf: { op: 'disputeClaim', nominationId, body },
      now,
    },
    async (tx) => {
      const trx = tx.legacyDb;
      const record = await lockOwn(ctx.store.within(trx), partner, nominationId, 'workshopClaim.submit');
      await applyEvent(
        ctx.store.within(trx),
        ctx,
        record,
        'dispute',
        { kind: 'partnerUser', id: partner.userId },
        now,
        {
          auditData: { justification: body.justification },
          target: 'nominationId',
        },
      );
      return { status: 200, body: await claimView(trx, record.id, now, 'partner') };
    },
  );
}
