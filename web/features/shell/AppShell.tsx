import { Button, mergeClasses } from '@fluentui/react-components';
import { SignOutRegular } from '@fluentui/react-icons';
import { type ReactNode, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useSession, useUser } from '../../app/contexts.ts';
import { errorText } from '../../components/errors.ts';
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

/** Header, navigation (only for pages that exist) and main region of every signed-in page. */
export function AppShell({ children }: { children: ReactNode }) {
  const styles = useLayoutStyles();
  const intl = useIntl();
  const notify = useNotify();
  const user = useUser();
  const { signOut, session } = useSession();
  const features = session?.features;
  const [signingOut, setSigningOut] = useState(false);
  const goHome = useLinkHandler('/');

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
      <SkipLink />
      <header className={styles.header}>
        <a href="/" onClick={goHome} className={styles.product}>
          <FormattedMessage id="app.name" />
        </a>
        <div className={styles.controls}>
          <div className={styles.user}>
            <span className={styles.userName}>{user.displayName}</span>
            {detail ? <span className={styles.userDetail}>{detail}</span> : null}
          </div>
          {user.kind === 'partnerUser' ? <NotificationBell /> : null}
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
        </div>
      </header>
      <nav className={styles.nav} aria-label={intl.formatMessage({ id: 'shell.nav' })}>
        <ul className={styles.navList}>
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
      </nav>
      <main id={MAIN_ID} tabIndex={-1} className={styles.main}>
        <Notices />
        {children}
      </main>
    </>
  );
}
