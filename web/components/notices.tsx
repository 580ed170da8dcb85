import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  type MessageBarIntent,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { useIntl } from 'react-intl';

// App-wide notices (e.g. "your language choice was not saved"): a dismissible MessageBar at the
// top of the page, announced by Fluent's AriaLiveAnnouncer. Cheaper than the Toast package, which
// the initial bundle does not need (quality §2 budget).

interface Notice {
  id: number;
  text: string;
  intent: MessageBarIntent;
}

type Notify = (text: string, intent?: MessageBarIntent) => void;

const NoticeContext = createContext<{
  notices: Notice[];
  notify: Notify;
  dismiss: (id: number) => void;
} | null>(null);

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const next = useRef(0);
  const notify = useCallback<Notify>((text, intent = 'info') => {
    next.current += 1;
    const id = next.current;
    // Keep the last three: a burst of failures should not push the page down indefinitely.
    setNotices((current) => [...current.slice(-2), { id, text, intent }]);
  }, []);
  const dismiss = useCallback(
    (id: number) => setNotices((current) => current.filter((n) => n.id !== id)),
    [],
  );
  const value = useMemo(() => ({ notices, notify, dismiss }), [notices, notify, dismiss]);
  return <NoticeContext.Provider value={value}>{children}</NoticeContext.Provider>;
}

export function useNotify(): Notify {
  const value = useContext(NoticeContext);
  if (!value) throw new Error('useNotify outside <NoticeProvider>');
  return value.notify;
}

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  withNotices: { marginBottom: tokens.spacingVerticalL },
});

/** Rendered at the top of <main> by the layouts. */
export function Notices() {
  const styles = useStyles();
  const intl = useIntl();
  const value = useContext(NoticeContext);
  if (!value || value.notices.length === 0) return null;
  return (
    <div className={`${styles.list} ${styles.withNotices}`}>
      {value.notices.map((n) => (
        <MessageBar key={n.id} intent={n.intent} layout="multiline">
          <MessageBarBody>{n.text}</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                icon={<DismissRegular />}
                aria-label={intl.formatMessage({ id: 'common.dismiss' })}
                onClick={() => value.dismiss(n.id)}
              />
            }
          />
        </MessageBar>
      ))}
    </div>
  );
}
