import {
  Button,
  Field,
  Input,
  Link,
  makeStyles,
  Select,
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
import { type FormEvent, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { type AuditFilters, auditApi } from '../../api/audit.ts';
import { useQuery } from '../../api/cache.ts';
import type { AuditEvent } from '../../api/types.ts';
import { useUser } from '../../app/contexts.ts';
import { AUDIT_ACTIONS, actionLabel, actorLabel } from '../../components/auditLabels.ts';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { Page } from '../../components/Page.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { statusLabel } from '../../components/statusLabels.ts';
import { canReadActivity } from '../../routes/access.ts';
import { NotAllowedPage } from '../errors/NotAllowedPage.tsx';

const useStyles = makeStyles({
  h2: { ...typographyStyles.subtitle1, margin: 0 },
  filters: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
    alignItems: 'end',
    border: 'none',
    padding: 0,
    margin: 0,
  },
  field: { minWidth: 0, flex: '1 1 10rem', maxWidth: '16rem' },
  // The change list's longest option would otherwise set its width (wider than a 320 px screen).
  select: { width: '100%', minWidth: 0 },
  selectControl: { width: '100%', minWidth: 0, textOverflow: 'ellipsis' },
  // An input is as wide as its default size (20 characters) unless told: at 375 px the Record ID
  // field reached past the screen.
  input: { width: '100%', minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  mono: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
});

/** `/activity`: the audit log with filters and its CSV export (issue 14). */
export default function ActivityPage() {
  const intl = useIntl();
  const user = useUser();
  if (!canReadActivity(user))
    return <NotAllowedPage reason={intl.formatMessage({ id: 'notAllowed.activity' })} />;
  return <Activity />;
}

/** A date field's day as the API's instant: the start of the day, or (`end`) its last millisecond, UTC. */
const dayBound = (day: string, end: boolean) =>
  day ? `${day}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : undefined;

function Activity() {
  const styles = useStyles();
  const intl = useIntl();
  const [form, setForm] = useState({ from: '', to: '', action: '', nominationId: '' });
  const [filters, setFilters] = useState<AuditFilters>({});
  const key = JSON.stringify(filters);
  // The first page of these filters, fresh on every visit (web/api/cache.ts); "Show more" adds pages.
  const first = useQuery(`audit:${key}`, () => auditApi.page(filters), 0);
  const [more, setMore] = useState<{
    key: string;
    events: AuditEvent[];
    next: string | null;
    loading: boolean;
    error?: unknown;
  } | null>(null);
  const headingId = useId();
  const extra = more?.key === key ? more : null;
  const events = first.data ? [...first.data.value, ...(extra?.events ?? [])] : undefined;
  const next = extra ? extra.next : (first.data?.next ?? null);
  const error = extra?.error ?? first.error;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilters({
      from: dayBound(form.from, false),
      to: dayBound(form.to, true),
      action: form.action || undefined,
      nominationId: form.nominationId.trim() || undefined,
    });
  };

  const showMore = () => {
    if (!next || extra?.loading) return;
    const before = extra?.events ?? [];
    setMore({ key, events: before, next, loading: true });
    auditApi
      .next(next)
      .then((page) => setMore({ key, events: [...before, ...page.value], next: page.next, loading: false }))
      .catch((e: unknown) => setMore({ key, events: before, next, loading: false, error: e }));
  };

  const field = (name: keyof typeof form) => ({
    value: form[name],
    onChange: (_e: unknown, data: { value: string }) => setForm((f) => ({ ...f, [name]: data.value })),
  });

  return (
    <Page title={intl.formatMessage({ id: 'activity.title' })}>
      <Text as="p">
        <FormattedMessage id="activity.intro" />
      </Text>
      <form onSubmit={apply} noValidate>
        <fieldset className={styles.filters}>
          <legend className={styles.h2}>
            <FormattedMessage id="activity.filters" />
          </legend>
          <Field className={styles.field} label={intl.formatMessage({ id: 'activity.from' })}>
            <Input className={styles.input} type="date" {...field('from')} />
          </Field>
          <Field className={styles.field} label={intl.formatMessage({ id: 'activity.to' })}>
            <Input className={styles.input} type="date" {...field('to')} />
          </Field>
          <Field className={styles.field} label={intl.formatMessage({ id: 'activity.action' })}>
            <Select
              className={styles.select}
              select={{ className: styles.selectControl }}
              {...field('action')}
            >
              <option value="">{intl.formatMessage({ id: 'activity.anyAction' })}</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {actionLabel(intl, action)}
                </option>
              ))}
            </Select>
          </Field>
          <Field className={styles.field} label={intl.formatMessage({ id: 'activity.record' })}>
            <Input className={styles.input} {...field('nominationId')} />
          </Field>
          <div className={styles.actions}>
            <Button type="submit" appearance="primary">
              <FormattedMessage id="activity.apply" />
            </Button>
            <Link href={auditApi.exportUrl(filters)} download>
              <FormattedMessage id="activity.export" />
            </Link>
          </div>
        </fieldset>
      </form>
      <h2 className={styles.h2} id={headingId}>
        <FormattedMessage id="activity.title" />
      </h2>
      {error !== undefined && !extra?.loading ? (
        <ErrorMessage error={error} onRetry={extra?.error !== undefined ? showMore : first.reload} />
      ) : null}
      {!events ? (
        error === undefined ? (
          <PageSpinner label={intl.formatMessage({ id: 'activity.title' })} />
        ) : null
      ) : events.length === 0 ? (
        <Text as="p" role="status">
          <FormattedMessage id="activity.empty" />
        </Text>
      ) : (
        <>
          <ScrollRegion labelledBy={headingId}>
            <Table aria-labelledby={headingId}>
              <TableHeader>
                <TableRow>
                  {(['when', 'who', 'what', 'recordColumn', 'status'] as const).map((column) => (
                    <TableHeaderCell key={column}>
                      <FormattedMessage id={`activity.${column}`} />
                    </TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {events.map((e) => (
                  <TableRow key={e.id}>
                    <TableCell>
                      {intl.formatDate(e.at, { dateStyle: 'medium', timeStyle: 'short' })}
                    </TableCell>
                    <TableCell>{actorLabel(intl, e.actor)}</TableCell>
                    <TableCell>{actionLabel(intl, e.action)}</TableCell>
                    <TableCell className={styles.mono}>{e.target.nominationId ?? ''}</TableCell>
                    <TableCell>
                      {e.fromStatus && e.toStatus
                        ? intl.formatMessage(
                            { id: 'activity.statusChange' },
                            { from: statusLabel(intl, e.fromStatus), to: statusLabel(intl, e.toStatus) },
                          )
                        : e.toStatus
                          ? statusLabel(intl, e.toStatus)
                          : ''}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollRegion>
          {next ? (
            <div>
              <Button onClick={showMore} disabled={extra?.loading ?? false}>
                <FormattedMessage id="activity.more" />
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Page>
  );
}
