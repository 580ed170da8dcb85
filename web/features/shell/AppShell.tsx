import { Button, mergeClasses } from '@fluentui/react-components';
import { SignOutRegular } from '@fluentui/react-icons';
import { type ReactNode, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useSession, useUser } from '../../app/contexts.ts';
import { errorText } from '../../components/errors.ts';
import { useNarrow } from '../../components/narrow.ts';
import { Notices, useNotify } from '../../components/notices.tsx';
import {
  canManageApiTokens,
  canManageRoles,
  canManageWebhooks,
  canReadActivity,
  hasIncentiveRole,
} from '../../routes/access.ts';
import { useLinkHandler, useLocation } from '../../routes/router.tsx';
import { NotificationBell } from '../notifications/NotificationBell.tsx';
import { LocaleSwitcher } from './LocaleSwitcher.tsx';
import { useLayoutStyles } from './layout.styles.ts';
import { NarrowMenu } from './NarrowMenu.tsx';
import { MAIN_ID, SkipLink } from './SkipLink.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

function NavItem({ href, section, children }: { href: string; section?: boolean; children: ReactNode }) {
  const styles = useLayoutStyles();
  const { pathname } = useLocation();
  // A section item (Engagements) is current on its pages too: aria-current "page" on the list itself.
  const exact = pathname === href;
  const within = section === true && pathname.startsWith(`${href}/`);
  const current = exact ? 'page' : within ? 'true' : undefined;
  const onClick = useLinkHandler(href);
  return (
    <li>
      <a
        href={href}
        onClick={onClick}
        aria-current={current}
        className={mergeClasses(styles.navLink, current && styles.navLinkCurrent)}
      >
        {children}
      </a>
    </li>
  );
}

/** The navigation's links: only for pages that exist and the user may open. */
function NavLinks({ className }: { className: string }) {
  const user = useUser();
  const { session } = useSession();
  const features = session?.features;
  return (
    <ul className={className}>
      <NavItem href="/">
        <FormattedMessage id="nav.home" />
      </NavItem>
      {hasIncentiveRole(user) ? (
        <NavItem href="/engagements" section>
          <FormattedMessage id="nav.engagements" />
        </NavItem>
      ) : null}
      {user.kind === 'operator' ? (
        <>
          <NavItem href="/operator/claims" section>
            <FormattedMessage id="nav.operatorClaims" />
          </NavItem>
          <NavItem href="/operator/engagements" section>
            <FormattedMessage id="nav.operatorEngagements" />
          </NavItem>
        </>
      ) : null}
      {canManageRoles(user) ? (
        <NavItem href="/admin/roles">
          <FormattedMessage id="nav.roles" />
        </NavItem>
      ) : null}
      {canManageRoles(user) ? (
        <NavItem href="/admin/users">
          <FormattedMessage id="nav.users" />
        </NavItem>
      ) : null}
      {canManageApiTokens(user) ? (
        <NavItem href="/admin/api-tokens">
          <FormattedMessage id="nav.apiTokens" />
        </NavItem>
      ) : null}
      {canManageWebhooks(user) ? (
        <NavItem href="/admin/webhooks">
          <FormattedMessage id="webhooks.nav" />
        </NavItem>
      ) : null}
      {canReadActivity(user) ? (
        <NavItem href="/activity">
          <FormattedMessage id="nav.activity" />
        </NavItem>
      ) : null}
      {features?.mailbox || features?.testClock ? (
        <NavItem href="/mailbox">
          <FormattedMessage id={features.mailbox ? 'nav.mailbox' : 'nav.testClock'} />
        </NavItem>
      ) : null}
    </ul>
  );
}

/**
 * Who is signed in, (the bell,) language, theme and Sign out: in the header, or in the menu on a
 * phone, where the bell stays in the header row.
 */
function AccountControls({ bell }: { bell?: ReactNode }) {
  const styles = useLayoutStyles();
  const intl = useIntl();
  const notify = useNotify();
  const user = useUser();
  const { signOut } = useSession();
  const [signingOut, setSigningOut] = useState(false);

  const onSignOut = () => {
    setSigningOut(true);
    signOut()
      .catch((error: unknown) =>
        notify(
          intl.formatMessage({ id: 'shell.signOutFailed' }, { reason: errorText(intl, error) }),
          'error',
        ),
      )
      .finally(() => setSigningOut(false));
  };

  const detail =
    user.kind === 'operator' ? intl.formatMessage({ id: 'shell.operator' }) : (user.partner?.name ?? '');

  return (
    <>
      <div className={styles.user}>
        <span className={styles.userName}>{user.displayName}</span>
        {detail ? <span className={styles.userDetail}>{detail}</span> : null}
      </div>
      {bell}
      <LocaleSwitcher />
      <ThemeToggle />
      <Button
        appearance="subtle"
        icon={<SignOutRegular />}
        onClick={onSignOut}
        disabledFocusable={signingOut}
      >
        <FormattedMessage id="shell.signOut" />
      </Button>
    </>
  );
}

/**
 * Header, navigation and main region of every signed-in page. Wide: the header (product, user,
 * bell, language, theme, Sign out) and the navigation bar under it. On a phone (components/narrow.ts)
 * the header is one row, product, bell and a menu button, and the navigation and the account
 * controls open under it (NarrowMenu.tsx).
 */
export function AppShell({ children }: { children: ReactNode }) {
  const styles = useLayoutStyles();
  const intl = useIntl();
  const user = useUser();
  const goHome = useLinkHandler('/');
  const narrow = useNarrow();
  const bell = user.kind === 'partnerUser' ? <NotificationBell /> : null;
  const navLabel = intl.formatMessage({ id: 'shell.nav' });

  return (
    <>
      <SkipLink />
      {narrow ? (
        <NarrowMenu
          product={
            <a href="/" onClick={goHome} className={styles.product}>
              <FormattedMessage id="app.name" />
            </a>
          }
          bell={bell}
          nav={
            <nav aria-label={navLabel}>
              <NavLinks className={styles.menuNavList} />
            </nav>
          }
          account={<AccountControls />}
        />
      ) : (
        <>
          <header className={styles.header}>
            <a href="/" onClick={goHome} className={styles.product}>
              <FormattedMessage id="app.name" />
            </a>
            <div className={styles.controls}>
              <AccountControls bell={bell} />
            </div>
          </header>
          <nav className={styles.nav} aria-label={navLabel}>
            <NavLinks className={styles.navList} />
          </nav>
        </>
      )}
      <main id={MAIN_ID} tabIndex={-1} className={styles.main}>
        <Notices />
        {children}
      </main>
    </>
  );
}
