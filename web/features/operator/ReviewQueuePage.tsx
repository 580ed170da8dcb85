import { Button, Checkbox, Field, Select, Spinner, Text } from '@fluentui/react-components';
import { type MouseEvent, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { update, useQuery } from '../../api/cache.ts';
import {
  AWAITING_OPERATOR,
  CLAIM_STATUSES,
  type ClaimStatus,
  operatorApi,
  type QueuePage,
  queuePath,
} from '../../api/operator.ts';
import type { ReviewQueueItem } from '../../api/types.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { statusFilterId, statusLabel } from '../../components/statusLabels.ts';
import { Link, navigate, useLocation } from '../../routes/router.tsx';
import { ENGAGEMENTS_CACHE_KEY, formatDate, QUEUE_CACHE_PREFIX } from './labels.ts';
import { useOperatorStyles } from './styles.ts';

// The claim review queue (spec §4.4, §4.5): submitted workshop claims in the server's order (oldest
// submission first), filtered by status (several) and engagement, in keyset pages ("Load more"
// follows nextLink). The filters live in the URL (replace, no focus move), so a reload or the Back
// button from a claim keeps them.

function isStatus(value: string): value is ClaimStatus {
  return (CLAIM_STATUSES as readonly string[]).includes(value);
}

function useFilters() {
  const { search } = useLocation();
  const params = new URLSearchParams(search);
  const raw = params.get('status');
  const statuses: ClaimStatus[] =
    raw === null ? [...AWAITING_OPERATOR] : raw.split(',').filter((s) => isStatus(s));
  const engagementId = params.get('engagement') ?? '';
  const set = (next: { statuses?: ClaimStatus[]; engagementId?: string }) => {
    const q = new URLSearchParams();
    q.set('status', (next.statuses ?? statuses).join(','));
    const e = next.engagementId ?? engagementId;
    if (e) q.set('engagement', e);
    navigate(`/operator/claims?${q}`, { replace: true, focus: false });
  };
  return { statuses, engagementId, set };
}

export default function ReviewQueuePage() {
  const intl = useIntl();
  const styles = useOperatorStyles();
  const headingId = useId();
  const { statuses, engagementId, set } = useFilters();
  // No status ticked: every status (rather than an empty page).
  const filters = { statuses: statuses.length > 0 ? statuses : CLAIM_STATUSES, engagementId };
  const key = `${QUEUE_CACHE_PREFIX}${queuePath(filters)}`;
  const queue = useQuery<QueuePage>(key, () => operatorApi.queue(filters), 30_000);
  const engagements = useQuery(ENGAGEMENTS_CACHE_KEY, () => operatorApi.engagements(), 60_000);
  const [more, setMore] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null });

  const loadMore = async () => {
    const current = queue.data;
    if (!current?.next || more.loading) return;
    setMore({ loading: true, error: null });
    try {
      const page = await operatorApi.next(current.next);
      update<QueuePage>(key, { value: [...current.value, ...page.value], next: page.next });
      setMore({ loading: false, error: null });
    } catch (error) {
      setMore({ loading: false, error });
    }
  };

  const toggle = (status: ClaimStatus, checked: boolean) =>
    set({
      statuses: checked
        ? CLAIM_STATUSES.filter((s) => s === status || statuses.includes(s))
        : statuses.filter((s) => s !== status),
    });

  const workshops = (engagements.data?.value ?? []).filter((e) => e.kind === 'workshop');
  const rows = queue.data?.value ?? [];

  return (
    <Page title={intl.formatMessage({ id: 'operator.queue.title' })}>
      <Text as="p" className={styles.intro}>
        <FormattedMessage id="operator.queue.intro" />
      </Text>
      <div className={styles.bar}>
        <fieldset className={styles.statusFilter}>
          <legend>
            <FormattedMessage id="operator.filter.status" />
          </legend>
          {CLAIM_STATUSES.map((s) => (
            <Checkbox
              key={s}
              label={intl.formatMessage({ id: statusFilterId(s) })}
              checked={statuses.includes(s)}
              onChange={(_e, d) => toggle(s, d.checked === true)}
            />
          ))}
        </fieldset>
        <Field label={intl.formatMessage({ id: 'operator.filter.engagement' })}>
          <Select
            className={styles.select}
            value={engagementId}
            onChange={(_e, d) => set({ engagementId: d.value })}
          >
            <option value="">{intl.formatMessage({ id: 'operator.filter.allEngagements' })}</option>
            {workshops.map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <section className={styles.section} aria-labelledby={headingId}>
        <h2 id={headingId} className={styles.h2}>
          <FormattedMessage id="operator.queue.heading" />
        </h2>
        {queue.error && !queue.data ? <ErrorMessage error={queue.error} onRetry={queue.reload} /> : null}
        {!queue.data && !queue.error ? (
          <Spinner label={intl.formatMessage({ id: 'common.loading' })} />
        ) : null}
        <span role="status" className={styles.muted}>
          {queue.data ? (
            rows.length === 0 ? (
              <FormattedMessage id="operator.queue.empty" />
            ) : (
              <FormattedMessage
                id={queue.data.next ? 'operator.queue.countMore' : 'operator.queue.count'}
                values={{ count: rows.length }}
              />
            )
          ) : null}
        </span>
        {rows.length > 0 ? (
          <ScrollRegion labelledBy={headingId}>
            <QueueTable rows={rows} labelledBy={headingId} />
          </ScrollRegion>
        ) : null}
        {more.error ? <ErrorMessage error={more.error} onRetry={() => void loadMore()} /> : null}
        {queue.data?.next ? (
          <div>
            <Button
              onClick={() => void loadMore()}
              disabledFocusable={more.loading}
              icon={more.loading ? <Spinner size="tiny" /> : undefined}
            >
              <FormattedMessage id="operator.queue.loadMore" />
            </Button>
          </div>
        ) : null}
      </section>
    </Page>
  );
}

function QueueTable({ rows, labelledBy }: { rows: ReviewQueueItem[]; labelledBy: string }) {
  const intl = useIntl();
  const styles = useOperatorStyles();
  // A click anywhere on a row opens the claim (the customer's link is the keyboard's way in).
  const openRow = (event: MouseEvent<HTMLTableRowElement>, href: string) => {
    if ((event.target as HTMLElement).closest('a, button')) return;
    if (window.getSelection()?.toString()) return;
    navigate(href);
  };
  return (
    <table className={styles.table} aria-labelledby={labelledBy}>
      <thead>
        <tr>
          <th scope="col">
            <FormattedMessage id="operator.column.customer" />
          </th>
          <th scope="col">
            <FormattedMessage id="operator.column.partner" />
          </th>
          <th scope="col">
            <FormattedMessage id="operator.column.workshop" />
          </th>
          <th scope="col">
            <FormattedMessage id="operator.column.status" />
          </th>
          <th scope="col">
            <FormattedMessage id="operator.column.submitted" />
          </th>
          <th scope="col">
            <FormattedMessage id="operator.column.daysLeft" />
          </th>
          <th scope="col">
            <FormattedMessage id="operator.column.disputed" />
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const href = `/operator/claims/${encodeURIComponent(r.nominationId)}`;
          return (
            <tr key={r.nominationId} className={styles.clickable} onClick={(e) => openRow(e, href)}>
              <td>
                <Link href={href}>{r.customer.name}</Link>
              </td>
              <td>
                {r.partner.name}
                <span className={styles.secondary}>
                  <FormattedMessage
                    id="operator.location"
                    values={{ name: r.location.name, mpnId: r.location.mpnId }}
                  />
                </span>
              </td>
              <td>{r.engagement.name}</td>
              <td>{statusLabel(intl, r.status)}</td>
              <td>
                <time dateTime={r.submittedAt}>{formatDate(intl, r.submittedAt)}</time>
                {r.firstSubmittedAt !== r.submittedAt ? (
                  <span className={styles.secondary}>
                    <FormattedMessage
                      id="operator.queue.firstSubmitted"
                      values={{ date: formatDate(intl, r.firstSubmittedAt) }}
                    />
                  </span>
                ) : null}
              </td>
              <td>
                {r.daysLeft === null ? (
                  '—'
                ) : (
                  <FormattedMessage id="operator.daysLeft" values={{ days: r.daysLeft }} />
                )}
              </td>
              <td>
                <FormattedMessage id={r.disputed ? 'operator.disputed.yes' : 'operator.disputed.no'} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
