import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Link as FluentLink,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { CheckmarkCircleRegular, DismissCircleRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError } from '../../api/client.ts';
import { publicConsentApi } from '../../api/consent.ts';
import type { ConsentDecision, PublicConsent } from '../../api/types.ts';
import { usePreferences } from '../../app/contexts.ts';
import { deadlineText } from '../../components/dates.ts';
import { errorText } from '../../components/errors.ts';
import { Page } from '../../components/Page.tsx';
import { PublicLinkError, type PublicLinkMessages } from '../../components/PublicLinkError.tsx';
import { useProgramPartner } from '../../components/programBrand.tsx';
import { isLocale } from '../../i18n/locales.ts';

const LINK_MESSAGES: PublicLinkMessages = {
  title: 'publicConsent.title',
  expiredTitle: 'publicConsent.expired.title',
  expiredBody: 'publicConsent.expired.body',
  invalidTitle: 'publicConsent.invalid.title',
  invalidBody: 'publicConsent.invalid.body',
  contactPartner: 'publicConsent.contactPartner',
};

// The customer's consent page (spec §4.3), opened from the email: no sign-in, no app shell. It shows
// the partner, the workshop(s), what consent means and the deadline, and records accept or decline.
// It is shown in the language of the request (the email's) unless the visitor picks another one.
// The server answers the page's HTML with 404/410 for links that are no longer valid or expired, so
// the page renders from the API's answer, never assuming success.

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalXL,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    maxWidth: '760px',
    minWidth: 0,
    boxSizing: 'border-box',
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  h2: { ...typographyStyles.subtitle1, margin: 0 },
  workshops: {
    margin: 0,
    paddingLeft: 0,
    listStyle: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  workshopName: { ...typographyStyles.body1Strong, display: 'block' },
  workshopDescription: { color: tokens.colorNeutralForeground2 },
  points: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'grid',
    gap: tokens.spacingVerticalXS,
  },
  contact: { overflowWrap: 'anywhere' },
  deadline: { ...typographyStyles.body1Strong },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  outcome: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM },
  outcomeIcon: { flexShrink: 0, fontSize: '32px' },
  accepted: { color: tokens.colorPaletteGreenForeground1 },
  declined: { color: tokens.colorNeutralForeground2 },
  muted: { color: tokens.colorNeutralForeground2 },
});

type Load =
  | { kind: 'loading' }
  | { kind: 'ready'; consent: PublicConsent }
  | { kind: 'error'; error: unknown };

export default function PublicConsentPage({ params }: { params: Record<string, string> }) {
  const token = params.token ?? '';
  const intl = useIntl();
  const { locale, showLocale } = usePreferences();
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [notice, setNotice] = useState<{ intent: 'info' | 'error'; text: string } | null>(null);
  const languageApplied = useRef(false);

  const fetchConsent = useCallback(
    (signal?: AbortSignal) =>
      publicConsentApi.get(token, signal).then(
        (consent) => setLoad({ kind: 'ready', consent }),
        (error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          setLoad({ kind: 'error', error });
        },
      ),
    [token],
  );

  // Loads again when the language changes: workshop texts come in the language asked for.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the locale is what the request's Accept-Language says
  useEffect(() => {
    const controller = new AbortController();
    void fetchConsent(controller.signal);
    return () => controller.abort();
  }, [fetchConsent, locale]);

  // The first answer says which language the customer asked for: show the page in it (once; the
  // visitor's own pick afterwards wins).
  const requested = load.kind === 'ready' ? load.consent.locale : null;
  useEffect(() => {
    if (!requested || languageApplied.current) return;
    languageApplied.current = true;
    if (isLocale(requested) && requested !== locale) void showLocale(requested);
  }, [requested, locale, showLocale]);

  const focusTitle = () =>
    window.requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());

  const decide = async (decision: ConsentDecision) => {
    setNotice(null);
    try {
      const consent = await publicConsentApi.decide(token, decision);
      setLoad({ kind: 'ready', consent });
      focusTitle();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 404 || error.status === 410)) {
        setLoad({ kind: 'error', error });
        focusTitle();
      } else if (error instanceof ApiError && error.status === 409) {
        // Already answered (or no longer open): show where it stands now.
        setNotice({ intent: 'info', text: intl.formatMessage({ id: 'publicConsent.alreadyAnswered' }) });
        await fetchConsent();
        focusTitle();
      } else if (error instanceof ApiError && error.status === 429) {
        setNotice({ intent: 'error', text: intl.formatMessage({ id: 'publicConsent.tooMany' }) });
      } else {
        setNotice({ intent: 'error', text: errorText(intl, error) });
      }
    }
  };

  if (load.kind === 'loading')
    return (
      <Page title={intl.formatMessage({ id: 'publicConsent.title' })}>
        <Spinner label={intl.formatMessage({ id: 'common.loading' })} />
      </Page>
    );
  if (load.kind === 'error')
    return (
      <PublicLinkError error={load.error} onRetry={() => void fetchConsent()} messages={LINK_MESSAGES} />
    );
  return <ConsentView consent={load.consent} notice={notice} onDecide={decide} />;
}

function ConsentView({
  consent,
  notice,
  onDecide,
}: {
  consent: PublicConsent;
  notice: { intent: 'info' | 'error'; text: string } | null;
  onDecide: (decision: ConsentDecision) => Promise<void>;
}) {
  const styles = useStyles();
  const intl = useIntl();
  const [busy, setBusy] = useState<ConsentDecision | null>(null);
  const [confirmingDecline, setConfirmingDecline] = useState(false);
  const workshopsId = useId();
  const meaningId = useId();
  const contactId = useId();
  const partner = consent.partner.name;
  useProgramPartner(partner);
  const customer = consent.customer.name;
  const workshopNames = intl.formatList(
    consent.workshops.map((w) => w.name),
    { type: 'conjunction' },
  );
  const date = (iso: string) => deadlineText(intl, iso);

  const run = async (decision: ConsentDecision) => {
    setBusy(decision);
    try {
      await onDecide(decision);
    } finally {
      setBusy(null);
      setConfirmingDecline(false);
    }
  };

  const noticeBar = notice ? (
    <MessageBar intent={notice.intent} layout="multiline">
      <MessageBarBody>{notice.text}</MessageBarBody>
    </MessageBar>
  ) : null;

  const contact = (
    <section className={styles.section} aria-labelledby={contactId}>
      <h2 id={contactId} className={styles.h2}>
        <FormattedMessage id="publicConsent.contact.heading" />
      </h2>
      <Text as="p" className={styles.contact}>
        <FormattedMessage
          id="publicConsent.contact.body"
          values={{
            name: consent.partner.contactName,
            partner,
            email: (
              <FluentLink href={`mailto:${consent.partner.contactEmail}`}>
                {consent.partner.contactEmail}
              </FluentLink>
            ),
          }}
        />
      </Text>
    </section>
  );

  if (consent.state !== 'open') {
    const accepted = consent.state === 'accepted';
    const Icon = accepted ? CheckmarkCircleRegular : DismissCircleRegular;
    return (
      <Page
        title={intl.formatMessage({
          id: accepted ? 'publicConsent.accepted.title' : 'publicConsent.declined.title',
        })}
      >
        {noticeBar}
        <div className={styles.card}>
          <div className={styles.outcome} role="status">
            <Icon
              aria-hidden
              className={`${styles.outcomeIcon} ${accepted ? styles.accepted : styles.declined}`}
            />
            <Text as="p">
              {accepted ? (
                <FormattedMessage
                  id="publicConsent.accepted.body"
                  values={{ partner, customer, workshops: workshopNames }}
                />
              ) : (
                <FormattedMessage
                  id="publicConsent.declined.body"
                  values={{ partner, workshops: workshopNames }}
                />
              )}
            </Text>
          </div>
          {accepted && consent.claimDueAt ? (
            <Text as="p">
              <FormattedMessage
                id="publicConsent.accepted.deadline"
                values={{ partner, date: date(consent.claimDueAt) }}
              />
            </Text>
          ) : null}
          {contact}
          <Text as="p" className={styles.muted}>
            <FormattedMessage id="publicConsent.closePage" />
          </Text>
        </div>
      </Page>
    );
  }

  return (
    <Page title={intl.formatMessage({ id: 'publicConsent.title' })}>
      {noticeBar}
      <div className={styles.card}>
        <Text as="p">
          <FormattedMessage
            id="publicConsent.intro"
            values={{ partner, customer, name: consent.customer.contactName }}
          />
        </Text>
        <section className={styles.section} aria-labelledby={workshopsId}>
          <h2 id={workshopsId} className={styles.h2}>
            <FormattedMessage
              id="publicConsent.workshops.heading"
              values={{ count: consent.workshops.length }}
            />
          </h2>
          <ul className={styles.workshops}>
            {consent.workshops.map((w) => (
              <li key={w.name}>
                <span className={styles.workshopName}>{w.name}</span>
                <span className={styles.workshopDescription}>{w.description}</span>
              </li>
            ))}
          </ul>
        </section>
        <section className={styles.section} aria-labelledby={meaningId}>
          <h2 id={meaningId} className={styles.h2}>
            <FormattedMessage id="publicConsent.meaning.heading" />
          </h2>
          <ul className={styles.points}>
            <li>
              <FormattedMessage id="publicConsent.meaning.deliver" values={{ partner, customer }} />
            </li>
            <li>
              <FormattedMessage id="publicConsent.meaning.noCost" />
            </li>
            <li>
              <FormattedMessage id="publicConsent.meaning.contact" />
            </li>
            <li>
              <FormattedMessage id="publicConsent.meaning.onePartner" />
            </li>
            <li>
              <FormattedMessage id="publicConsent.meaning.decline" values={{ partner }} />
            </li>
          </ul>
        </section>
        {contact}
        <Text as="p" className={styles.deadline}>
          <FormattedMessage id="publicConsent.deadline" values={{ date: date(consent.consentDueAt) }} />
        </Text>
        <div className={styles.buttons}>
          <Button
            appearance="primary"
            size="large"
            disabledFocusable={busy !== null}
            icon={busy === 'accept' ? <Spinner size="tiny" /> : undefined}
            onClick={() => void run('accept')}
          >
            <FormattedMessage id="publicConsent.accept" />
          </Button>
          <Button size="large" disabledFocusable={busy !== null} onClick={() => setConfirmingDecline(true)}>
            <FormattedMessage id="publicConsent.decline" />
          </Button>
        </div>
      </div>
      <Dialog
        open={confirmingDecline}
        modalType="alert"
        onOpenChange={(_e, d) => {
          if (!busy) setConfirmingDecline(d.open);
        }}
      >
        <DialogSurface aria-describedby={undefined}>
          <DialogBody>
            <DialogTitle>
              <FormattedMessage id="publicConsent.declineConfirm.title" />
            </DialogTitle>
            <DialogContent>
              <Text as="p">
                <FormattedMessage id="publicConsent.declineConfirm.body" values={{ partner, customer }} />
              </Text>
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                disabledFocusable={busy !== null}
                icon={busy === 'decline' ? <Spinner size="tiny" /> : undefined}
                onClick={() => void run('decline')}
              >
                <FormattedMessage id="publicConsent.declineConfirm.confirm" />
              </Button>
              <Button disabled={busy !== null} onClick={() => setConfirmingDecline(false)}>
                <FormattedMessage id="publicConsent.declineConfirm.cancel" />
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </Page>
  );
}
