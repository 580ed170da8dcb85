import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/policy.ts';
import type { AppContext } from '../ports.ts';
import { requireOperator } from './access.ts';

// The operator's download of a proof-of-execution file (issue 6: downloadable by the partner and the
// operator only). The bytes come from the FileStore port by SHA-256; a file the store does not have
// (or no store at all) is the same 404 as a missing item.

export async function openClaimFile(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  kind: 'findingsReport' | 'invoice',
) {
  requireOperator(actor, 'operator.review');
  const item = await ctx.db
    .selectFrom('workshop_claims as c')
    .innerJoin('poe_items as i', 'i.claim_id', 'c.id')
    .leftJoin('files as f', 'f.sha256', 'i.file_sha256')
    .select(['i.file_sha256', 'i.file_name', 'f.content_type', 'f.size_bytes'])
    .where('c.nomination_id', '=', nominationId)
    .where('i.kind', '=', kind)
    .where('i.completed_at', 'is not', null)
    .executeTakeFirst();
  if (!item?.file_sha256 || !ctx.files) throw new DomainError('NotFound', { target: 'kind' });
  const stream = await ctx.files.get(item.file_sha256);
  if (!stream) throw new DomainError('NotFound', { target: 'kind' });
  return {
    stream,
    sha256: item.file_sha256,
    fileName: item.file_name ?? `${kind}`,
    contentType: item.content_type ?? 'application/octet-stream',
    sizeBytes: item.size_bytes === null || item.size_bytes === undefined ? null : Number(item.size_bytes),
  };
}
