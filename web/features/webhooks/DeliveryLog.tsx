import {
  Button,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useEffect, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { useQuery } from '../../api/cache.ts';
import {
  type DeliveryPage,
  type WebhookDelivery,
  type WebhookEndpoint,
  webhooksApi,
} from '../../api/webhooks.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { errorSentences } from '../../components/errors.ts';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';

const useStyles = makeStyles({
  log: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  head: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  h4: { ...typographyStyles.body1Strong, margin: 0, overflowWrap: 'anywhere' },
  mono: { fontFamily: tokens.fontFamilyMonospace, whiteSpace: 'nowrap' },
  reason: { minWidth: '12rem' },
});

/** While a message is still being sent, the log looks again this often (delivery is a background job). */
const PENDING_REFRESH_MS = 2_000;

export const deliveriesKey = (endpointId: string) => `webhook-deliveries:${endpointId}`;

/**
 * An endpoint's delivery log, newest first: a page at a time ("Load more"), each delivery with a
 * Redeliver button (the same `webhook-id` again).
 */
export function DeliveryLog({
  endpoint,
  announce,
}: {
  endpoint: WebhookEndpoint;
  announce: (intent: 'success' | 'error', text: string) => void;
}) {
  const styles = useStyles();
  const intl = useIntl();
  const first = useQuery(deliveriesKey(endpoint.id), () => webhooksApi.deliveries(endpoint.id), 0);
  const reload = first.reload;
  // Further pages belong to the first page they followed: a new first page starts over.
  const [more, setMore] = useState<{
    after: DeliveryPage;
    value: WebhookDelivery[];
    next: string | null;
    loading: boolean;
  } | null>(null);
  const extra = more && more.after === first.data ? more : null;
  const deliveries = first.data ? [...first.data.value, ...(extra?.value ?? [])] : undefined;
  const next = extra ? extra.next : (first.data?.next ?? null);
  const headingId = useId();

  const pending = first.data?.value.some((d) => d.status === 'pending') ?? false;
  useEffect(() => {
    if (!pending || first.loading || extra) return;
    const timer = setTimeout(reload, PENDING_REFRESH_MS);
    return () => clearTimeout(timer);
  }, [pending, first.loading, extra, reload]);

  const loadMore = () => {
    const base = first.data;
    if (!base || !next || extra?.loading) return;
    const before = extra?.value ?? [];
    setMore({ after: base, value: before, next, loading: true });
    webhooksApi
      .nextDeliveries(next)
      .then((page) =>
        setMore({ after: base, value: [...before, ...page.value], next: page.next, loading: false }),
      )
      .catch((e: unknown) => {
        setMore({ after: base, value: before, next, loading: false });
        announce('error', errorSentences(intl, e).join(' '));
      });
  };

  const redeliver = async (delivery: WebhookDelivery) => {
    try {
      await webhooksApi.redeliver(endpoint.id, delivery.id);
      announce(
        'success',
        intl.formatMessage({ id: 'webhooks.redelivered' }, { messageId: delivery.messageId }),
      );
      reload();
    } catch (e) {
      announce('error', errorSentences(intl, e).join(' '));
    }
  };

  // Why the last attempt failed, as a sentence (the stable code of the API; its socket detail is for
  // the receiver's developers and stays in the API).
  const response = (d: WebhookDelivery) =>
    d.failureCode
      ? intl.formatMessage(
          { id: `webhooks.deliveries.failure.${d.failureCode}` },
          { status: d.responseStatus ?? 0 },
        )
      : (d.responseStatus ?? intl.formatMessage({ id: 'webhooks.deliveries.noAnswer' }));
  const at = (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeStyle: 'medium' });
  const duration = (ms: number | null) =>
    ms === null ? '—' : intl.formatNumber(ms, { style: 'unit', unit: 'millisecond', unitDisplay: 'short' });

  return (
    <div className={styles.log}>
      <div className={styles.head}>
        <h4 className={styles.h4} id={headingId}>
          <FormattedMessage id="webhooks.deliveries.heading" values={{ url: endpoint.url }} />
        </h4>
        <Button size="small" onClick={reload}>
          <FormattedMessage id="webhooks.deliveries.refresh" />
        </Button>
      </div>
      {!deliveries ? (
        first.error !== undefined ? (
          <ErrorMessage
            error={first.error}
            title={intl.formatMessage({ id: 'webhooks.deliveries.loadFailed' })}
            onRetry={reload}
          />
        ) : (
          <Spinner size="tiny" label={intl.formatMessage({ id: 'webhooks.deliveries.loading' })} />
        )
      ) : deliveries.length === 0 ? (
        <Text as="p">
          <FormattedMessage id="webhooks.deliveries.empty" />
        </Text>
      ) : (
        <ScrollRegion labelledBy={headingId}>
          <Table aria-labelledby={headingId} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>
                  <FormattedMessage id="webhooks.deliveries.column.messageId" />
                </TableHeaderCell>
                <TableHeaderCell>
                  <FormattedMessage id="webhooks.deliveries.column.event" />
                </TableHeaderCell>
                <TableHeaderCell>
                  <FormattedMessage id="webhooks.deliveries.column.attempt" />
                </TableHeaderCell>
                <TableHeaderCell>
                  <FormattedMessage id="webhooks.deliveries.column.status" />
                </TableHeaderCell>
                <TableHeaderCell>
                  <FormattedMessage id="webhooks.deliveries.column.response" />
                </TableHeaderCell>
                <TableHeaderCell>
                  <FormattedMessage id="webhooks.deliveries.column.duration" />
                </TableHeaderCell>
                <TableHeaderCell>
                  <FormattedMessage id="webhooks.deliveries.column.at" />
                </TableHeaderCell>
                <TableHeaderCell>
                  <FormattedMessage id="webhooks.deliveries.column.actions" />
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {deliveries.map((d) => (
                <TableRow key={d.id}>
                  <TableCell className={styles.mono}>{d.messageId}</TableCell>
                  <TableCell className={styles.mono}>{d.event}</TableCell>
                  <TableCell>{intl.formatNumber(d.attempt)}</TableCell>
                  <TableCell>
                    <FormattedMessage id={`webhooks.deliveries.status.${d.status}`} />
                  </TableCell>
                  <TableCell className={styles.reason}>{response(d)}</TableCell>
                  <TableCell>{duration(d.durationMs)}</TableCell>
                  <TableCell>{at(d.at)}</TableCell>
                  <TableCell>
                    <Button size="small" onClick={() => void redeliver(d)}>
                      <FormattedMessage id="webhooks.deliveries.redeliver" />
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollRegion>
      )}
      {next ? (
        <div>
          <Button
            disabledFocusable={extra?.loading ?? false}
            icon={extra?.loading ? <Spinner size="tiny" /> : undefined}
            onClick={loadMore}
          >
            <FormattedMessage id="webhooks.deliveries.loadMore" />
          </Button>
        </div>
      ) : null}
    </div>
  );
}
