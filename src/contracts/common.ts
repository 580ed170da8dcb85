import { z } from 'zod';

// Shapes shared by every endpoint (quality §1). Only zod is imported here: the web app uses these too.
export const LOCALE_VALUES = ['en', 'pl', 'sv', 'pt-PT', 'tr', 'nl'] as const;
export const Locale = z.enum(LOCALE_VALUES);

export const ErrorDetail = z.object({
  code: z.string(),
  message: z.string(),
  target: z.string().optional(),
});

export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'ValidationFailed' }),
      message: z
        .string()
        .meta({ description: 'Localised to the request (Accept-Language) or the user locale.' }),
      target: z.string().optional(),
      details: z.array(ErrorDetail).optional(),
      isRetryable: z.boolean(),
      correlationId: z.string(),
    }),
  })
  .meta({ id: 'ErrorResponse' });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const Id = z.uuid();
export const Email = z.string().trim().max(254).pipe(z.email());

/** Pages of a list: `nextLink` is absent on the last page. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ value: z.array(item), nextLink: z.string().optional() });
