import { Button } from '@fluentui/react-components';
import { DismissRegular, NavigationRegular } from '@fluentui/react-icons';
import {
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useIntl } from 'react-intl';
import { useLocation } from '../../routes/router.tsx';
import { useLayoutStyles } from './layout.styles.ts';

/**
 * The app header on a phone (issue 15: it took three rows at 375 px): one row with the product, the
 * bell and a menu button; the button shows and hides the navigation and the account controls under
 * the header (a disclosure, not a modal: the page stays usable and nothing traps the focus). Esc
 * inside the menu closes it and puts the focus back on the button; following a link closes it and
 * the new page takes the focus on its heading (components/Page.tsx).
 */
export function NarrowMenu({
  product,
  bell,
  nav,
  account,
}: {
  product: ReactNode;
  bell: ReactNode;
  nav: ReactNode;
  account: ReactNode;
}) {
  const styles = useLayoutStyles();
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const { pathname } = useLocation();

  // A link in the menu was followed (or the address changed otherwise): the menu has done its job.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on a change of page
  useEffect(() => {
    setOpen(false);
  }, [pathname]);

  const onKeyDown = (event: KeyboardEvent) => {
    // Only Esc pressed in the menu itself: the language menu's popover is portalled elsewhere in
    // the DOM (its Esc closes that popover alone), though React bubbles its events through here.
    if (event.key !== 'Escape' || !panel.current?.contains(event.target as Node)) return;
    event.preventDefault();
    setOpen(false);
    button.current?.focus();
  };

  // A link in the menu closes it, also the current page's own (the address does not change then).
  const onClick = (event: MouseEvent) => {
    if ((event.target as Element).closest('a')) setOpen(false);
  };

  // One name whether open or not: aria-expanded says which.
  const label = intl.formatMessage({ id: 'shell.menu' });
  return (
    <>
      <header className={styles.narrowHeader}>
        {product}
        <div className={styles.narrowControls}>
          {bell}
          <Button
            ref={button}
            appearance="subtle"
            icon={open ? <DismissRegular /> : <NavigationRegular />}
            aria-label={label}
            title={label}
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen(!open)}
          />
        </div>
      </header>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: Esc or a link anywhere in the menu closes it */}
      <div
        ref={panel}
        id={panelId}
        hidden={!open}
        className={styles.menuPanel}
        onKeyDown={onKeyDown}
        onClick={onClick}
      >
        {nav}
        <div className={styles.menuAccount}>{account}</div>
      </div>
    </>
  );
}
