import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import { ChevronRightRegular } from '@fluentui/react-icons';
import { useIntl } from 'react-intl';
import { Link } from '../routes/router.tsx';

const useStyles = makeStyles({
  list: {
    ...typographyStyles.body1,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
  item: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, minWidth: 0 },
  current: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  link: { overflowWrap: 'anywhere' },
  divider: { color: tokens.colorNeutralForeground3, flexShrink: 0 },
});

export interface Crumb {
  label: string;
  /** Absent on the current page (the last crumb). */
  href?: string;
}

/** Where this page sits: a nav landmark named "Breadcrumb", the current page marked aria-current. */
export function Breadcrumbs({ items }: { items: Crumb[] }) {
  const styles = useStyles();
  const intl = useIntl();
  return (
    <nav aria-label={intl.formatMessage({ id: 'common.breadcrumb' })}>
      <ol className={styles.list}>
        {items.map((item, index) => (
          <li key={item.href ?? `current:${item.label}`} className={styles.item}>
            {index > 0 ? <ChevronRightRegular aria-hidden className={styles.divider} /> : null}
            {item.href ? (
              <Link href={item.href} className={styles.link}>
                {item.label}
              </Link>
            ) : (
              <span aria-current="page" className={styles.current}>
                {item.label}
              </span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
