import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  region: {
    overflowX: 'auto',
    maxWidth: '100%',
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
});

/**
 * A horizontally scrollable, keyboard-focusable region for wide tables, so that pages reflow at
 * 320 px without hiding columns (WCAG 1.4.10, axe scrollable-region-focusable).
 */
export function ScrollRegion({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className={styles.region} tabIndex={0} aria-labelledby={labelledBy}>
      {children}
    </section>
  );
}
