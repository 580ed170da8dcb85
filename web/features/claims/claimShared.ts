import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { createContext, useContext } from 'react';
import type { IntlShape } from 'react-intl';
import type { PoeKind, WorkshopClaim } from '../../api/types.ts';

// What the parts of the claim page share: the claim as last loaded, whether it may change now, and
// how a part hands back the claim the server answered after a change.

export interface ClaimState {
  claim: WorkshopClaim;
  nominationId: string;
  /** `edit` is among the allowed actions: fields, files and surveys may change. */
  editable: boolean;
  /** A change went through: show the claim the server answered, and tell the user what happened. */
  applied: (claim: WorkshopClaim, message?: string) => void;
  /** Loads the claim again (e.g. after a 412 or a 409). */
  reload: () => Promise<void>;
}

export const ClaimContext = createContext<ClaimState | null>(null);

export function useClaim(): ClaimState {
  const value = useContext(ClaimContext);
  if (!value) throw new Error('useClaim outside <ClaimContext>');
  return value;
}

/** The ETag of a claim view (the server sends W/"<version>"). */
export const etagOf = (claim: WorkshopClaim) => `W/"${claim.version}"`;

const POE_MESSAGE_IDS = {
  findingsReport: 'claim.poe.findingsReport',
  invoice: 'claim.poe.invoice',
  partnerSurvey: 'claim.poe.partnerSurvey',
  customerSurvey: 'claim.poe.customerSurvey',
} as const satisfies Record<PoeKind, string>;

export function poeName(intl: IntlShape, kind: PoeKind): string {
  return intl.formatMessage({ id: POE_MESSAGE_IDS[kind] });
}

export function dateTime(intl: IntlShape, iso: string): string {
  return intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
}
export function date(intl: IntlShape, iso: string): string {
  return intl.formatDate(iso, { dateStyle: 'long' });
}

export function fileSize(intl: IntlShape, bytes: number): string {
  if (bytes < 1024) return intl.formatNumber(bytes, { style: 'unit', unit: 'byte', unitDisplay: 'short' });
  if (bytes < 1024 * 1024)
    return intl.formatNumber(bytes / 1024, {
      style: 'unit',
      unit: 'kilobyte',
      unitDisplay: 'short',
      maximumFractionDigits: 1,
    });
  return intl.formatNumber(bytes / (1024 * 1024), {
    style: 'unit',
    unit: 'megabyte',
    unitDisplay: 'short',
    maximumFractionDigits: 1,
  });
}

/** Days left until `iso` as the server counts them: ceil(remaining / 24 h), never below 0. */
export function daysUntil(iso: string, nowMs: number): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - nowMs) / 86_400_000));
}

export const useClaimStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    minWidth: 0,
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  h2: { ...typographyStyles.subtitle1, margin: 0 },
  h3: { ...typographyStyles.subtitle2, margin: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground2 },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    '& dt': { ...typographyStyles.body1Strong },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
    '@media (max-width: 480px)': {
      gridTemplateColumns: 'minmax(0, 1fr)',
      '& dd': { marginBottom: tokens.spacingVerticalXS },
    },
  },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  dialog: { maxWidth: 'min(640px, calc(100vw - 16px))', width: '100%', boxSizing: 'border-box' },
  dialogContent: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  preWrap: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
});
