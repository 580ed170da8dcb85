import type { IntlShape } from 'react-intl';
import type { z } from 'zod';
import type { MessageId } from '../i18n/locales.ts';

// Forms check their input with the server's own schema (architecture §3: "Forms validate with the
// server's schemas"): what the API would refuse is refused on its field before anything is sent, and
// no rule of the contract is written again here. The schema says *that* a field is wrong; the
// catalogue says it in the user's language.

/** The words for a field the schema refused: `required` when it was left empty, `invalid` otherwise. */
export interface FieldMessages {
  required?: MessageId;
  invalid: MessageId;
  /** Values of the message's placeholders (e.g. the limits a length message names). */
  values?: Record<string, string | number>;
}

/** Field errors keyed like the server's error targets (`email`, `customerContact.email`). */
export type FieldErrors = Partial<Record<string, string>>;

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * Parses `input` with `schema` and says, for each field it refuses, the catalogue's message (the first
 * issue of a field wins). Fields are the top-level keys of the input; `prefix` makes them targets of a
 * larger body (`customerContact.`). A field without words is one the user cannot change (an id from
 * the page): the server's answer about it is shown as the step's error. An empty object means the
 * schema took the input.
 */
export function fieldErrors<F extends string>(
  intl: IntlShape,
  schema: z.ZodType,
  input: { [K in F]?: unknown },
  messages: Partial<Record<F, FieldMessages>>,
  prefix = '',
): FieldErrors {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '') as F;
    const words = messages[field];
    const target = `${prefix}${field}`;
    if (!words || errors[target] !== undefined) continue;
    const id = isEmpty(input[field]) && words.required ? words.required : words.invalid;
    errors[target] = intl.formatMessage({ id }, words.values);
  }
  return errors;
}

/** True when `errors` holds at least one field error. */
export const hasFieldErrors = (errors: FieldErrors) => Object.values(errors).some((e) => e !== undefined);

/** The length limits a string schema of the contract declares, for a field's hint and its maxLength. */
export function lengthLimits(schema: z.ZodString): { min: number; max: number } {
  const { minLength, maxLength } = schema;
  if (minLength === null || maxLength === null) throw new Error('The schema declares no length limits');
  return { min: minLength, max: maxLength };
}
