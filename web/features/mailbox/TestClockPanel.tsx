import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { ClockRegular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { invalidate, useQuery } from '../../api/cache.ts';
import { devApi } from '../../api/dev.ts';
import { CLOCK_KEY } from '../../components/appTime.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { useMailboxStyles } from './styles.ts';

// The test clock (MCI_TEST_CLOCK=1): shows the app's time and moves it on, so that deadlines, reminders
// and expiry can be shown without waiting. The worker's sweeps run every minute; lists already hide
// what has expired, because the server computes the effective status.

const STEPS = [
  { days: 1, duration: 'P1D' },
  { days: 7, duration: 'P7D' },
  { days: 31, duration: 'P31D' },
] as const;

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    maxWidth: '720px',
  },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  now: { fontWeight: tokens.fontWeightSemibold },
});

export function TestClockPanel() {
  const styles = useStyles();
  const shared = useMailboxStyles();
  const intl = useIntl();
  const headingId = useId();
  const clock = useQuery(CLOCK_KEY, () => devApi.clock(), 30_000);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');

  const advance = async (duration: string) => {
    setBusy(true);
    setError(null);
    setStatus('');
    try {
      const next = await devApi.advance({ advance: duration });
      // Every list, count and deadline may read differently now.
      invalidate();
      setStatus(
        intl.formatMessage(
          { id: 'testClock.advanced' },
          { time: intl.formatDate(next.now, { dateStyle: 'medium', timeStyle: 'short' }) },
        ),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const data = clock.data;
  const aheadDays = data ? Math.round(data.offsetMs / 86_400_000) : 0;

  return (
    <section className={styles.box} aria-labelledby={headingId}>
      <h2 id={headingId} className={shared.h2}>
        <ClockRegular aria-hidden /> <FormattedMessage id="testClock.title" />
      </h2>
      <Text as="p" className={shared.intro}>
        <FormattedMessage id="testClock.intro" />
      </Text>
      {clock.error && !data ? <ErrorMessage error={clock.error} onRetry={clock.reload} /> : null}
      {data ? (
        <Text as="p">
          <FormattedMessage
            id="testClock.now"
            values={{
              time: (
                <time className={styles.now} dateTime={data.now}>
                  {intl.formatDate(data.now, { dateStyle: 'full', timeStyle: 'short' })}
                </time>
              ),
            }}
          />{' '}
          {aheadDays > 0 ? <FormattedMessage id="testClock.ahead" values={{ days: aheadDays }} /> : null}
        </Text>
      ) : clock.error ? null : (
        <Spinner size="tiny" label={intl.formatMessage({ id: 'common.loading' })} />
      )}
      <div className={styles.buttons}>
        {STEPS.map((s) => (
          <Button
            key={s.duration}
            disabledFocusable={busy}
            onClick={() => void advance(s.duration)}
            aria-label={intl.formatMessage({ id: 'testClock.advanceLabel' }, { days: s.days })}
          >
            <FormattedMessage id="testClock.advance" values={{ days: s.days }} />
          </Button>
        ))}
      </div>
      <span role="status">{status}</span>
      {error ? <ErrorMessage error={error} /> : null}
    </section>
  );
}
