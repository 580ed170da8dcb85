import type { FileKind, WorkshopClaim } from '../../contracts/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/policy.ts';
import { partnerActor } from '../lifecycle/own-record.ts';
import type { AppContext, FileStore } from '../ports.ts';
import type { Scope } from '../store/scope.ts';
import { assertEditable, ensureClaim, lockOwn, scopeOf, verifyReader } from './claim-access.ts';
import { claimView } from './claim-view.ts';
import { checkedUpload, type UploadMeta, uploadRule } from './uploads.ts';

// Proof-of-execution files (S1, S2): checked before the body is read, streamed into the FileStore.

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
  await ctx.store.transaction(async (tx) => {
    const record = await lockOwn(tx, partner, nominationId, 'workshopClaim.edit');
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
  return ctx.store.transaction(async (tx) => {
    const at = ctx.clock.now();
    const record = await lockOwn(tx, partner, nominationId, 'workshopClaim.edit');
    assertEditable(record, at);
    const claim = await ensureClaim(tx, record, partner.userId, at);
    await tx.claims.storeFile({ ...stored, contentType: rule.contentType }, at);
    await tx.claims.completeItem(claim.id, kind, partner.userId, at, {
      sha256: stored.sha256,
      name: meta.fileName,
    });
    await tx.audit.record({
      actor: { kind: 'partnerUser', id: partner.userId },
      action: 'completePoeItem',
      at,
      partnerId: record.partnerId,
      nominationId: record.id,
      claimId: claim.id,
      data: { kind, fileName: meta.fileName, sizeBytes: stored.sizeBytes },
    });
    return claimView(tx, scopeOf(partner), record.id, at, 'partner');
  });
}

export interface Download {
  stream: NodeJS.ReadableStream;
  sha256: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

/** The stored bytes of a completed file item; a missing item or blob is the same 404. */
export async function openFile(
  ctx: AppContext,
  scope: Scope,
  nominationId: string,
  kind: FileKind,
): Promise<Download> {
  const file = await ctx.store.claims.file(scope, nominationId, kind);
  const stream = file && ctx.files ? await ctx.files.get(file.sha256) : null;
  if (!file || !stream) throw new DomainError('NotFound', { target: 'kind' });
  return { ...file, stream, fileName: file.fileName ?? kind };
}

/** A POE file, for the owning partner's users and for program operators; anyone else gets 404. */
export async function downloadClaimFile(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  kind: FileKind,
): Promise<Download> {
  const { scope } = await verifyReader(ctx.store, actor, nominationId);
  return openFile(ctx, scope, nominationId, kind);
}
