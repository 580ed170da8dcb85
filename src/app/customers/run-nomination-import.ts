import type { PartnerIneligibility } from '../../domain/eligibility.ts';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import { emailDomain } from '../../domain/identifiers.ts';
import type { Actor, Role } from '../../domain/policy.ts';
import { loadPrincipal } from '../auth/session-user.ts';
import type { AppContext } from '../ports.ts';
import type { ImportRow, ImportRowResult, NominationImport } from '../store/nomination-imports.ts';
import type { PartnerScope } from '../store/scope.ts';
import { createNominations } from './add-or-claim.ts';
import { type ImportCatalogue, readImportRow, rowErrorOf } from './import-rows.ts';
import { lookupCustomer } from './lookup-customer.ts';

// The job of a nomination import (issue 14): the rows without an outcome, chunk by chunk, each through
// createNominations, the Add wizard's own use case (R10–R17, add-or-claim, eligibility, mismatch
// reason). Each chunk's outcomes and the import's progress are written together, so a crash loses at
// most a chunk; the rows of that chunk run again with the same per-row Idempotency-Key, which replays a
// row already added instead of adding it twice.

/** Rows per chunk: the progress a reader sees moves by this much. */
const CHUNK = 200;
/** Rows of different customers run side by side; one customer's rows stay in file order. */
const PARALLEL = 4;

/** The key a row is added with: the same on every run of the same import. */
const rowIdempotencyKey = (importId: string, line: number) => `import:${importId}:${line}`;
/**
 * How long a row's key is kept: longer than the API's 48 h, because a job can resume after the worker
 * was away for days (a retried job waits for a worker), and a row added before the outage must then
 * replay as "created" rather than meet its own record as a duplicate.
 */
const ROW_KEY_KEPT_MS = 30 * 24 * 3_600_000;

export async function runNominationImport(
  ctx: AppContext,
  job: { importId: string; partnerId: string },
): Promise<void> {
  const scope: PartnerScope = { partnerId: job.partnerId };
  const upload = await ctx.store.nominationImports.get(scope, job.importId);
  if (!upload || upload.status === 'completed' || upload.status === 'failed') return;
  const actor = await importer(ctx, upload);
  if (!actor) {
    // The uploader is gone (or no longer a partner user): nothing can be added in their name.
    await ctx.store.nominationImports.setStatus(scope, upload.id, 'failed', ctx.clock.now());
    return;
  }
  await ctx.store.nominationImports.setStatus(scope, upload.id, 'running', ctx.clock.now());
  const catalogue = await catalogueOf(ctx, scope);
  // A dry run remembers what earlier rows would have added, so that a duplicate row is reported.
  const wouldAdd = new Set<string>();
  for (;;) {
    const rows = await ctx.store.nominationImports.pendingRows(scope, upload.id, CHUNK);
    if (!rows.length) break;
    const results = upload.dryRun
      ? await inSequence(rows, (row) => checkRow(ctx, actor, row, catalogue, wouldAdd))
      : await byCustomer(rows, (row) => addRow(ctx, actor, upload.id, row, catalogue));
    await ctx.store.nominationImports.recordResults(scope, upload.id, results, ctx.clock.now());
  }
  await ctx.store.nominationImports.setStatus(scope, upload.id, 'completed', ctx.clock.now());
}

/** The uploader as they are now, within the locations they could add for when uploading. */
async function importer(ctx: AppContext, upload: NominationImport): Promise<Actor | null> {
  const principal = await loadPrincipal(ctx.store, upload.createdBy);
  const actor = principal?.actor;
  if (actor?.kind !== 'partnerUser' || actor.partnerId !== upload.partnerId) return null;
  const allowed = new Set(upload.locationIds);
  return { ...actor, roles: new Map<string, Role>([...actor.roles].filter(([id]) => allowed.has(id))) };
}

async function catalogueOf(ctx: AppContext, scope: PartnerScope): Promise<ImportCatalogue> {
  const [engagements, locations] = await Promise.all([
    ctx.store.engagements.list({}),
    ctx.store.users.allLocations(scope),
  ]);
  return {
    engagementIdByCode: new Map(engagements.map((e) => [e.code.toUpperCase(), e.id])),
    locationIdByMpnId: new Map(locations.map((l) => [l.mpnId, l.id])),
  };
}

async function addRow(
  ctx: AppContext,
  actor: Actor,
  importId: string,
  row: ImportRow,
  catalogue: ImportCatalogue,
): Promise<ImportRowResult> {
  const read = readImportRow(row.cells, catalogue);
  if ('error' in read) return failed(row, read.error);
  try {
    const added = await createNominations(ctx, actor, read.input, rowIdempotencyKey(importId, row.line), {
      keyKeptForMs: ROW_KEY_KEPT_MS,
    });
    return {
      line: row.line,
      outcome: 'created',
      nominationIds: added.body.value.map((n) => n.id),
      error: null,
    };
  } catch (error) {
    // A refusal is the row's outcome; anything else (the database went away) fails the job, which is
    // retried and resumes at this chunk.
    if (isDomainError(error)) return failed(row, rowErrorOf(error));
    throw error;
  }
}

/**
 * A dry run: the same reading of the row, and the Add wizard's step 1 (lookupCustomer: the tenant,
 * whether the domain matches, every workshop's obstacles), which writes nothing.
 */
async function checkRow(
  ctx: AppContext,
  actor: Actor,
  row: ImportRow,
  catalogue: ImportCatalogue,
  wouldAdd: Set<string>,
): Promise<ImportRowResult> {
  const read = readImportRow(row.cells, catalogue);
  if ('error' in read) return failed(row, read.error);
  const { input } = read;
  try {
    const found = await lookupCustomer(ctx, actor, { ...input, engagementId: input.engagementIds[0]! });
    if (found.mismatchReasonRequired && !input.mismatchReason)
      throw new DomainError('MismatchReasonRequired', { target: 'mismatchReason' });
    input.engagementIds.forEach((engagementId, index) => {
      const target = `engagementIds[${index}]`;
      const workshop = found.workshops.find((w) => w.engagementId === engagementId);
      if (!workshop) throw new DomainError('NotFound', { target });
      if (wouldAdd.has(`${found.tenant.id}:${engagementId}`))
        throw new DomainError('AlreadyNominated', { target });
      if (workshop.selectable) return;
      const codes = workshop.obstacles.map((o) => o.code as string);
      if (codes.includes('alreadyNominated')) throw new DomainError('AlreadyNominated', { target });
      if (codes.includes('useClaimCustomer')) throw new DomainError('UseClaimCustomer', { target });
      if (!workshop.obstacles.length) throw new DomainError('EngagementNotActive', { target });
      throw new DomainError('CustomerNotEligible', {
        target,
        details: workshop.obstacles.map(({ code, ...facts }) => ({
          code: PARTNER_REASONS.has(code) ? `partnerReason.${code}` : `ineligible.${code}`,
          target,
          params: Object.fromEntries(
            Object.entries(facts).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
          ),
        })),
      });
    });
    for (const engagementId of input.engagementIds) wouldAdd.add(`${found.tenant.id}:${engagementId}`);
    return { line: row.line, outcome: 'valid', nominationIds: [], error: null };
  } catch (error) {
    if (isDomainError(error)) return failed(row, rowErrorOf(error));
    throw error;
  }
}

/** The location's reasons (src/domain/eligibility.ts), worded as the Add wizard's refusal words them. */
const PARTNER_REASONS = new Set<string>([
  'notEnrolled',
  'engagementNotActive',
  'notWorkshop',
  'countryNotEligible',
  'designationMissing',
] satisfies PartnerIneligibility['code'][]);

const failed = (row: ImportRow, error: ImportRowResult['error']): ImportRowResult => ({
  line: row.line,
  outcome: 'failed',
  nominationIds: [],
  error,
});

async function inSequence<T>(rows: readonly ImportRow[], run: (row: ImportRow) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (const row of rows) results.push(await run(row));
  return results;
}

/**
 * Runs rows of different customers (by the email's domain) side by side, at most PARALLEL at a time;
 * the rows of one customer run one after the other in file order, so that of two rows adding the same
 * customer to the same workshop the first is added and the second is the duplicate.
 */
async function byCustomer(
  rows: readonly ImportRow[],
  run: (row: ImportRow) => Promise<ImportRowResult>,
): Promise<ImportRowResult[]> {
  const groups = new Map<string, ImportRow[]>();
  for (const row of rows) {
    const key = emailDomain(row.cells[1] ?? '') ?? `line:${row.line}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const queue = [...groups.values()];
  const results: ImportRowResult[] = [];
  const lane = async () => {
    for (let group = queue.shift(); group; group = queue.shift())
      results.push(...(await inSequence(group, run)));
  };
  await Promise.all(Array.from({ length: PARALLEL }, lane));
  return results.sort((a, b) => a.line - b.line);
}
