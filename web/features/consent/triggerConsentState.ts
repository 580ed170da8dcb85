import type { Locale } from '../../api/types.ts';
import type { MessageId } from '../../i18n/locales.ts';
import type { ContactErrors, CustomerContactInput, PartnerContactInput } from './contactForm.tsx';

// The state of the Trigger customer consent wizard and every way it changes.

export type StepName = 'customer' | 'partner' | 'review';
export const STEPS: readonly StepName[] = ['customer', 'partner', 'review'];
export const STEP_MESSAGE_IDS = {
  customer: 'consent.step.customer',
  partner: 'consent.step.partner',
  review: 'consent.step.review',
} as const satisfies Record<StepName, MessageId>;

export interface TriggerState {
  step: number;
  customer: CustomerContactInput;
  partner: PartnerContactInput;
  /** Keyed by the server's error targets (`customerContact.email`, …). */
  errors: ContactErrors;
  stepError: unknown;
  busy: boolean;
}

export type TriggerAction =
  | { type: 'customer'; value: CustomerContactInput; field: string }
  | { type: 'partner'; value: PartnerContactInput; field: string }
  | { type: 'checked'; errors: ContactErrors; next?: number }
  | { type: 'goTo'; step: number }
  | { type: 'sending' }
  | { type: 'refused'; errors: ContactErrors; step: number }
  | { type: 'failed'; error: unknown };

/** The customer's contact starts empty, in the user's language; the partner's is the user. */
export function initialTriggerState(
  locale: Locale,
  user: { displayName: string; email: string },
  customerEmail = '',
): TriggerState {
  return {
    step: 0,
    customer: { name: '', email: customerEmail, phone: '', locale },
    partner: { name: user.displayName, email: user.email, phone: '' },
    errors: {},
    stepError: null,
    busy: false,
  };
}

export function triggerReducer(state: TriggerState, action: TriggerAction): TriggerState {
  switch (action.type) {
    case 'customer':
      return { ...state, customer: action.value, errors: { ...state.errors, [action.field]: undefined } };
    case 'partner':
      return { ...state, partner: action.value, errors: { ...state.errors, [action.field]: undefined } };
    case 'checked':
      return action.next === undefined
        ? { ...state, errors: action.errors }
        : { ...state, errors: action.errors, step: action.next, stepError: null };
    case 'goTo':
      return { ...state, step: action.step, stepError: null };
    case 'sending':
      return { ...state, busy: true, stepError: null };
    case 'refused':
      return { ...state, busy: false, errors: action.errors, step: action.step, stepError: null };
    case 'failed':
      return { ...state, busy: false, stepError: action.error };
  }
}
