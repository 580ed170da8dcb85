import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

// The look of the wizards (Add customer, Claim customer, Trigger customer consent) and of the dialogs
// that follow their conventions (Resend customer consent): one width, one stepper, one focusable
// step heading, one summary list.

export const useWizardStyles = makeStyles({
  surface: { maxWidth: 'min(640px, calc(100vw - 16px))', width: '100%', boxSizing: 'border-box' },
  content: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    // The steps show GUIDs, emails and location names, also inside sentences: at 320 px an unbroken
    // one wraps instead of making the dialog scroll sideways (WCAG 1.4.10).
    overflowWrap: 'anywhere',
    // The content scrolls when a step is taller than the dialog (375 px): its parts keep their
    // height instead of shrinking into one another (issue 15: "Customer found" overlapped the step
    // heading).
    '& > *': { flexShrink: 0 },
  },
  stepper: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
  },
  stepCurrent: { fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground1 },
  heading: {
    ...typographyStyles.subtitle2,
    margin: 0,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  /** A review step's term–value list: two columns, one under 480 px. */
  summary: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    margin: 0,
    '& dt': { fontWeight: tokens.fontWeightSemibold },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
    '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr)', '& dd': { marginBottom: '8px' } },
  },
  sectionTitle: { ...typographyStyles.body1Strong, margin: 0 },
  // The whole width of the dialog's grid, so that three buttons wrap rather than squeeze (320 px).
  actions: { flexWrap: 'wrap', gridColumn: '1 / -1', justifyContent: 'flex-end' },
  note: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
});
