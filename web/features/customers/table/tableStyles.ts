import { makeStyles, shorthands, tokens, typographyStyles } from '@fluentui/react-components';
import { NARROW_MEDIA } from '../../../components/narrow.ts';

// The Customers table is plain table markup styled with Fluent tokens rather than Fluent's Table,
// Button and Badge components: a page of 100 rows renders several times faster that way, which is
// what keeps a tab switch under 100 ms and scrolling through 10 k rows smooth (quality §2).
//
// On a phone (NARROW_MEDIA) the same markup is a card list (issue 15): every row a card with the
// customer's name first, then its tenant, location, status and actions, one under the other, and
// nothing scrolls sideways. The head shows only its two sort buttons, as a bar; the column widths
// are left out. Only CSS changes, so the row window (useRowWindow.ts) works on the same <tbody> per
// page in both layouts, and the cells keep their column headers for screen readers.

export const useTableStyles = makeStyles({
  table: {
    ...typographyStyles.body1,
    width: '100%',
    minWidth: '880px',
    borderCollapse: 'collapse',
    // Column widths from the <colgroup>, not from measuring every cell: much cheaper layout for a
    // page of 100 rows (tab switch, scrolling).
    tableLayout: 'fixed',
    color: tokens.colorNeutralForeground1,
    transitionProperty: 'opacity',
    transitionDuration: tokens.durationNormal,
    [NARROW_MEDIA]: {
      display: 'block',
      minWidth: 0,
      '& > colgroup': { display: 'none' },
      '& > thead': { display: 'block' },
      '& > thead > tr': {
        display: 'flex',
        flexWrap: 'wrap',
        gap: tokens.spacingHorizontalL,
        marginBottom: tokens.spacingVerticalS,
      },
      '& > tbody': { display: 'block' },
    },
  },
  busy: { opacity: 0.6 },
  th: {
    textAlign: 'start',
    fontWeight: tokens.fontWeightRegular,
    height: '34px',
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    verticalAlign: 'middle',
    overflowWrap: 'anywhere',
    [NARROW_MEDIA]: { display: 'block', height: 'auto', padding: 0, borderBottom: 'none' },
  },
  // A header without a sort button: on a phone, for screen readers only (see TableHead.tsx).
  thPlain: {
    [NARROW_MEDIA]: {
      position: 'absolute',
      width: '1px',
      height: '1px',
      margin: '-1px',
      overflow: 'hidden',
      clip: 'rect(0 0 0 0)',
      whiteSpace: 'nowrap',
    },
  },
  sortButton: {
    ...typographyStyles.body1,
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minHeight: '24px',
    margin: `0 calc(-1 * ${tokens.spacingHorizontalXXS})`,
    padding: `0 ${tokens.spacingHorizontalXXS}`,
    border: 'none',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: 'transparent',
    color: 'inherit',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  sortIcon: { flexShrink: 0, color: tokens.colorNeutralForeground3 },
  tr: {
    ':hover': { backgroundColor: tokens.colorSubtleBackgroundHover },
    // Issue 15: the row a link opened the page on (useOpenRecord.ts sets the attribute and focus).
    '&[data-highlighted]': { backgroundColor: tokens.colorBrandBackground2 },
    ':focus': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
    [NARROW_MEDIA]: {
      display: 'flex',
      flexDirection: 'column',
      gap: tokens.spacingVerticalXS,
      marginBottom: tokens.spacingVerticalS,
      padding: tokens.spacingHorizontalM,
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      borderRadius: tokens.borderRadiusMedium,
    },
  },
  td: {
    padding: tokens.spacingHorizontalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    verticalAlign: 'top',
    [NARROW_MEDIA]: { display: 'block', padding: 0, borderBottom: 'none', minWidth: 0 },
  },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  strong: { ...typographyStyles.body1Strong, overflowWrap: 'anywhere' },
  secondary: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
    overflowWrap: 'anywhere',
  },
  id: { ...typographyStyles.caption1, fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  urgent: { ...typographyStyles.body1Strong, color: tokens.colorPaletteRedForeground1 },
  actions: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    alignItems: 'flex-start',
    // A card's actions sit side by side and wrap, like buttons at the foot of a card.
    [NARROW_MEDIA]: { flexDirection: 'row', flexWrap: 'wrap', marginTop: tokens.spacingVerticalXS },
  },
  // Looks like Fluent's small button with disabledFocusable: reachable by keyboard, does nothing.
  action: {
    ...typographyStyles.caption1Strong,
    display: 'inline-flex',
    alignItems: 'center',
    minHeight: '24px',
    padding: `0 ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeDisabled}`,
    backgroundColor: tokens.colorNeutralBackgroundDisabled,
    color: tokens.colorNeutralForegroundDisabled,
    cursor: 'not-allowed',
    textAlign: 'start',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  // A working row action (Claim customer): Fluent's small outline button look.
  actionEnabled: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':active': { backgroundColor: tokens.colorNeutralBackground1Pressed },
  },
  reasons: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  pill: {
    ...typographyStyles.caption1Strong,
    display: 'inline-flex',
    alignItems: 'center',
    minHeight: '20px',
    padding: `0 ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid`,
    boxSizing: 'border-box',
  },
  nowrap: { whiteSpace: 'nowrap' },
  pillIcon: { flexShrink: 0, marginRight: tokens.spacingHorizontalXXS },
  // The warning pill sits under the status: as wide as its text.
  pillStart: { alignSelf: 'flex-start' },

  success: {
    backgroundColor: tokens.colorPaletteGreenBackground1,
    color: tokens.colorPaletteGreenForeground1,
    ...shorthands.borderColor(tokens.colorPaletteGreenBorder1),
  },
  warning: {
    backgroundColor: tokens.colorPaletteYellowBackground1,
    color: tokens.colorPaletteYellowForeground1,
    ...shorthands.borderColor(tokens.colorPaletteYellowBorder1),
  },
  informative: {
    backgroundColor: tokens.colorNeutralBackground4,
    color: tokens.colorNeutralForeground3,
    ...shorthands.borderColor(tokens.colorNeutralStroke2),
  },
  subtle: {
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground3,
    ...shorthands.borderColor(tokens.colorNeutralStroke2),
  },
  pager: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalS} 0`,
  },
  sentinel: { height: '1px' },
});
