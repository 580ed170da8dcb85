import { z } from 'zod';

export const DirectoryImportReport = z
  .object({
    created: z.number().int(),
    updated: z.number().int(),
    failed: z.number().int(),
    rows: z.array(
      z.object({
        line: z.number().int(),
        tenantId: z.string().nullable(),
        outcome: z.enum(['created', 'updated', 'failed']),
        errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
      }),
    ),
  })
  .meta({ id: 'DirectoryImportReport' });
