import type { FileKind, WorkshopClaim } from '../../contracts/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/policy.ts';
import { audit } from '../audit.ts';
import { partnerActor } from '../lifecycle/own-record.ts';
import type { AppContext, FileStore } from '../ports.ts';
import { assertEditable, completeItem, ensureClaim, lockOwn, verifyReader } from './claim-access.ts';
import { claimView } from './claim-view.ts';
import { checkedUpload, type UploadMeta, uploadRule } from './uploads.ts';

// Proof-of-execution files (S1, S2): checked before the body is read, streamed into the FileStore.

// ── Files (S1, S2) ─────────────────────────────────────────────────────────────────────────────

function fileStore(ctx: AppContext): FileStore {
  if (!ctx.files) throw new Error('no file store configured (AppContext.files)');
  return ctx.files;
}

/**
 * Whether `actor` may upload a file to this record's claim now: the same 404 / 403 / 409 / 410 as the
 * upload itself. The route asks before any byte of the body is read (src/http/auth.ts).
 */
export async function checkUploadAllowed(ctx: AppContext, actor: Actor, nominationId: string): Promise<void> {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const record = await lockOwn(ctx.store.within(trx), partner, nominationId, 'workshopClaim.edit');
    assertEditable(record, now);
  });
}

/**
 * Streams one POE upload into the file store (S1, S2). The route has already refused a wrong type or a
 * too large Content-Length before any byte was read; here access and state are checked before the
 * body is read, the first bytes must match the declared type, and the store aborts past the limit.
 * The blob is stored before the transaction (a long upload never holds a database lock); a blob whose
 * transaction then fails is an unreferenced, content-addressed file and harms nothing.
 */
export async function uploadClaimFile(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  kind: FileKind,
  meta: UploadMeta,
  body: AsyncIterable<Uint8Array> | NodeJS.ReadableStream,
): Promise<WorkshopClaim> {
  const partner = partnerActor(actor);
  const rule = uploadRule(kind, meta);
  await checkUploadAllowed(ctx, actor, nominationId);
  const stored = await fileStore(ctx).put(checkedUpload(body, rule), rule.maxBytes);
  return ctx.db.transaction().execute(async (trx) => {
    const at = ctx.clock.now();
    const record = await lockOwn(ctx.store.within(trx), partner, nominationId, 'workshopClaim.edit');
    assertEditable(record, at);
    const claim = await ensureClaim(ctx.store.within(trx), record, partner.userId, at);
    await trx
      .insertInto('files')
      .values({
        sha256: stored.sha256,
        size_bytes: stored.sizeBytes,
        content_type: rule.contentType,
        created_at: at,
      })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    await completeItem(trx, claim.id, kind, partner.userId, at, {
      sha256: stored.sha256,
      name: meta.fileName,
    });
    await audit(trx, {
      actor: { kind: 'partnerUser', id: partner.userId },
      action: 'completePoeItem',
      at,
      partnerId: record.partnerId,
      nominationId: record.id,
      claimId: claim.id,
      data: { kind, fileName: meta.fileName, sizeBytes: stored.sizeBytes },
    });
    return claimView(trx, record.id, at, 'partner');
  });
}

export interface Download {
  stream: NodeJS.ReadableStream;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

/** A POE file, for the owning partner's users and for program operators; anyone else gets 404. */
export async function downloadClaimFile(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  kind: FileKind,
): Promise<Download> {
  await verifyReader(ctx.db, actor, nominationId);
  const item = await ctx.db
    .selectFrom('workshop_claims as c')
    .innerJoin('poe_items as i', 'i.claim_id', 'c.id')
    .innerJoin('files as f', 'f.sha256', 'i.file_sha256')
    .select(['i.file_name', 'f.sha256', 'f.content_type', 'f.size_bytes'])
    .where('c.nomination_id', '=', nominationId)
    .where('i.kind', '=', kind)
    .where('i.completed_at', 'is not', null)
    .executeTakeFirst();
  if (!item) throw new DomainError('NotFound', { target: 'kind' });
  const stream = await fileStore(ctx).get(item.sha256);
  if (!stream) throw new DomainError('NotFound', { target: 'kind' });
  return {
    stream,
    fileName: item.file_name ?? `${kind}`,
    contentType: item.content_type,
    sizeBytes: Number(item.size_bytes),
  };
}
