import { Link as FluentLink, Spinner, Text } from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { type ReactNode, useId } from 'react';
import { FormattedMessage, type IntlShape, useIntl } from 'react-intl';
import { update, useQuery } from '../../api/cache.ts';
import { operatorApi } from '../../api/operator.ts';
import type { FileKind, OperatorClaimDetail } from '../../api/types.ts';
import { historyLabel } from '../../components/auditLabels.ts';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatMoney } from '../../components/money.ts';
import { Page } from '../../components/Page.tsx';
import { ScrollRegion } from '../../components/ScrollRegion.tsx';
import { statusLabel } from '../../components/statusLabels.ts';
import { languageName } from '../../i18n/locales.ts';
import { DecisionPanel } from './DecisionPanel.tsx';
import { DECISION_MESSAGE_IDS, formatBytes, formatDate, formatDateTime, poeLabel } from './labels.ts';
import { useOperatorStyles } from './styles.ts';

// One workshop claim for review (spec §4.4, §4.5): who and what, the deadlines, the expected payout,
// the proof of execution (files to download, both surveys' answers), the partner's comments and
// contacts, the previous decisions and the history; the decision panel at the end.

const claimCacheKey = (nominationId: string) => `operator:claim:${nominationId}`;

type Item = OperatorClaimDetail['items'][number];
type Survey = NonNullable<Item['survey']>;

export default function ClaimReviewPage({ params }: { params: Record<string, string> }) {
  const intl = useIntl();
  const nominationId = params.nominationId ?? '';
  const key = claimCacheKey(nominationId);
  const claim = useQuery(key, () => operatorApi.claim(nominationId), 15_000);
  const crumbs = (current: string) => (
    <Breadcrumbs
      items={[
        { label: intl.formatMessage({ id: 'operator.queue.title' }), href: '/operator/claims' },
        { label: current },
      ]}
    />
  );

  if (!claim.data) {
    const title = intl.formatMessage({ id: 'operator.claim.titleLoading' });
    return (
      <Page title={title} before={crumbs(title)}>
        {claim.error ? (
          <ErrorMessage error={claim.error} onRetry={claim.reload} />
        ) : (
          <Spinner label={intl.formatMessage({ id: 'common.loading' })} />
        )}
      </Page>
    );
  }
  const c = claim.data;
  const title = intl.formatMessage({ id: 'operator.claim.title' }, { customer: c.customer.name });
  return (
    <Page title={title} before={crumbs(c.customer.name)}>
      {claim.error ? <ErrorMessage error={claim.error} onRetry={claim.reload} /> : null}
      <Summary claim={c} />
      <PoeSection claim={c} />
      <CommentsAndContacts claim={c} />
      <DecisionsSection claim={c} />
      <HistorySection claim={c} />
      <DecisionPanel claim={c} onDecided={(next) => update(key, next)} onStale={claim.reload} />
    </Page>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const styles = useOperatorStyles();
  const id = useId();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h2 id={id} className={styles.h2}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function Row({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Summary({ claim: c }: { claim: OperatorClaimDetail }) {
  const intl = useIntl();
  const styles = useOperatorStyles();
  const m = (id: FormatjsIntl.Message['ids']) => intl.formatMessage({ id });
  return (
    <Section title={m('operator.claim.summary')}>
      <dl className={styles.dl}>
        <Row label={m('operator.column.status')}>
          {statusLabel(intl, c.status)}
          {c.disputed ? ` · ${m('operator.claim.disputedNote')}` : ''}
        </Row>
        <Row label={m('operator.column.customer')}>
          {c.customer.name}
          <span className={styles.secondary}>
            <FormattedMessage
              id="operator.claim.customerIds"
              values={{
                tenantId: c.customer.tenantId,
                tpid: c.customer.tpid ?? '—',
                country: c.customer.country ?? '—',
              }}
            />
          </span>
        </Row>
        <Row label={m('operator.column.partner')}>
          {c.partner.name}
          <span className={styles.secondary}>
            <FormattedMessage
              id="operator.claim.locationLine"
              values={{ name: c.location.name, mpnId: c.location.mpnId, country: c.location.country }}
            />
          </span>
        </Row>
        <Row label={m('operator.column.workshop')}>
          {c.engagement.name} ({c.engagement.code})
        </Row>
        <Row label={m('operator.claim.consentedAt')}>{formatDate(intl, c.consentedAt)}</Row>
        <Row label={m('operator.column.submitted')}>
          {formatDateTime(intl, c.submittedAt)}
          {c.firstSubmittedAt && c.firstSubmittedAt !== c.submittedAt ? (
            <span className={styles.secondary}>
              <FormattedMessage
                id="operator.queue.firstSubmitted"
                values={{ date: formatDate(intl, c.firstSubmittedAt) }}
              />
            </span>
          ) : null}
        </Row>
        <Row label={m('operator.claim.reviewDue')}>
          {formatDate(intl, c.reviewDueAt)}
          {c.reviewDaysLeft !== null ? (
            <>
              {' · '}
              <FormattedMessage id="operator.daysLeft" values={{ days: c.reviewDaysLeft }} />
            </>
          ) : null}
        </Row>
        {c.disputeDueAt ? (
          <Row label={m('operator.claim.disputeDue')}>
            {formatDate(intl, c.disputeDueAt)}
            {c.disputedAt ? (
              <span className={styles.secondary}>
                <FormattedMessage
                  id="operator.claim.disputedAt"
                  values={{ date: formatDate(intl, c.disputedAt) }}
                />
              </span>
            ) : null}
          </Row>
        ) : null}
        <Row label={m('operator.claim.payout')}>
          {c.expectedPayout ? (
            <>
              {formatMoney(intl, c.expectedPayout.amountMinor, c.expectedPayout.currency)}
              <span className={styles.secondary}>
                <FormattedMessage
                  id={
                    c.expectedPayout.atConsent
                      ? 'operator.claim.payoutAtConsent'
                      : 'operator.claim.payoutToday'
                  }
                  values={{ market: c.expectedPayout.market }}
                />
              </span>
            </>
          ) : (
            m('operator.claim.noPayout')
          )}
        </Row>
      </dl>
    </Section>
  );
}

function PoeSection({ claim: c }: { claim: OperatorClaimDetail }) {
  const intl = useIntl();
  const styles = useOperatorStyles();
  return (
    <Section title={intl.formatMessage({ id: 'operator.claim.poe' })}>
      <ul className={styles.items}>
        {c.items.map((item) => (
          <li key={item.kind} className={styles.card}>
            <h3 className={styles.h3}>{poeLabel(intl, item.kind)}</h3>
            <Text className={styles.muted}>
              <FormattedMessage id={item.required ? 'operator.poe.required' : 'operator.poe.optional'} />
              {' · '}
              {item.done ? (
                <FormattedMessage
                  id="operator.poe.done"
                  values={{
                    date: formatDateTime(intl, item.completedAt),
                    who:
                      item.completedBy ??
                      (item.kind === 'customerSurvey'
                        ? intl.formatMessage({ id: 'operator.actor.customer' })
                        : '—'),
                  }}
                />
              ) : (
                <FormattedMessage id="operator.poe.missing" />
              )}
            </Text>
            {item.file ? <FileLink claim={c} kind={item.kind as FileKind} file={item.file} /> : null}
            {item.survey ? <SurveyView survey={item.survey} /> : null}
          </li>
        ))}
      </ul>
    </Section>
  );
}

function FileLink({
  claim,
  kind,
  file,
}: {
  claim: OperatorClaimDetail;
  kind: FileKind;
  file: NonNullable<Item['file']>;
}) {
  const intl = useIntl();
  const styles = useOperatorStyles();
  const href = claim.files[kind] ?? operatorApi.fileUrl(claim.nominationId, kind);
  return (
    <div>
      <FluentLink href={href} download={file.name}>
        <ArrowDownloadRegular aria-hidden />{' '}
        <FormattedMessage id="operator.poe.download" values={{ name: file.name }} />
      </FluentLink>
      <span className={styles.secondary}>
        <FormattedMessage
          id="operator.poe.fileMeta"
          values={{
            size: formatBytes(intl, file.sizeBytes),
            date: formatDateTime(intl, file.uploadedAt),
            who: file.uploadedBy ?? '—',
          }}
        />
      </span>
    </div>
  );
}

const ANSWER_IDS = {
  deliveredOn: 'operator.survey.deliveredOn',
  durationHours: 'operator.survey.durationHours',
  attendees: 'operator.survey.attendees',
  topicsCovered: 'operator.survey.topicsCovered',
  nextSteps: 'operator.survey.nextSteps',
  satisfaction: 'operator.survey.satisfaction',
  wouldRecommend: 'operator.survey.wouldRecommend',
  recommend: 'operator.survey.wouldRecommend',
  comments: 'operator.survey.comments',
} as const;

function answerText(intl: IntlShape, key: string, value: unknown): string {
  if (key === 'deliveredOn' && typeof value === 'string')
    return intl.formatDate(value, { dateStyle: 'medium', timeZone: 'UTC' });
  if (key === 'durationHours' && typeof value === 'number')
    return intl.formatMessage({ id: 'operator.survey.hours' }, { count: value });
  if (key === 'satisfaction' && typeof value === 'number')
    return intl.formatMessage({ id: 'operator.survey.outOfFive' }, { value });
  if (typeof value === 'boolean') return intl.formatMessage({ id: value ? 'operator.yes' : 'operator.no' });
  if (typeof value === 'number') return intl.formatNumber(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function SurveyView({ survey }: { survey: Survey }) {
  const intl = useIntl();
  const styles = useOperatorStyles();
  const answers = survey.answers ? Object.entries(survey.answers) : [];
  return (
    <>
      <Text>
        <FormattedMessage id={`operator.survey.state.${survey.state}`} />
        {survey.contact ? ` · ${survey.contact.name} <${survey.contact.email}>` : ''}
        {survey.sentAt ? (
          <span className={styles.secondary}>
            <FormattedMessage
              id="operator.survey.sentAt"
              values={{ date: formatDateTime(intl, survey.sentAt) }}
            />
          </span>
        ) : null}
      </Text>
      {answers.length > 0 ? (
        <dl className={styles.dl}>
          {answers.map(([key, value]) => (
            <Row
              key={key}
              label={
                key in ANSWER_IDS
                  ? intl.formatMessage({ id: ANSWER_IDS[key as keyof typeof ANSWER_IDS] })
                  : key
              }
            >
              {answerText(intl, key, value)}
            </Row>
          ))}
        </dl>
      ) : survey.state === 'completed' ? null : (
        <Text className={styles.muted}>
          <FormattedMessage id="operator.survey.noAnswers" />
        </Text>
      )}
    </>
  );
}

function Contact({
  contact,
}: {
  contact: { name: string; email: string; phone: string | null; locale?: string } | null;
}) {
  const intl = useIntl();
  if (!contact) return <FormattedMessage id="operator.claim.noContact" />;
  const parts = [contact.name, contact.email, contact.phone].filter(Boolean).join(' · ');
  const locale = contact.locale;
  return (
    <>
      {parts}
      {locale ? (
        <>
          {' · '}
          <FormattedMessage
            id="operator.claim.contactLanguage"
            values={{ language: languageName(locale, intl.locale) }}
          />
        </>
      ) : null}
    </>
  );
}

function CommentsAndContacts({ claim: c }: { claim: OperatorClaimDetail }) {
  const intl = useIntl();
  const styles = useOperatorStyles();
  return (
    <Section title={intl.formatMessage({ id: 'operator.claim.partnerSide' })}>
      <dl className={styles.dl}>
        <Row label={intl.formatMessage({ id: 'operator.claim.comments' })}>
          {c.comments.trim() ? c.comments : intl.formatMessage({ id: 'operator.claim.noComments' })}
        </Row>
        <Row label={intl.formatMessage({ id: 'operator.claim.partnerContact' })}>
          <Contact contact={c.partnerContact} />
        </Row>
        <Row label={intl.formatMessage({ id: 'operator.claim.customerContact' })}>
          <Contact contact={c.customerContact} />
        </Row>
      </dl>
    </Section>
  );
}

function DecisionsSection({ claim: c }: { claim: OperatorClaimDetail }) {
  const intl = useIntl();
  const styles = useOperatorStyles();
  return (
    <Section title={intl.formatMessage({ id: 'operator.claim.decisions' })}>
      {c.decisions.length === 0 ? (
        <Text className={styles.muted}>
          <FormattedMessage id="operator.claim.noDecisions" />
        </Text>
      ) : (
        <ol className={styles.list}>
          {c.decisions.map((d) => (
            <li key={d.id}>
              <Text weight="semibold">{intl.formatMessage({ id: DECISION_MESSAGE_IDS[d.decision] })}</Text>{' '}
              <FormattedMessage
                id="operator.claim.decisionBy"
                values={{
                  who: d.operator.name ?? intl.formatMessage({ id: 'operator.claim.operator' }),
                  date: formatDateTime(intl, d.at),
                }}
              />
              {d.comment ? <p className={styles.quote}>{d.comment}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

function actorName(intl: IntlShape, actor: OperatorClaimDetail['history'][number]['actor']): string {
  if (actor.name) return actor.name;
  return intl.formatMessage({ id: `operator.actor.${actor.kind}` });
}

function HistorySection({ claim: c }: { claim: OperatorClaimDetail }) {
  const intl = useIntl();
  const styles = useOperatorStyles();
  const headingId = useId();
  // Newest first; the key is the event's place in the server's (oldest first) list.
  const events = c.history.map((e, n) => ({ ...e, key: `${n}:${e.at}:${e.action}` })).reverse();
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.h2}>
        <FormattedMessage id="operator.claim.history" />
      </h2>
      <ScrollRegion labelledBy={headingId}>
        <table className={styles.table} aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="operator.history.when" />
              </th>
              <th scope="col">
                <FormattedMessage id="operator.history.what" />
              </th>
              <th scope="col">
                <FormattedMessage id="operator.history.who" />
              </th>
              <th scope="col">
                <FormattedMessage id="operator.column.status" />
              </th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.key}>
                <td>
                  <time dateTime={e.at}>{formatDateTime(intl, e.at)}</time>
                </td>
                <td>
                  {historyLabel(intl, e.action)}
                  {typeof e.data.kind === 'string' ? ` · ${poeLabel(intl, e.data.kind)}` : ''}
                  {typeof e.data.audience === 'string' && typeof e.data.kind !== 'string'
                    ? ` · ${poeLabel(intl, `${e.data.audience}Survey`)}`
                    : ''}
                  {typeof e.data.fileName === 'string' ? (
                    <span className={styles.secondary}>{e.data.fileName}</span>
                  ) : null}
                  {typeof e.data.comment === 'string' || typeof e.data.justification === 'string' ? (
                    <span className={styles.secondary}>{String(e.data.comment ?? e.data.justification)}</span>
                  ) : null}
                </td>
                <td>{actorName(intl, e.actor)}</td>
                <td>
                  {e.toStatus && e.toStatus !== e.fromStatus
                    ? `${e.fromStatus ? `${statusLabel(intl, e.fromStatus)} → ` : ''}${statusLabel(intl, e.toStatus)}`
                    : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
