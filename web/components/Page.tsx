import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { type ReactNode, useEffect, useRef } from 'react';
import { useIntl } from 'react-intl';
import { useLocation } from '../routes/router.tsx';
import { useInProgramLayout } from './programBrand.tsx';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    maxWidth: '1200px',
    minWidth: 0,
    // Spacing between blocks comes from the gap; paragraphs bring no margins of their own.
    '& p': { margin: 0 },
  },
  title: {
    ...typographyStyles.title2,
    margin: 0,
    overflowWrap: 'anywhere',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
});

/**
 * Every page: one h1, the document title, and focus on the heading after a client-side navigation
 * so that screen-reader users hear where they landed (quality §4).
 */
export function Page({
  title,
  documentTitle,
  before,
  children,
}: {
  title: string;
  /** The page's name in the document title when it differs from the h1 (default: the h1). */
  documentTitle?: string;
  /** Shown above the h1 (e.g. breadcrumbs). */
  before?: ReactNode;
  children: ReactNode;
}) {
  const styles = useStyles();
  const intl = useIntl();
  const heading = useRef<HTMLHeadingElement>(null);
  const { navigation } = useLocation();
  // The pages opened from an email are the program's (issue 15), and their tab says so.
  const program = useInProgramLayout();

  useEffect(() => {
    document.title = intl.formatMessage(
      { id: program ? 'program.documentTitle' : 'app.documentTitle' },
      { page: documentTitle ?? title },
    );
  }, [intl, title, documentTitle, program]);

  useEffect(() => {
    if (navigation > 0) heading.current?.focus({ preventScroll: false });
  }, [navigation]);

  return (
    <div className={styles.page}>
      {before}
      <h1 ref={heading} tabIndex={-1} className={styles.title}>
        {title}
      </h1>
      {children}
    </div>
  );
}
