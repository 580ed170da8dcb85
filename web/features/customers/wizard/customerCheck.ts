import type { IntlShape } from 'react-intl';
import { CustomerLookupRequest as LookupSchema } from '../../../../src/contracts/lookups.ts';
import { MismatchReason } from '../../../../src/contracts/nominations.ts';
import type { ApiError } from '../../../api/client.ts';
import type { CustomerLookup, CustomerLookupRequest } from '../../../api/types.ts';
import { fieldErrors, lengthLimits } from '../../../components/fieldErrors.ts';
import type { FieldName, WizardFieldErrors } from './wizardState.ts';

// Step 1 of Add customer (R11–R14), checked with the server's own schemas before the lookup is asked
// for: the lookup request's and R14's mismatch reason. Also which field a server error belongs on.

/** R14's reason: its limits (for the field) and whether a text meets them. */
export const REASON_MAX = lengthLimits(MismatchReason).max;
export const reasonValid = (reason: string) => MismatchReason.safeParse(reason).success;

/**
 * The one "Tenant ID or TPID" field as the request's two: digits are a TPID, anything else is taken
 * for a tenant ID (a GUID), which the schema then checks.
 */
export function idFields(text: string): { tenantId?: string; tpid?: number } {
  const value = text.trim();
  if (value === '') return {};
  return /^[0-9]+$/.test(value) ? { tpid: Number(value) } : { tenantId: value.toLowerCase() };
}

interface CustomerStepInput {
  engagementId: string;
  locationId: string;
  email: string;
  idText: string;
  reason: string;
}

/** The lookup request of step 1. */
export const lookupRequest = (input: CustomerStepInput): CustomerLookupRequest => ({
  engagementId: input.engagementId,
  locationId: input.locationId,
  email: input.email.trim(),
  ...idFields(input.idText),
});

/** Step 1's field errors: the lookup request's, and the reason's once the lookup said one is needed. */
export function checkCustomerStep(
  intl: IntlShape,
  input: CustomerStepInput,
  lookup: CustomerLookup | null,
): WizardFieldErrors {
  const found = fieldErrors(intl, LookupSchema, lookupRequest(input), {
    locationId: { invalid: 'wizard.location.required' },
    email: { required: 'wizard.email.required', invalid: 'wizard.email.invalid' },
    tenantId: { invalid: 'wizard.id.invalid' },
    tpid: { invalid: 'wizard.id.invalid' },
  });
  const errors: WizardFieldErrors = {};
  if (found.locationId) errors.location = found.locationId;
  if (found.email) errors.email = found.email;
  if (found.tenantId ?? found.tpid) errors.id = found.tenantId ?? found.tpid;
  if (lookup?.mismatchReasonRequired && !reasonValid(input.reason))
    errors.reason = intl.formatMessage({ id: 'wizard.reason.invalid' });
  return errors;
}

/** The field of step 1 a server error is about (R13: on the field the user can change), if any. */
export function fieldOf(error: ApiError): FieldName | null {
  const targets = [error.target, ...(error.details ?? []).map((d) => d.target)];
  for (const t of targets) {
    if (t === 'email') return 'email';
    if (t === 'tenantId' || t === 'tpid') return 'id';
    if (t === 'mismatchReason') return 'reason';
    if (t === 'locationId') return 'location';
  }
  if (targets.some((t) => t?.startsWith('engagementIds'))) return 'workshops';
  return null;
}
