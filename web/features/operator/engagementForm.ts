import type { IntlShape } from 'react-intl';
import type { CreateEngagementRequest, OperatorEngagement, PatchEngagementRequest } from '../../api/types.ts';
import { minorDigits } from '../../components/money.ts';

// The engagement editor's form: text values in, checked values out (the server checks again and
// its field errors come back through `details[].target`, mapped to the same fields here).

export const WINDOWS = {
  consentWindowDays: { min: 1, max: 365, fallback: 30 },
  claimWindowDays: { min: 1, max: 730, fallback: 90 },
  reviewWindowDays: { min: 1, max: 730, fallback: 120 },
  disputeWindowDays: { min: 1, max: 365, fallback: 30 },
} as const;
export type WindowField = keyof typeof WINDOWS;
export const WINDOW_FIELDS = Object.keys(WINDOWS) as WindowField[];

export const MARKETS = ['A', 'B', 'C'] as const;
type Market = (typeof MARKETS)[number];
export const POE_FIELDS = ['findingsReport', 'invoice', 'partnerSurvey', 'customerSurvey'] as const;
type PoeField = (typeof POE_FIELDS)[number];
export const KINDS = ['workshop', 'deployment', 'consumption'] as const;
export const AVAILABILITY = ['upcoming', 'active', 'expired'] as const;

export interface FormValues {
  code: string;
  kind: (typeof KINDS)[number];
  name: string;
  description: string;
  solutionArea: string;
  availability: (typeof AVAILABILITY)[number];
  currency: string;
  windows: Record<WindowField, string>;
  reminderDays: string;
  countries: string;
  designations: string;
  customerCriteria: string;
  poe: Record<PoeField, boolean>;
  rates: Record<Market, string>;
}

/** Field names of the form, as error keys (a server target maps onto one of them). */
export type FieldName =
  | 'code'
  | 'kind'
  | 'name'
  | 'description'
  | 'solutionArea'
  | 'availability'
  | 'currency'
  | WindowField
  | 'reminderDays'
  | 'countries'
  | 'designations'
  | 'customerCriteria'
  | `rate${Market}`;
export type FieldErrors = Partial<Record<FieldName, string>>;

export function emptyForm(): FormValues {
  return {
    code: '',
    kind: 'workshop',
    name: '',
    description: '',
    solutionArea: '',
    availability: 'upcoming',
    currency: 'USD',
    windows: {
      consentWindowDays: '30',
      claimWindowDays: '90',
      reviewWindowDays: '120',
      disputeWindowDays: '30',
    },
    reminderDays: '7, 2',
    countries: '',
    designations: '',
    customerCriteria: '[]',
    poe: { findingsReport: true, invoice: true, partnerSurvey: true, customerSurvey: true },
    rates: { A: '', B: '', C: '' },
  };
}

/** Minor units as a plain decimal for the input ("5000.00" for 500000 cents). */
function majorText(amountMinor: number | null, currency: string): string {
  if (amountMinor === null) return '';
  const digits = minorDigits(currency);
  return (amountMinor / 10 ** digits).toFixed(digits);
}

export function formFrom(e: OperatorEngagement): FormValues {
  return {
    code: e.code,
    kind: e.kind,
    name: e.name,
    description: e.description,
    solutionArea: e.solutionArea,
    availability: e.availability,
    currency: e.currency,
    windows: {
      consentWindowDays: String(e.consentWindowDays),
      claimWindowDays: String(e.claimWindowDays),
      reviewWindowDays: String(e.reviewWindowDays),
      disputeWindowDays: String(e.disputeWindowDays),
    },
    reminderDays: e.reminderDays.join(', '),
    countries: (e.partnerCriteria.countries ?? []).join(', '),
    designations: (e.partnerCriteria.designations ?? []).join(', '),
    customerCriteria: JSON.stringify(e.customerCriteria, null, 2),
    poe: { ...e.poeRequirements },
    rates: {
      A: majorText(e.rates.A, e.currency),
      B: majorText(e.rates.B, e.currency),
      C: majorText(e.rates.C, e.currency),
    },
  };
}

const list = (text: string) =>
  text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

const CRITERION_TYPES = ['countryIn', 'segmentIn', 'seatsBetween', 'productOwned', 'productNotOwned'];

type Editable = Required<PatchEngagementRequest>;

/** Checks the form; answers the request fields or the errors by field. */
export function checkForm(
  intl: IntlShape,
  v: FormValues,
  creating: boolean,
): { ok: true; body: Editable } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const m = (id: FormatjsIntl.Message['ids'], values?: Record<string, string | number>) =>
    intl.formatMessage({ id }, values);

  if (creating && !/^[A-Z0-9][A-Z0-9-]{1,31}$/.test(v.code.trim()))
    errors.code = m('operator.editor.error.code');
  if (!v.name.trim()) errors.name = m('operator.editor.error.required');
  else if (v.name.trim().length > 200) errors.name = m('operator.editor.error.tooLong', { max: 200 });
  if (!v.solutionArea.trim()) errors.solutionArea = m('operator.editor.error.required');
  else if (v.solutionArea.trim().length > 100)
    errors.solutionArea = m('operator.editor.error.tooLong', { max: 100 });
  if (v.description.trim().length > 4000)
    errors.description = m('operator.editor.error.tooLong', { max: 4000 });
  const currency = v.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = m('operator.editor.error.currency');

  const windows = {} as Record<WindowField, number>;
  for (const field of WINDOW_FIELDS) {
    const { min, max } = WINDOWS[field];
    const text = v.windows[field].trim();
    const n = Number(text);
    if (text === '' || !Number.isInteger(n) || n < min || n > max)
      errors[field] = m('operator.editor.error.range', { min, max });
    else windows[field] = n;
  }
  if (
    !errors.claimWindowDays &&
    !errors.reviewWindowDays &&
    windows.reviewWindowDays < windows.claimWindowDays
  )
    errors.reviewWindowDays = m('operator.editor.error.reviewShorter', { days: windows.claimWindowDays });

  const reminderParts = list(v.reminderDays);
  const reminderDays = reminderParts.map(Number);
  if (
    reminderParts.length > 5 ||
    reminderDays.some((d) => !Number.isInteger(d) || d < 1 || d > 60) ||
    new Set(reminderDays).size !== reminderDays.length
  )
    errors.reminderDays = m('operator.editor.error.reminders');

  const countries = list(v.countries).map((c) => c.toUpperCase());
  if (countries.some((c) => !/^[A-Z]{2}$/.test(c))) errors.countries = m('operator.editor.error.countries');
  const designations = list(v.designations);
  if (designations.some((d) => d.length > 100) || designations.length > 20)
    errors.designations = m('operator.editor.error.designations');

  let customerCriteria: Editable['customerCriteria'] = [];
  try {
    const parsed: unknown = JSON.parse(v.customerCriteria.trim() || '[]');
    if (
      !Array.isArray(parsed) ||
      parsed.length > 20 ||
      parsed.some(
        (c) =>
          typeof c !== 'object' ||
          c === null ||
          !CRITERION_TYPES.includes(String((c as { type?: unknown }).type)),
      )
    )
      errors.customerCriteria = m('operator.editor.error.criteriaShape');
    else customerCriteria = parsed as Editable['customerCriteria'];
  } catch {
    errors.customerCriteria = m('operator.editor.error.criteriaJson');
  }

  const digits = minorDigits(/^[A-Z]{3}$/.test(currency) ? currency : 'USD');
  const rates: Editable['rates'] = {};
  for (const market of MARKETS) {
    const text = v.rates[market].trim().replace(',', '.');
    if (text === '') {
      rates[market] = null;
      continue;
    }
    const pattern = digits > 0 ? new RegExp(`^\\d{1,10}(\\.\\d{1,${digits}})?$`) : /^\d{1,12}$/;
    if (!pattern.test(text)) errors[`rate${market}`] = m('operator.editor.error.amount', { digits });
    else rates[market] = Math.round(Number(text) * 10 ** digits);
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      name: v.name.trim(),
      description: v.description.trim(),
      solutionArea: v.solutionArea.trim(),
      availability: v.availability,
      ...windows,
      reminderDays,
      partnerCriteria: {
        ...(countries.length > 0 ? { countries } : {}),
        ...(designations.length > 0 ? { designations } : {}),
      },
      customerCriteria,
      poeRequirements: { ...v.poe },
      rates,
      currency,
    },
  };
}

export function createBody(v: FormValues, body: Editable): CreateEngagementRequest {
  const { rates, ...rest } = body;
  // A new engagement has no rates to remove: leave the empty markets out.
  const given = Object.fromEntries(Object.entries(rates).filter(([, amount]) => amount !== null));
  return { ...rest, rates: given, code: v.code.trim(), kind: v.kind };
}

/** The form field a server error target (`rates.A`, `customerCriteria.0.countries`, `code`) belongs to. */
export function fieldOfTarget(target: string | undefined): FieldName | null {
  if (!target) return null;
  const [head, next] = target.split('.');
  if (head === 'rates' && (next === 'A' || next === 'B' || next === 'C')) return `rate${next}`;
  if (head === 'partnerCriteria') return next === 'designations' ? 'designations' : 'countries';
  const known: FieldName[] = [
    'code',
    'kind',
    'name',
    'description',
    'solutionArea',
    'availability',
    'currency',
    ...WINDOW_FIELDS,
    'reminderDays',
    'customerCriteria',
  ];
  return known.includes(head as FieldName) ? (head as FieldName) : null;
}
