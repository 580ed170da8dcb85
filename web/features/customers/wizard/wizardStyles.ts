import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

// The parts of the customer wizards' steps beyond the shared wizard look (components/wizard).
export const useCustomerWizardStyles = makeStyles({
  // A native select is as wide as its longest option (a location's name and MPN ID): it shrinks
  // to the dialog's width; the open list still shows the options in full.
  select: { minWidth: 0 },
  // Where the browser can style a select's list (Chromium's customizable select), the open list is
  // as wide as the control, inside the dialog, and a long option wraps (issue 15: at 375 px the
  // list reached past the dialog). Elsewhere the browser's own list stays, which it keeps on the
  // screen. Fluent draws the chevron, so the browser's is left out; colours follow the theme.
  nativeSelect: {
    minWidth: 0,
    '@supports (appearance: base-select)': {
      appearance: 'base-select' as 'none',
      // The chosen option in the closed control stays on one line, as the native control's does.
      whiteSpace: 'nowrap',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      '::picker-icon': { display: 'none' },
      '::picker(select)': {
        appearance: 'base-select' as 'none',
        width: 'anchor-size(width)',
        boxSizing: 'border-box',
        padding: tokens.spacingVerticalXS,
        backgroundColor: tokens.colorNeutralBackground1,
        color: tokens.colorNeutralForeground1,
        border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
        borderRadius: tokens.borderRadiusMedium,
        boxShadow: tokens.shadow16,
      },
      '& option': {
        whiteSpace: 'normal',
        overflowWrap: 'anywhere',
        padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
        borderRadius: tokens.borderRadiusMedium,
      },
    },
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  fieldset: { border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { ...typographyStyles.body1Strong, padding: 0, marginBottom: tokens.spacingVerticalS },
  option: { display: 'flex', flexDirection: 'column', marginBottom: tokens.spacingVerticalS },
  reasons: {
    margin: 0,
    paddingLeft: `calc(${tokens.spacingHorizontalXXL} + ${tokens.spacingHorizontalL})`,
    color: tokens.colorNeutralForeground2,
    ...typographyStyles.caption1,
  },
  id: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  error: { ...typographyStyles.caption1, color: tokens.colorPaletteRedForeground1 },
});
