import type { IntlShape } from 'react-intl';
import type { Decision } from '../../api/operator.ts';

// The words of the operator's pages for the values the API returns.

/** Cache keys of the operator's lists. */
export const ENGAGEMENTS_CACHE_KEY = 'operator:engagements';
export const QUEUE_CACHE_PREFIX = 'operator:queue:';

export const AVAILABILITY_IDS = {
  upcoming: 'operator.availability.upcoming',
  active: 'operator.availability.active',
  expired: 'operator.availability.expired',
} as const;
export const KIND_IDS = {
  workshop: 'operator.kind.workshop',
  deployment: 'operator.kind.deployment',
  consumption: 'operator.kind.consumption',
} as const;

export const DECISION_MESSAGE_IDS = {
  approve: 'operator.decision.approve',
  reject: 'operator.decision.reject',
  requestInfo: 'operator.decision.requestInfo',
} as const satisfies Record<Decision, string>;

export const POE_MESSAGE_IDS = {
  findingsReport: 'operator.poe.findingsReport',
  invoice: 'operator.poe.invoice',
  partnerSurvey: 'operator.poe.partnerSurvey',
  customerSurvey: 'operator.poe.customerSurvey',
} as const;
type PoeKind = keyof typeof POE_MESSAGE_IDS;

export function poeLabel(intl: IntlShape, kind: string): string {
  const id = (POE_MESSAGE_IDS as Record<string, (typeof POE_MESSAGE_IDS)[PoeKind]>)[kind];
  return id ? intl.formatMessage({ id }) : kind;
}

export function formatDate(intl: IntlShape, iso: string | null | undefined): string {
  return iso ? intl.formatDate(iso, { dateStyle: 'medium' }) : '—';
}

export function formatDateTime(intl: IntlShape, iso: string | null | undefined): string {
  return iso ? intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

export function formatBytes(intl: IntlShape, bytes: number): string {
  if (bytes < 1024) return intl.formatNumber(bytes, { style: 'unit', unit: 'byte', unitDisplay: 'short' });
  if (bytes < 1024 * 1024)
    return intl.formatNumber(bytes / 1024, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 });
  return intl.formatNumber(bytes / (1024 * 1024), {
    style: 'unit',
    unit: 'megabyte',
    maximumFractionDigits: 1,
  });
}
