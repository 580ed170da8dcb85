import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import { Notices } from '../../components/notices.tsx';
import { LocaleSwitcher } from './LocaleSwitcher.tsx';
import { useLayoutStyles } from './layout.styles.ts';
import { MAIN_ID, SkipLink } from './SkipLink.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

/** Layout of pages for signed-out visitors: product name (or `product`), language and theme, main region. */
export function PublicLayout({ children, product }: { children: ReactNode; product?: ReactNode }) {
  const styles = useLayoutStyles();
  return (
    <>
      <SkipLink />
      <header className={styles.header}>
        <span className={styles.product}>{product ?? <FormattedMessage id="app.name" />}</span>
        <div className={styles.controls}>
          <LocaleSwitcher />
          <ThemeToggle />
        </div>
      </header>
      <main id={MAIN_ID} tabIndex={-1} className={styles.main}>
        <Notices />
        {children}
      </main>
    </>
  );
}
