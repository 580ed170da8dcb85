import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

// The parts of the customer wizards' steps beyond the shared wizard look (components/wizard).
export const useCustomerWizardStyles = makeStyles({
  // A native select is as wide as its longest option (a location's name and MPN ID): it shrinks
  // to the dialog's width; the open list still shows the options in full.
  select: { minWidth: 0 },
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
