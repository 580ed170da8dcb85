import type { CustomerLookup } from '../../../api/types.ts';
import type { MessageId } from '../../../i18n/locales.ts';

// The state of the Add customer and Claim customer wizards and every way it changes, in one reducer:
// the steps only read it and say what happened.

export type WizardMode = 'add' | 'claim';
export type StepName = 'customer' | 'location' | 'workshops' | 'review' | 'confirmation';

/**
 * Add: location and customer, workshops, review; Claim: location, workshops, review. Both end on a
 * confirmation step, so that the stepper marks it (not Review) once the customer was added or claimed.
 */
export const STEPS: Record<WizardMode, readonly StepName[]> = {
  add: ['customer', 'workshops', 'review', 'confirmation'],
  claim: ['location', 'workshops', 'review', 'confirmation'],
};
export const STEP_MESSAGE_IDS = {
  customer: 'wizard.step.customer',
  location: 'wizard.step.location',
  workshops: 'wizard.step.workshops',
  review: 'wizard.step.review',
  confirmation: 'wizard.step.confirmation',
} as const satisfies Record<StepName, MessageId>;

/** A workshop the customer can be added to or claimed for, or why not. */
export interface Workshop {
  engagementId: string;
  name: string;
  selectable: boolean;
  reasons: { code: string; message: string }[];
}

/** What the last step created: how many records, for whom, and each one's days left to consent. */
export interface Done {
  count: number;
  name: string;
  /** Days left to consent of each created record: each engagement has its own consent window. */
  consentDays: number[];
  /** The record created on the page's own workshop: consent can be requested for it at once. */
  consentTarget: ConsentTarget | null;
}

/** What the consent wizard needs to start for a record just created (issue 15). */
export interface ConsentTarget {
  nominationId: string;
  name: string;
  daysLeft: number | null;
  /** The address typed in step 1 (Add), offered as the customer contact's. */
  email: string;
}

/** The fields a message can stand next to. */
export type FieldName = 'location' | 'email' | 'id' | 'reason' | 'workshops';
export type WizardFieldErrors = Partial<Record<FieldName, string>>;

/** The inputs the user types, each with the field its message shows on. */
const INPUT_FIELDS = { locationId: 'location', email: 'email', idText: 'id', reason: 'reason' } as const;
type InputName = keyof typeof INPUT_FIELDS;

export interface WizardState {
  step: number;
  /** Created: how many records, for which customer (the confirmation says so). */
  done: Done | null;
  locationId: string;
  email: string;
  /** "Tenant ID or TPID" as typed. */
  idText: string;
  /** R14: why the email's domain and the tenant differ. */
  reason: string;
  selected: ReadonlySet<string>;
  fieldErrors: WizardFieldErrors;
  stepError: unknown;
  busy: boolean;
  /** Add: the server's answer for the step-1 input it was asked about (`key`). */
  lookup: { key: string; value: CustomerLookup } | null;
  /** Claim: the workshops offered for a location. */
  claimOptions: { locationId: string; value: Workshop[] } | null;
}

export type WizardAction =
  | { type: 'input'; name: InputName; value: string }
  | { type: 'toggleWorkshop'; engagementId: string; checked: boolean }
  | { type: 'goTo'; step: number }
  | { type: 'fieldErrors'; errors: WizardFieldErrors; step?: number }
  | { type: 'request' }
  | { type: 'failed'; error: unknown }
  | { type: 'lookedUp'; key: string; value: CustomerLookup; proceed: boolean; engagementId: string }
  | { type: 'claimOptions'; locationId: string; value: Workshop[]; engagementId: string }
  | {
      type: 'created';
      count: number;
      name: string;
      consentDays: number[];
      consentTarget: ConsentTarget | null;
      step: number;
    };

export const initialState: WizardState = {
  step: 0,
  done: null,
  locationId: '',
  email: '',
  idText: '',
  reason: '',
  selected: new Set(),
  fieldErrors: {},
  stepError: null,
  busy: false,
  lookup: null,
  claimOptions: null,
};

/**
 * The selection for a new list of workshops: what was chosen and can still be chosen, else the
 * wizard's own workshop when it can be.
 */
function preselect(selected: ReadonlySet<string>, list: Workshop[], engagementId: string): Set<string> {
  const selectable = new Set(list.filter((w) => w.selectable).map((w) => w.engagementId));
  const kept = new Set([...selected].filter((id) => selectable.has(id)));
  if (kept.size === 0 && selectable.has(engagementId)) kept.add(engagementId);
  return kept;
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'input':
      return {
        ...state,
        [action.name]: action.value,
        fieldErrors: { ...state.fieldErrors, [INPUT_FIELDS[action.name]]: undefined },
      };
    case 'toggleWorkshop': {
      const selected = new Set(state.selected);
      if (action.checked) selected.add(action.engagementId);
      else selected.delete(action.engagementId);
      return { ...state, selected, fieldErrors: {} };
    }
    case 'goTo':
      return { ...state, step: action.step, stepError: null };
    case 'fieldErrors':
      return action.step === undefined
        ? { ...state, busy: false, fieldErrors: action.errors }
        : { ...state, busy: false, fieldErrors: action.errors, step: action.step, stepError: null };
    case 'request':
      return { ...state, busy: true, stepError: null };
    case 'failed':
      return { ...state, busy: false, stepError: action.error };
    case 'lookedUp':
      return {
        ...state,
        busy: false,
        lookup: { key: action.key, value: action.value },
        selected: preselect(state.selected, action.value.workshops, action.engagementId),
        ...(action.proceed ? { step: 1, stepError: null } : {}),
      };
    case 'claimOptions':
      return {
        ...state,
        busy: false,
        claimOptions: { locationId: action.locationId, value: action.value },
        selected: preselect(state.selected, action.value, action.engagementId),
        step: 1,
        stepError: null,
      };
    case 'created':
      return {
        ...state,
        busy: false,
        done: {
          count: action.count,
          name: action.name,
          consentDays: action.consentDays,
          consentTarget: action.consentTarget,
        },
        step: action.step,
      };
  }
}
