import type { WorkshopClaim } from '../../contracts/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import type { HistoryEntry } from '../store/audit.ts';
import type { ClaimFacts } from '../store/claims.ts';
import type { Repositories } from '../store/index.ts';
import type { Scope } from '../store/scope.ts';
import { type ClaimAudience, deriveClaimView } from './derive-claim.ts';

// The one read of a workshop claim, for the partner and the program operator (ADR 0011): the
// repositories load the facts, deriveClaimView says what they mean at `now`. Neither checks access:
// the caller has (partner scope and policy, or the operator role). The claim row is created lazily by
// the first write (claim-access.ts); before that the view shows the empty checklist and the contacts
// the consent request carried.

/** What a claim view is derived from; NotFound for a record outside the scope (or none at all). */
export async function loadClaim(
  tx: Repositories,
  scope: Scope,
  nominationId: string,
): Promise<{ facts: ClaimFacts; history: HistoryEntry[] }> {
  const facts = await tx.claims.facts(scope, nominationId);
  if (!facts) throw new DomainError('NotFound', { target: 'nominationId' });
  return { facts, history: await tx.audit.historyOf(nominationId) };
}

export async function claimView(
  tx: Repositories,
  scope: Scope,
  nominationId: string,
  now: Date,
  audience: ClaimAudience,
): Promise<WorkshopClaim> {
  const { facts, history } = await loadClaim(tx, scope, nominationId);
  return deriveClaimView(facts, history, now, audience);
}
