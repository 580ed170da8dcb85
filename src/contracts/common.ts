import { z } from 'zod';
import { LOCALE_VALUES } from './values.ts';

// Shapes shared by every endpoint (quality §1). Only zod is imported here: the web app uses these too.
export const Locale = z.enum(LOCALE_VALUES);

const ErrorDetail = z.object({
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

/** Names end up in email headers and bodies: no control or line-separator characters. */
const NO_CONTROLS = /^[^\p{Cc}\u2028\u2029]*$/u;
/**
 * Bidirectional-text controls (U+202E and friends) let a name display as something else, in the UI and
 * in an email's display name; they have no place in a person's or a workshop's name and are removed.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/** A person's or an organisation's name as typed: bidi controls stripped, trimmed, 1–`max` characters. */
export const Name = (max = 200) =>
  z
    .string()
    .overwrite((value) => value.replace(BIDI_CONTROLS, ''))
    .trim()
    .min(1)
    .max(max)
    .regex(NO_CONTROLS);

/** Pages of a list: `nextLink` is absent on the last page. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ value: z.array(item), nextLink: z.string().optional() });

/** The error responses an endpoint may give, for its OpenAPI description (all in the one error shape). */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof ErrorResponse> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorResponse])) as Record<
    S,
    typeof ErrorResponse
  >;
}

/** Stripe semantics (quality §1): printable ASCII, at most 255 characters. */
export const IdempotencyKeyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(1)
    .max(255)
    .regex(/^[\x21-\x7e]+$/)
    .optional(),
});

/** The ETag a client read, sent back on an update (quality §1). */
/** A query parameter listing statuses, comma-separated (`?status=a,b`); which ones, the caller checks. */
export const StatusList = (description: string) =>
  z
    .string()
    .max(400)
    .regex(/^[a-z_]+(,[a-z_]+)*$/)
    .optional()
    .meta({ description });

export const IfMatch = z.string().min(1).max(200);
export const IfMatchHeaders = z.object({ 'if-match': IfMatch.optional() });
