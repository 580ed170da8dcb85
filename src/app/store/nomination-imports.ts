import type { PartnerScope } from './scope.ts';

// Issue 14, bulk add from CSV: an upload, its rows, and each row's outcome as the job writes them.

type NominationImportStatus = 'queued' | 'running' | 'completed' | 'failed';
/** `valid`: a dry run found nothing wrong with the row (nothing was written). */
type ImportRowOutcome = 'created' | 'valid' | 'failed';

export interface NominationImport {
  id: string;
  partnerId: string;
  createdBy: string;
  /** The locations the uploader could add for when uploading (an API token narrows them). */
  locationIds: string[];
  dryRun: boolean;
  status: NominationImportStatus;
  total: number;
  processed: number;
  /** Rows added (in a dry run: rows that would be added). */
  created: number;
  failed: number;
  createdAt: Date;
}

/** Why a row failed, as a DomainError says it; the report localises it in the reader's language. */
export interface ImportRowError {
  code: string;
  target?: string;
  params?: Record<string, unknown>;
  details?: { code: string; target?: string; params?: Record<string, unknown> }[];
}

export interface ImportRow {
  line: number;
  /** The six input cells, in the template's column order. */
  cells: string[];
  outcome: ImportRowOutcome | null;
  nominationIds: string[];
  error: ImportRowError | null;
}

export interface ImportRowResult {
  line: number;
  outcome: ImportRowOutcome;
  nominationIds: string[];
  error: ImportRowError | null;
}

export interface NominationImportRepository {
  create(
    scope: PartnerScope,
    upload: Omit<NominationImport, 'partnerId' | 'status' | 'total' | 'processed' | 'created' | 'failed'>,
  ): Promise<void>;
  /** Appends rows of the file to an import of this partner. */
  addRows(
    scope: PartnerScope,
    importId: string,
    rows: readonly { line: number; cells: string[] }[],
  ): Promise<void>;
  setTotal(scope: PartnerScope, importId: string, total: number): Promise<void>;
  get(scope: PartnerScope, importId: string): Promise<NominationImport | undefined>;
  /** The next rows without an outcome, in file order (what is left after a crash). */
  pendingRows(scope: PartnerScope, importId: string, limit: number): Promise<ImportRow[]>;
  /** Rows after `afterLine`, in file order (the report, page by page). */
  rows(scope: PartnerScope, importId: string, afterLine: number, limit: number): Promise<ImportRow[]>;
  /** Writes the outcomes of a chunk and recounts the import's progress from its rows. */
  recordResults(
    scope: PartnerScope,
    importId: string,
    results: readonly ImportRowResult[],
    at: Date,
  ): Promise<void>;
  setStatus(scope: PartnerScope, importId: string, status: NominationImportStatus, at: Date): Promise<void>;
}
