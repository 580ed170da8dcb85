import { makeStyles, tokens } from '@fluentui/react-components';
import type { MouseEvent } from 'react';
import { FormattedMessage } from 'react-intl';

export const MAIN_ID = 'main';

const useStyles = makeStyles({
  skip: {
    position: 'absolute',
    left: tokens.spacingHorizontalS,
    top: '-100px',
    zIndex: 1000,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorBrandForegroundLink,
    border: `2px solid ${tokens.colorStrokeFocus2}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus': { top: tokens.spacingVerticalS },
  },
});

/** "Skip to main content": first tab stop of every page. Moves focus without touching history. */
export function SkipLink() {
  const styles = useStyles();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(MAIN_ID);
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    <a className={styles.skip} href={`#${MAIN_ID}`} onClick={onClick}>
      <FormattedMessage id="shell.skipToMain" />
    </a>
  );
}
