import {
  Button,
  Field,
  Link as FluentLink,
  SearchBox,
  Spinner,
  Switch,
  Text,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular } from '@fluentui/react-icons';
import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from '../../api/cache.ts';
import { devApi } from '../../api/dev.ts';
import type { MailboxMessage } from '../../api/types.ts';
import { useSession } from '../../app/contexts.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { languageName } from '../../i18n/locales.ts';
import { NotFoundPage } from '../errors/NotFoundPage.tsx';
import { useMailboxStyles } from './styles.ts';
import { TestClockPanel } from './TestClockPanel.tsx';

// Demo aids (spec §10): the embedded mailbox (every email the app "sent", nothing leaves the server)
// and the test clock. The consent journey of the demo: Customers page → Trigger customer consent →
// here → open the consent link.

const REFRESH_MS = 10_000;

export default function MailboxPage() {
  const { session } = useSession();
  const intl = useIntl();
  const features = session?.features;
  if (!features?.mailbox && !features?.testClock) return <NotFoundPage />;
  return (
    <Page title={intl.formatMessage({ id: features.mailbox ? 'mailbox.title' : 'testClock.title' })}>
      {features.testClock ? <TestClockPanel /> : null}
      {features.mailbox ? <Mailbox /> : null}
    </Page>
  );
}

function Mailbox() {
  const styles = useMailboxStyles();
  const intl = useIntl();
  const [text, setText] = useState('');
  const [to, setTo] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const headingId = useId();
  const key = `dev:mailbox:${to.trim().toLowerCase()}`;
  const list = useQuery(key, () => devApi.mailbox(to), REFRESH_MS / 2);
  const { reload } = list;

  // New emails arrive while the page is open (the worker sends them): look again now and then.
  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [reload]);

  const messages = [...(list.data?.value ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const selected = messages.find((m) => m.id === selectedId) ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTo(text);
  };

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.h2}>
        <FormattedMessage id="mailbox.heading" />
      </h2>
      <Text as="p" className={styles.intro}>
        <FormattedMessage id="mailbox.intro" />
      </Text>
      <div className={styles.bar}>
        {/* biome-ignore lint/a11y/useSemanticElements: a search landmark around the form (the <search> element is too new) */}
        <form role="search" className={styles.filter} onSubmit={submit}>
          <Field label={intl.formatMessage({ id: 'mailbox.filter' })}>
            <SearchBox
              className={styles.searchBox}
              value={text}
              maxLength={254}
              onChange={(_e, d) => {
                setText(d.value);
                if (d.value === '') setTo('');
              }}
              dismiss={{ 'aria-label': intl.formatMessage({ id: 'mailbox.filter.clear' }) }}
            />
          </Field>
        </form>
        <Button icon={<ArrowClockwiseRegular />} onClick={reload} disabledFocusable={list.loading}>
          <FormattedMessage id="mailbox.refresh" />
        </Button>
      </div>
      {list.error && !list.data ? <ErrorMessage error={list.error} onRetry={reload} /> : null}
      {!list.data && !list.error ? <Spinner label={intl.formatMessage({ id: 'common.loading' })} /> : null}
      <span role="status" className={styles.muted}>
        {list.data ? <FormattedMessage id="mailbox.count" values={{ count: messages.length }} /> : null}
      </span>
      {messages.length > 0 ? (
        <ScrollRegion labelledBy={headingId}>
          <table className={styles.table} aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">
                  <FormattedMessage id="mailbox.column.subject" />
                </th>
                <th scope="col">
                  <FormattedMessage id="mailbox.column.to" />
                </th>
                <th scope="col">
                  <FormattedMessage id="mailbox.column.status" />
                </th>
                <th scope="col">
                  <FormattedMessage id="mailbox.column.time" />
                </th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id} className={m.id === selectedId ? styles.selected : undefined}>
                  <td>
                    <button
                      type="button"
                      className={styles.open}
                      aria-pressed={m.id === selectedId}
                      onClick={() => setSelectedId(m.id === selectedId ? null : m.id)}
                    >
                      {m.subject ?? intl.formatMessage({ id: 'mailbox.noSubject' })}
                    </button>
                  </td>
                  <td>{m.toName ? `${m.toName} <${m.to}>` : m.to}</td>
                  <td>
                    <FormattedMessage id={`mailbox.status.${m.status}`} />
                  </td>
                  <td>
                    <time dateTime={m.sentAt ?? m.createdAt}>
                      {intl.formatDate(m.sentAt ?? m.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
                    </time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      {selected ? <MessageView key={selected.id} message={selected} /> : null}
    </section>
  );
}

function MessageView({ message }: { message: MailboxMessage }) {
  const styles = useMailboxStyles();
  const intl = useIntl();
  const heading = useRef<HTMLHeadingElement>(null);
  const [html, setHtml] = useState(false);
  const headingId = useId();

  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <article className={styles.message} aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1} className={styles.h3}>
        {message.subject ?? intl.formatMessage({ id: 'mailbox.noSubject' })}
      </h3>
      <dl className={styles.meta}>
        <dt>
          <FormattedMessage id="mailbox.column.to" />
        </dt>
        <dd>{message.toName ? `${message.toName} <${message.to}>` : message.to}</dd>
        <dt>
          <FormattedMessage id="mailbox.column.time" />
        </dt>
        <dd>
          {intl.formatDate(message.sentAt ?? message.createdAt, { dateStyle: 'medium', timeStyle: 'medium' })}
        </dd>
        <dt>
          <FormattedMessage id="mailbox.column.status" />
        </dt>
        <dd>
          <FormattedMessage id={`mailbox.status.${message.status}`} />
        </dd>
        <dt>
          <FormattedMessage id="mailbox.language" />
        </dt>
        <dd>{languageName(message.locale, intl.locale)}</dd>
      </dl>
      {message.links.length > 0 ? (
        <div>
          <Text as="p" weight="semibold">
            <FormattedMessage id="mailbox.links" values={{ count: message.links.length }} />
          </Text>
          <ul className={styles.links}>
            {message.links.map((href) => (
              <li key={href}>
                <FluentLink href={href}>{href}</FluentLink>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {message.text ? (
        <pre className={styles.text} lang={message.locale}>
          {message.text}
        </pre>
      ) : (
        <Text as="p" className={styles.muted}>
          <FormattedMessage id="mailbox.noText" />
        </Text>
      )}
      {message.html ? (
        <>
          <Switch
            checked={html}
            onChange={(_e, d) => setHtml(d.checked)}
            label={intl.formatMessage({ id: 'mailbox.showHtml' })}
          />
          {html ? (
            <HtmlPreview
              html={message.html}
              title={intl.formatMessage(
                { id: 'mailbox.htmlTitle' },
                { subject: message.subject ?? intl.formatMessage({ id: 'mailbox.noSubject' }) },
              )}
            />
          ) : null}
        </>
      ) : null}
    </article>
  );
}

/**
 * The HTML of an email, whole (issue 15: a fixed-height frame cut it off). The frame takes the height
 * of its document, measured on load and again when its width changes; a long message scrolls inside
 * the preview, which the keyboard can reach. `allow-same-origin` only lets this page measure the
 * document: without `allow-scripts` nothing in the email runs, and it cannot submit or open anything.
 */
function HtmlPreview({ html, title }: { html: string; title: string }) {
  const styles = useMailboxStyles();
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState<number | null>(null);
  const measure = useCallback(() => {
    const root = frame.current?.contentDocument?.documentElement;
    if (root) setHeight(root.scrollHeight);
  }, []);
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const observer = new ResizeObserver(() => measure());
    observer.observe(element);
    return () => observer.disconnect();
  }, [measure]);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section className={styles.preview} tabIndex={0} aria-label={title}>
      <iframe
        ref={frame}
        sandbox="allow-same-origin"
        srcDoc={html}
        title={title}
        onLoad={measure}
        className={styles.frame}
        style={height === null ? undefined : { height: `${height}px` }}
      />
    </section>
  );
}
