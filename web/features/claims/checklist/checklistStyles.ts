import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';

// The checklist's items: one bordered box per POE item, its state, and the answers of a survey.
export const useChecklistStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingVerticalM,
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 420px), 1fr))',
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
    height: '100%',
    boxSizing: 'border-box',
    // Items show contact emails and file names: an unbroken one wraps inside the item rather than
    // widen the page at 320 px (WCAG 1.4.10).
    overflowWrap: 'anywhere',
  },
  dropping: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
  itemHead: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalS },
  stateIcon: { flexShrink: 0, fontSize: '20px', marginTop: '2px' },
  done: { color: tokens.colorPaletteGreenForeground1 },
  missing: { color: tokens.colorNeutralForeground3 },
  headText: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  state: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
  fileLine: { overflowWrap: 'anywhere' },
  answers: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    ...typographyStyles.caption1,
    '& dt': { fontWeight: tokens.fontWeightSemibold },
    '& dd': { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  },
});
