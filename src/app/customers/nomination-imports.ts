import { parse } from 'csv-parse';
import {
  NOMINATION_IMPORT_MAX_BYTES,
  type NominationImportStatus,
} from '../../contracts/nomination-imports.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Actor, locationsWhere, requireAccess } from '../../domain/policy.ts';
import { CSV_READ_OPTIONS, csvFailure, startLine } from '../directory/csv.ts';
import { idempotent } from '../idempotency.ts';
import { newId } from '../ids.ts';
import { partnerActor } from '../lifecycle/own-record.ts';
import type { AppContext } from '../ports.ts';
import type { Repositories } from '../store/index.ts';
import type { ImportRow } from '../store/nomination-imports.ts';
import { canonicalCells, readImportHeader } from './import-rows.ts';

// Issue 14, bulk add from CSV: the upload (stored, then read into rows in one transaction with its job)
// and what the partner reads back (progress, the report). The rows are processed by the job
// (run-nomination-import.ts), each through the Add wizard's own use case.

/** Rows are inserted in batches of this many while the stored file is read. */
const INSERT_BATCH = 1_000;

/** Who may upload: a partner user who may add customers on at least one location (before the body). */
export function requireImporter(actor: Actor): string[] {
  const partner = partnerActor(actor);
  const locations = locationsWhere(partner, 'customers.add');
  // No location: the policy's own refusal (NoIncentiveRole for a user without any incentive role).
  if (!locations.length) requireAccess(partner, 'customers.add', { partnerId: partner.partnerId });
  return locations;
}

/**
 * Reads the stored upload into the import's rows, and queues the job, in one transaction; with the same
 * Idempotency-Key and the same file, the first answer is replayed and nothing else happens.
 */
export async function startNominationImport(
  ctx: AppContext,
  actor: Actor,
  body: NodeJS.ReadableStream,
  options: { dryRun: boolean; idempotencyKey: string | undefined },
) {
  const locationIds = requireImporter(actor);
  if (!ctx.files) throw new Error('no file store configured (AppContext.files)');
  // The upload is streamed to the file store (at most 10 MB on disk, a chunk in memory), then read
  // from there into rows: the request's bytes are never held whole.
  const upload = await ctx.files.put(body, NOMINATION_IMPORT_MAX_BYTES);
  const partner = partnerActor(actor);
  const scope = { partnerId: partner.partnerId };
  const now = ctx.clock.now();
  return idempotent<{ id: string; status: 'queued' }>(
    ctx.store,
    {
      scope: `partner:${scope.partnerId}:nomination-imports`,
      key: options.idempotencyKey,
      fingerprintOf: { sha256: upload.sha256, dryRun: options.dryRun },
      now,
    },
    async (tx) => {
      const id = newId();
      await tx.nominationImports.create(scope, {
        id,
        createdBy: partner.userId,
        locationIds,
        dryRun: options.dryRun,
        createdAt: now,
      });
      const total = await readRows(ctx, upload.sha256, (rows) =>
        tx.nominationImports.addRows(scope, id, rows),
      );
      await tx.nominationImports.setTotal(scope, id, total);
      await tx.audit.record({
        actor: { kind: 'partnerUser', id: partner.userId },
        action: 'nominationImport.start',
        at: now,
        partnerId: scope.partnerId,
        data: { importId: id, rows: total, dryRun: options.dryRun },
      });
      await tx.outbox.enqueue('nominations.import', { importId: id, partnerId: scope.partnerId });
      return { status: 202, body: { id, status: 'queued' as const } };
    },
  );
}

/** Streams the stored file through csv-parse; at most one batch of rows is held at a time. */
async function readRows(
  ctx: AppContext,
  sha256: string,
  write: (rows: { line: number; cells: string[] }[]) => Promise<void>,
): Promise<number> {
  const file = await ctx.files?.get(sha256);
  if (!file) throw new Error(`the upload ${sha256} is not in the file store`);
  let columns: (number | undefined)[] | undefined;
  let batch: { line: number; cells: string[] }[] = [];
  let total = 0;
  try {
    for await (const { record, info } of file.pipe(parse(CSV_READ_OPTIONS)) as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!columns) {
        columns = readImportHeader(record);
        continue;
      }
      const cells = canonicalCells(record, columns);
      if (cells.every((c) => c === '')) continue;
      batch.push({ line: startLine(info.lines, record), cells });
      total++;
      if (batch.length >= INSERT_BATCH) {
        await write(batch);
        batch = [];
      }
    }
  } catch (error) {
    throw csvFailure(error);
  }
  if (!columns) readImportHeader(undefined);
  await write(batch);
  return total;
}

/** An import of the actor's partner (another partner's is the same 404 as none). */
export async function getNominationImport(store: Repositories, actor: Actor, importId: string) {
  const partner = partnerActor(actor);
  const found = await store.nominationImports.get({ partnerId: partner.partnerId }, importId);
  if (!found) throw new DomainError('NotFound', { target: 'importId' });
  return {
    id: found.id,
    status: found.status as NominationImportStatus,
    dryRun: found.dryRun,
    total: found.total,
    processed: found.processed,
    created: found.created,
    failed: found.failed,
  };
}

/** The import's rows in file order, page by page (the report is written as they come). */
export async function* importReportRows(
  store: Repositories,
  actor: Actor,
  importId: string,
  pageSize = 1_000,
): AsyncGenerator<ImportRow[]> {
  const scope = { partnerId: partnerActor(actor).partnerId };
  let after = 0;
  for (;;) {
    const page = await store.nominationImports.rows(scope, importId, after, pageSize);
    if (!page.length) return;
    yield page;
    after = page.at(-1)!.line;
  }
}
