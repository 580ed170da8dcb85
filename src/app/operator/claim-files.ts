import type { Actor } from '../../domain/policy.ts';
import { openFile } from '../claims/claim-files.ts';
import type { AppContext } from '../ports.ts';
import type { FileItemKind } from '../store/claims.ts';
import { OPERATOR_SCOPE } from '../store/scope.ts';
import { requireOperator } from './access.ts';

// The operator's download of a proof-of-execution file (issue 6: downloadable by the partner and the
// operator only). The bytes come from the FileStore port by SHA-256; a file the store does not have
// (or no store at all) is the same 404 as a missing item.

export async function openClaimFile(ctx: AppContext, actor: Actor, nominationId: string, kind: FileItemKind) {
  requireOperator(actor, 'operator.review');
  return openFile(ctx, OPERATOR_SCOPE, nominationId, kind);
}
