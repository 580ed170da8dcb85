import {
  Button,
  CounterBadge,
  makeStyles,
  mergeClasses,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Spinner,
  Text,
  tokens,
  typographyStyles,
  useAnnounce,
} from '@fluentui/react-components';
import { AlertRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../api/client.ts';
import { notificationsApi } from '../../api/notifications.ts';
import type { NotificationList } from '../../api/types.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { errorText } from '../../components/errors.ts';
import { useVisuallyHidden } from '../../components/visuallyHidden.ts';
import { useLinkHandler } from '../../routes/router.tsx';

// The notification bell in the header (spec §4.3: declines, expiries, acceptances, deadlines). Its
// name says how many are unread; it polls every 30 s while the tab is visible, and announces when
// new ones arrive.

const POLL_MS = 30_000;

const useStyles = makeStyles({
  wrap: { position: 'relative', display: 'inline-flex' },
  badge: { position: 'absolute', top: '0', right: '0', pointerEvents: 'none' },
  surface: {
    width: 'min(380px, calc(100vw - 24px))',
    maxHeight: 'min(70vh, 560px)',
    overflowY: 'auto',
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  title: { ...typographyStyles.subtitle2, margin: 0 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: 'anywhere',
  },
  unread: { borderLeft: `3px solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalS },
  message: { ...typographyStyles.body1 },
  messageUnread: { ...typographyStyles.body1Strong },
  meta: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
  link: {
    ...typographyStyles.caption1,
    alignSelf: 'flex-start',
    minHeight: '24px',
    display: 'inline-flex',
    alignItems: 'center',
    color: tokens.colorBrandForegroundLink,
    ':hover': { color: tokens.colorBrandForegroundLinkHover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  empty: { color: tokens.colorNeutralForeground2 },
});

export function NotificationBell() {
  const styles = useStyles();
  const hidden = useVisuallyHidden();
  const intl = useIntl();
  const { announce } = useAnnounce();
  const [data, setData] = useState<NotificationList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState(false);
  const [marking, setMarking] = useState(false);
  const [markError, setMarkError] = useState<unknown>(null);
  const lastUnread = useRef<number | null>(null);
  const titleId = useId();

  const refresh = useCallback(async () => {
    try {
      const next = await notificationsApi.list();
      setData(next);
      setError(null);
      // New ones since the last look: say so (the bell's name says it too).
      if (lastUnread.current !== null && next.unreadCount > lastUnread.current)
        announce(intl.formatMessage({ id: 'notifications.new' }, { count: next.unreadCount }), {
          polite: true,
        });
      lastUnread.current = next.unreadCount;
    } catch (e) {
      // 401 is handled by the client (back to sign-in); a 404 means notifications are off here.
      if (!(e instanceof ApiError && e.status === 401)) setError(e);
    }
  }, [announce, intl]);

  // Poll while the tab is visible; look again as soon as it becomes visible.
  useEffect(() => {
    let timer: number | undefined;
    const schedule = () => {
      window.clearTimeout(timer);
      if (document.visibilityState === 'visible') timer = window.setTimeout(tick, POLL_MS);
    };
    const tick = () => {
      void refresh().finally(schedule);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') tick();
      else window.clearTimeout(timer);
    };
    tick();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [refresh]);

  const markAll = async () => {
    setMarking(true);
    setMarkError(null);
    try {
      await notificationsApi.markRead({});
      setData((d) => (d ? { unreadCount: 0, value: d.value.map((n) => ({ ...n, read: true })) } : d));
      lastUnread.current = 0;
      announce(intl.formatMessage({ id: 'notifications.allRead' }), { polite: true });
    } catch (e) {
      setMarkError(e);
    } finally {
      setMarking(false);
    }
  };

  const unread = data?.unreadCount ?? 0;
  const name =
    unread > 0
      ? intl.formatMessage({ id: 'notifications.buttonUnread' }, { count: unread })
      : intl.formatMessage({ id: 'notifications.button' });

  return (
    <span className={styles.wrap}>
      <Popover
        open={open}
        onOpenChange={(_e, d) => {
          setOpen(d.open);
          if (d.open) void refresh();
        }}
        trapFocus
        positioning="below-end"
        withArrow
      >
        <PopoverTrigger disableButtonEnhancement>
          <Button appearance="subtle" icon={<AlertRegular />} aria-label={name} title={name} />
        </PopoverTrigger>
        <PopoverSurface className={styles.surface} aria-labelledby={titleId}>
          <div className={styles.head}>
            <h2 id={titleId} className={styles.title}>
              <FormattedMessage id="notifications.title" />
            </h2>
            {data && data.value.length > 0 ? (
              // Stays when all are read (disabled but focusable), so that focus is not lost.
              <Button
                size="small"
                appearance="secondary"
                onClick={() => void markAll()}
                disabledFocusable={marking || unread === 0}
              >
                <FormattedMessage id="notifications.markAllRead" />
              </Button>
            ) : null}
          </div>
          {markError ? <Text role="alert">{errorText(intl, markError)}</Text> : null}
          {error && !data ? <ErrorMessage error={error} onRetry={() => void refresh()} /> : null}
          {!data && !error ? (
            <Spinner size="small" label={intl.formatMessage({ id: 'common.loading' })} />
          ) : null}
          {data && data.value.length === 0 ? (
            <Text as="p" className={styles.empty}>
              <FormattedMessage id="notifications.empty" />
            </Text>
          ) : null}
          {data && data.value.length > 0 ? (
            <ul className={styles.list}>
              {data.value.map((n) => (
                <li key={n.id} className={mergeClasses(styles.item, !n.read && styles.unread)}>
                  <span className={n.read ? styles.message : styles.messageUnread}>
                    {n.read ? null : (
                      <span className={hidden.root}>
                        <FormattedMessage id="notifications.unreadPrefix" />{' '}
                      </span>
                    )}
                    {n.message}
                  </span>
                  <span className={styles.meta}>
                    <time dateTime={n.createdAt}>
                      {intl.formatDate(n.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
                    </time>
                  </span>
                  {n.engagementId ? (
                    <EngagementLink
                      engagementId={n.engagementId}
                      nominationId={n.nominationId}
                      onFollow={() => setOpen(false)}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </PopoverSurface>
      </Popover>
      {unread > 0 ? (
        <CounterBadge
          className={styles.badge}
          count={unread}
          overflowCount={99}
          size="small"
          color="danger"
          aria-hidden
        />
      ) : null}
    </span>
  );
}

/** Issue 15: a notification about one record opens the Customers page on its row (useOpenRecord.ts). */
function EngagementLink({
  engagementId,
  nominationId,
  onFollow,
}: {
  engagementId: string;
  nominationId: string | null;
  onFollow: () => void;
}) {
  const styles = useStyles();
  const href = nominationId
    ? `/engagements/${encodeURIComponent(engagementId)}/customers?record=${encodeURIComponent(nominationId)}`
    : `/engagements/${encodeURIComponent(engagementId)}/customers`;
  const go = useLinkHandler(href);
  return (
    <a
      href={href}
      className={styles.link}
      onClick={(event) => {
        go(event);
        onFollow();
      }}
    >
      <FormattedMessage id={nominationId ? 'notifications.openRecord' : 'notifications.openCustomers'} />
    </a>
  );
}
