import { DomainError } from '../../domain/errors.ts';
import type { Actor } from '../../domain/policy.ts';
import { can } from '../../domain/policy.ts';
import { audit } from '../audit.ts';
import { refreshCustomerRows } from '../customers/read-model.ts';
import type { AppContext } from '../ports.ts';
import { parseCsv } from './csv.ts';

// The operator's import of the embedded customer directory (spec §7): tenants with their TPID,
// attributes and domains, from CSV, with a report per row. Valid rows are written; invalid rows are
// reported and change nothing. Columns (header row required, any order):
//   tenantId, name, tpid, tpidName, country, segment, seats, products (a;b;c), domains (a.com;b.com)
export const DIRECTORY_COLUMNS = [
  'tenantId',
  'name',
  'tpid',
  'tpidName',
  'country',
  'segment',
  'seats',
  'products',
  'domains',
] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export interface RowReport {
  line: number;
  tenantId: string | null;
  outcome: 'created' | 'updated' | 'failed';
  errors: { field: string; code: string }[];
}

export async function importDirectory(ctx: AppContext, actor: Actor, csv: string) {
  if (!can(actor, 'operator.directory')) throw new DomainError('Forbidden');
  const now = ctx.clock.now();
  const [header, ...rows] = parseCsv(csv);
  if (!header)
    throw new DomainError('ValidationFailed', {
      target: 'csv',
      details: [{ code: 'required', target: 'csv' }],
    });
  const index = new Map(header.cells.map((name, i) => [name.trim(), i]));
  const missing = ['tenantId', 'name', 'domains'].filter((c) => !index.has(c));
  if (missing.length)
    throw new DomainError('ValidationFailed', {
      target: 'csv',
      details: missing.map((c) => ({ code: 'required', target: c })),
    });
  const get = (cells: string[], column: string) =>
    index.has(column) ? (cells[index.get(column)!] ?? '').trim() : '';

  const report: RowReport[] = [];
  const touched: string[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    for (const row of rows) {
      const errors: RowReport['errors'] = [];
      const tenantId = get(row.cells, 'tenantId').toLowerCase();
      const name = get(row.cells, 'name');
      const tpidText = get(row.cells, 'tpid');
      const seatsText = get(row.cells, 'seats');
      const country = get(row.cells, 'country').toUpperCase();
      const domains = get(row.cells, 'domains')
        .split(';')
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean);
      if (!GUID.test(tenantId)) errors.push({ field: 'tenantId', code: 'uuid' });
      if (!name || name.length > 200) errors.push({ field: 'name', code: name ? 'tooLong' : 'required' });
      if (tpidText && !/^[1-9][0-9]{0,15}$/.test(tpidText)) errors.push({ field: 'tpid', code: 'invalid' });
      if (seatsText && !/^[0-9]{1,9}$/.test(seatsText)) errors.push({ field: 'seats', code: 'invalid' });
      if (country && !/^[A-Z]{2}$/.test(country)) errors.push({ field: 'country', code: 'invalid' });
      if (domains.length === 0) errors.push({ field: 'domains', code: 'required' });
      for (const d of domains) if (!DOMAIN.test(d)) errors.push({ field: 'domains', code: 'invalid' });
      if (errors.length === 0) {
        const owners = await trx
          .selectFrom('tenant_domains')
          .select(['domain', 'tenant_id'])
          .where('domain', 'in', domains)
          .execute();
        if (owners.some((o) => o.tenant_id !== tenantId))
          errors.push({ field: 'domains', code: 'domainTaken' });
      }
      if (errors.length) {
        report.push({ line: row.line, tenantId: tenantId || null, outcome: 'failed', errors });
        continue;
      }
      const tpid = tpidText ? Number(tpidText) : null;
      if (tpid !== null) {
        await trx
          .insertInto('tpids')
          .values({ tpid, name: get(row.cells, 'tpidName') || name })
          .onConflict((oc) => oc.column('tpid').doNothing())
          .execute();
      }
      const existed = await trx
        .selectFrom('tenants')
        .select('id')
        .where('id', '=', tenantId)
        .executeTakeFirst();
      const values = {
        name,
        tpid,
        country: country || null,
        segment: get(row.cells, 'segment') || null,
        seats: seatsText ? Number(seatsText) : null,
        products: get(row.cells, 'products')
          .split(';')
          .map((p) => p.trim())
          .filter(Boolean),
        updated_at: now,
      };
      await trx
        .insertInto('tenants')
        .values({ id: tenantId, ...values, attributes: '{}' })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
      for (const domain of domains) {
        await trx
          .insertInto('tenant_domains')
          .values({ domain, tenant_id: tenantId })
          .onConflict((oc) => oc.column('domain').doNothing())
          .execute();
      }
      touched.push(tenantId);
      report.push({ line: row.line, tenantId, outcome: existed ? 'updated' : 'created', errors: [] });
    }
    // Criteria read these attributes: the Customers pages of every partner that knows them change.
    for (const partnerId of await ctx.store.within(trx).nominations.partnersKnowing(touched))
      await refreshCustomerRows(ctx.store.within(trx), { partnerId }, { tenantIds: touched }, now);
    await audit(trx, {
      actor: { kind: 'operator', id: actor.kind === 'operator' ? actor.userId : null },
      action: 'directory.import',
      at: now,
      data: {
        rows: rows.length,
        written: touched.length,
        failed: report.filter((r) => r.outcome === 'failed').length,
      },
    });
  });
  return {
    created: report.filter((r) => r.outcome === 'created').length,
    updated: report.filter((r) => r.outcome === 'updated').length,
    failed: report.filter((r) => r.outcome === 'failed').length,
    rows: report,
  };
}
