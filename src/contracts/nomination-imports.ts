import { z } from 'zod';
import { Id } from './common.ts';

// Bulk add from CSV (issue 14): the upload's answer, its progress, and the columns of the template
// and of the report.

const NOMINATION_IMPORT_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type NominationImportStatus = (typeof NOMINATION_IMPORT_STATUSES)[number];

/** The template's header row; `workshops` holds engagement codes separated by `;`. */
export const NOMINATION_IMPORT_COLUMNS = [
  'mpnLocationId',
  'email',
  'workshops',
  'tenantId',
  'tpid',
  'mismatchReason',
] as const;
/** What the report adds to the input columns. */
export const NOMINATION_IMPORT_REPORT_COLUMNS = [
  'line',
  'outcome',
  'nominationIds',
  'errorCode',
  'errorMessage',
] as const;

/** The largest file accepted (10 MB). */
export const NOMINATION_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

export const NominationImportQuery = z.strictObject({
  /** Validates every row (the Add wizard's checks) and writes nothing. */
  dryRun: z.enum(['true', 'false']).optional(),
});

export const NominationImportParams = z.object({ importId: Id });

export const NominationImportAccepted = z.object({ id: Id, status: z.literal('queued') });

export const NominationImport = z
  .object({
    id: Id,
    status: z.enum(NOMINATION_IMPORT_STATUSES),
    dryRun: z.boolean(),
    /** Data rows in the file. */
    total: z.number().int(),
    processed: z.number().int(),
    /** Rows added (in a dry run: rows that would be added). */
    created: z.number().int(),
    failed: z.number().int(),
  })
  .meta({ id: 'NominationImport' });
export type NominationImport = z.infer<typeof NominationImport>;
