import { sql } from 'kysely';
import type {
  ImportRow,
  ImportRowError,
  NominationImport,
  NominationImportRepository,
} from '../../../app/store/nomination-imports.ts';
import type { PartnerScope } from '../../../app/store/scope.ts';
import type { Q } from './db.ts';

// Issue 14: CSV imports of customers to add. Rows are only reached through their import, filtered by
// the partner: another partner's import is the same "not there" as a missing one.

const ROW_COLUMNS = ['r.line', 'r.cells', 'r.outcome', 'r.nomination_ids', 'r.error'] as const;

const ownRows = (db: Q, scope: PartnerScope, importId: string) =>
  db
    .selectFrom('nomination_import_rows as r')
    .innerJoin('nomination_imports as i', 'i.id', 'r.import_id')
    .where('i.partner_id', '=', scope.partnerId)
    .where('r.import_id', '=', importId)
    .select(ROW_COLUMNS);

type RowRecord = {
  line: number;
  cells: string[];
  outcome: ImportRow['outcome'];
  nomination_ids: string[];
  error: unknown;
};

const toRow = (r: RowRecord): ImportRow => ({
  line: r.line,
  cells: r.cells,
  outcome: r.outcome,
  nominationIds: r.nomination_ids,
  error: (typeof r.error === 'string' ? JSON.parse(r.error) : r.error) as ImportRowError | null,
});

export function nominationImportRepository(db: Q): NominationImportRepository {
  return {
    async create(scope, upload) {
      await db
        .insertInto('nomination_imports')
        .values({
          id: upload.id,
          partner_id: scope.partnerId,
          created_by: upload.createdBy,
          location_ids: upload.locationIds,
          dry_run: upload.dryRun,
          status: 'queued',
          total: 0,
          created_at: upload.createdAt,
          updated_at: upload.createdAt,
        })
        .execute();
    },
    async addRows(scope, importId, rows) {
      if (!rows.length) return;
      // One statement per batch, whatever its size: the rows travel as one JSON parameter.
      await sql`
        insert into nomination_import_rows (import_id, line, cells)
        select i.id, r.line, r.cells
          from nomination_imports i,
               jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(line int, cells text[])
         where i.id = ${importId} and i.partner_id = ${scope.partnerId}`.execute(db);
    },
    async setTotal(scope, importId, total) {
      await db
        .updateTable('nomination_imports')
        .set({ total })
        .where('id', '=', importId)
        .where('partner_id', '=', scope.partnerId)
        .execute();
    },
    async get(scope, importId) {
      const r = await db
        .selectFrom('nomination_imports')
        .selectAll()
        .where('id', '=', importId)
        .where('partner_id', '=', scope.partnerId)
        .executeTakeFirst();
      if (!r) return undefined;
      return {
        id: r.id,
        partnerId: r.partner_id,
        createdBy: r.created_by,
        locationIds: r.location_ids,
        dryRun: r.dry_run,
        status: r.status,
        total: r.total,
        processed: r.processed,
        created: r.created,
        failed: r.failed,
        createdAt: r.created_at,
      } satisfies NominationImport;
    },
    async pendingRows(scope, importId, limit) {
      const rows = await ownRows(db, scope, importId)
        .where('r.outcome', 'is', null)
        .orderBy('r.line')
        .limit(limit)
        .execute();
      return rows.map(toRow);
    },
    async rows(scope, importId, afterLine, limit) {
      const rows = await ownRows(db, scope, importId)
        .where('r.line', '>', afterLine)
        .orderBy('r.line')
        .limit(limit)
        .execute();
      return rows.map(toRow);
    },
    async recordResults(scope, importId, results, at) {
      if (results.length) {
        const values = results.map((r) => ({
          line: r.line,
          outcome: r.outcome,
          ids: r.nominationIds,
          error: r.error,
        }));
        await sql`
          update nomination_import_rows as t
             set outcome = v.outcome, nomination_ids = v.ids, error = v.error
            from nomination_imports i,
                 jsonb_to_recordset(${JSON.stringify(values)}::jsonb)
                   as v(line int, outcome text, ids uuid[], error jsonb)
           where i.id = ${importId} and i.partner_id = ${scope.partnerId}
             and t.import_id = i.id and t.line = v.line`.execute(db);
      }
      // Progress is counted from the rows, so that it can never drift from them (a chunk run twice).
      await sql`
        update nomination_imports i
           set processed = c.processed, created = c.created, failed = c.failed, updated_at = ${at}
          from (select count(outcome)::int as processed,
                       (count(*) filter (where outcome in ('created', 'valid')))::int as created,
                       (count(*) filter (where outcome = 'failed'))::int as failed
                  from nomination_import_rows where import_id = ${importId}) c
         where i.id = ${importId} and i.partner_id = ${scope.partnerId}`.execute(db);
    },
    async setStatus(scope, importId, status, at) {
      await db
        .updateTable('nomination_imports')
        .set({ status, updated_at: at })
        .where('id', '=', importId)
        .where('partner_id', '=', scope.partnerId)
        .execute();
    },
  };
}
