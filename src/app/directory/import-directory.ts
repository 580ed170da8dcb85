import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/policy.ts';
import { can } from '../../domain/policy.ts';
import { refreshCustomerRows } from '../customers/read-model.ts';
import type { AppContext } from '../ports.ts';
import type { Repositories } from '../store/index.ts';
import { parseCsv } from './csv.ts';
import { type DirectoryRow, type FieldError, readHeader, readRow } from './directory-rows.ts';

// The operator's import of the embedded customer directory (spec §7): tenants with their TPID,
// attributes and domains, from CSV, with a report per row. Valid rows are written; invalid rows are
// reported and change nothing. Parse (csv.ts) → validate (directory-rows.ts) → write (the directory
// repository), in one transaction.

export interface RowReport {
  line: number;
  tenantId: string | null;
  outcome: 'created' | 'updated' | 'failed';
  errors: FieldError[];
}

export async function importDirectory(ctx: AppContext, actor: Actor, csv: string) {
  if (!can(actor, 'operator.directory')) throw new DomainError('Forbidden');
  const now = ctx.clock.now();
  const [header, ...lines] = parseCsv(csv);
  const cell = readHeader(header);
  const rows = lines.map((line) => readRow(line, cell));
  const report = await ctx.store.transaction(async (tx) => {
    const report: RowReport[] = [];
    // In file order: a domain taken by an earlier row of the same file is taken.
    for (const row of rows) report.push(await writeRow(tx, row, now));
    const written = report.flatMap((r) => (r.outcome === 'failed' ? [] : [r.tenantId!]));
    // Criteria read these attributes: the Customers pages of every partner that knows them change.
    for (const partnerId of await tx.nominations.partnersKnowing(written))
      await refreshCustomerRows(tx, { partnerId }, { tenantIds: written }, now);
    await tx.audit.record({
      actor: { kind: 'operator', id: actor.kind === 'operator' ? actor.userId : null },
      action: 'directory.import',
      at: now,
      data: { rows: rows.length, written: written.length, failed: report.length - written.length },
    });
    return report;
  });
  return { ...summarise(report), rows: report };
}

/** Writes a valid row unless one of its domains belongs to another tenant. */
async function writeRow(tx: Repositories, row: DirectoryRow, now: Date): Promise<RowReport> {
  if (!('tenant' in row))
    return { line: row.line, tenantId: row.tenantId, outcome: 'failed', errors: row.errors };
  const { tenant } = row;
  if (await tx.directory.domainsTakenFrom(tenant.id, tenant.domains))
    return {
      line: row.line,
      tenantId: tenant.id,
      outcome: 'failed',
      errors: [{ field: 'domains', code: 'domainTaken' }],
    };
  const outcome = await tx.directory.saveTenant(tenant, now);
  return { line: row.line, tenantId: tenant.id, outcome, errors: [] };
}

function summarise(report: readonly RowReport[]) {
  const count = (outcome: RowReport['outcome']) => report.filter((r) => r.outcome === outcome).length;
  return { created: count('created'), updated: count('updated'), failed: count('failed') };
}
