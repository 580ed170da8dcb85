import { type ClaimAction, POE_KINDS } from '../../contracts/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import { decide, type EventType, type NominationRecord, TRANSITIONS } from '../../domain/lifecycle.ts';
import type { NominationStatus } from '../../domain/status.ts';
import type { PoeItemKind } from '../store/engagements.ts';

// What a partner may do with a claim now (spec §4.4, S1–S9), asked of the lifecycle table: pure rules
// shared by the claim view and the claim use cases.

/** The partner's submissions (first submit from active, resubmit after "action required"), from the table. */
const SUBMISSIONS = TRANSITIONS.filter(
  (row) => row.by === 'partner' && row.to === TRANSITIONS.find((r) => r.event === 'submitClaim')!.to,
);
const submissionFrom = (status: NominationStatus) => SUBMISSIONS.find((row) => row.from.includes(status));

/** The event a submission from this status is (a first submission unless the table says otherwise). */
export function submitEventOf(status: NominationStatus): EventType {
  return submissionFrom(status)?.event ?? 'submitClaim';
}

/** The deadline the claim's submission (and with it its edits and surveys) must meet now. */
export function submitDueAt(record: NominationRecord): Date | null {
  return record[submissionFrom(record.status)?.deadline ?? 'claimDueAt'] ?? null;
}

/**
 * Why the claim's fields, files and surveys may not change now, or null when they may: editing is
 * possible exactly when the submission event would be (active before claimDueAt, action_required
 * before reviewDueAt, the bound of a resubmission).
 */
export function editRefusal(record: NominationRecord, now: Date): DomainError | null {
  if (!submissionFrom(record.status))
    return new DomainError('InvalidTransition', {
      target: 'nominationId',
      params: { from: record.status, event: 'editClaim' },
    });
  const decision = decide(record, { type: submitEventOf(record.status) }, now);
  if (decision.ok) return null;
  const deadline = decision.refusal.deadline;
  return new DomainError(
    decision.refusal.code === 'DeadlinePassed' ? 'DeadlinePassed' : 'InvalidTransition',
    {
      target: 'nominationId',
      params: { from: record.status, event: 'editClaim', ...(deadline ? { deadline } : {}) },
    },
  );
}

export function allowedActions(record: NominationRecord, now: Date): ClaimAction[] {
  const actions: ClaimAction[] = [];
  const ok = (event: EventType) => decide(record, { type: event }, now).ok;
  if (editRefusal(record, now) === null) actions.push('edit');
  if (ok(submitEventOf(record.status))) actions.push('submit');
  if (ok('cancelClaim')) actions.push('cancel');
  if (ok('dispute')) actions.push('dispute');
  return actions;
}

/** S9: the required POE items not done yet, in the checklist's order. */
export function missingItems(
  required: Readonly<Record<PoeItemKind, boolean>>,
  done: readonly PoeItemKind[],
): PoeItemKind[] {
  return POE_KINDS.filter((kind) => required[kind] && !done.includes(kind));
}

/** The ETag of a claim: its version (0 before the claim row exists). */
export function claimEtag(version: number): string {
  return `W/"${version}"`;
}

/** Does an If-Match header name this version? (weak or strong form of the same tag, or `*`) */
export function ifMatches(ifMatch: string, version: number): boolean {
  const wanted = claimEtag(version).replace(/^W\//, '');
  return ifMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === wanted || t === '*');
}
