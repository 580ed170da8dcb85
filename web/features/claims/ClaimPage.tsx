import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Spinner,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { FormattedMessage, type IntlShape, useIntl } from 'react-intl';
import { invalidate } from '../../api/cache.ts';
import { claimsApi } from '../../api/claims.ts';
import { ApiError } from '../../api/client.ts';
import type { ClaimHistoryEvent, WorkshopClaim } from '../../api/types.ts';
import { useClockOffset } from '../../components/appTime.ts';
import { Breadcrumbs } from '../../components/Breadcrumbs.tsx';
import { ErrorMessage } from '../../components/ErrorMessage.tsx';
import { formatMoney } from '../../components/money.ts';
import { useNotify } from '../../components/notices.tsx';
import { Page } from '../../components/Page.tsx';
import { statusLabel } from '../../components/statusLabels.ts';
import { Link, useSearchParam } from '../../routes/router.tsx';
import { RequireIncentiveRole } from '../engagements/RequireIncentiveRole.tsx';
import { ClaimActions } from './ClaimActions.tsx';
import { ClaimChecklist } from './ClaimChecklist.tsx';
import { ClaimDetails } from './ClaimDetails.tsx';
import {
  ClaimContext,
  type ClaimState,
  date,
  dateTime,
  daysUntil,
  poeName,
  useClaimStyles,
} from './claimShared.ts';

// The workshop claim of one engagement customer (spec §4.4, S1–S9), opened from the Customers page's
// row actions (Submit / Continue / View workshop claim). What may change is what the server's
// `actions` say: a claim under review, approved or otherwise ended is shown read-only.

const useStyles = makeStyles({
  summary: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 220px), 1fr))',
    gap: tokens.spacingVerticalM,
    margin: 0,
  },
  fact: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  factLabel: { ...typographyStyles.caption1Strong, color: tokens.colorNeutralForeground2 },
  factValue: { ...typographyStyles.body1Strong, margin: 0, overflowWrap: 'anywhere' },
  factNote: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  urgent: { color: tokens.colorPaletteRedForeground1 },
  history: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  event: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 11em) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 480px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  eventTime: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
  eventText: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
  eventDetail: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
    whiteSpace: 'pre-wrap',
  },
});

const URGENT_DAYS = 7;

export default function ClaimPage({ params }: { params: Record<string, string> }) {
  return (
    <RequireIncentiveRole>
      <Claim engagementId={params.engagementId ?? ''} nominationId={params.nominationId ?? ''} />
    </RequireIncentiveRole>
  );
}

function Claim({ engagementId, nominationId }: { engagementId: string; nominationId: string }) {
  const intl = useIntl();
  const notify = useNotify();
  const [claim, setClaim] = useState<WorkshopClaim | null>(null);
  const [error, setError] = useState<unknown>(null);

  const reload = useCallback(async () => {
    try {
      const loaded = await claimsApi.get(nominationId);
      setClaim(loaded.claim);
      setError(null);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') return;
      setError(e);
    }
  }, [nominationId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads again in the UI's language (server texts)
  useEffect(() => {
    setClaim(null);
    setError(null);
    void reload();
  }, [reload, intl.locale]);

  const state = useMemo<ClaimState | null>(
    () =>
      claim && {
        claim,
        nominationId,
        editable: claim.actions.includes('edit'),
        applied: (next, message) => {
          setClaim(next);
          // The Customers page's rows and counts may have changed (status, actions).
          invalidate('customers:');
          if (message) notify(message, 'success');
        },
        reload,
      },
    [claim, nominationId, notify, reload],
  );

  // "Back to Customers" returns to the tab the claim was opened from.
  const tab = useSearchParam('tab');
  const customersHref = `/engagements/${encodeURIComponent(engagementId)}/customers${
    tab === 'eligible' || tab === 'complete' ? `?tab=${tab}` : ''
  }`;
  const crumbs = (
    <Breadcrumbs
      items={[
        { label: intl.formatMessage({ id: 'engagements.title' }), href: '/engagements' },
        {
          label: claim?.engagement.name ?? intl.formatMessage({ id: 'engagement.titleUnknown' }),
          href: `/engagements/${encodeURIComponent(engagementId)}`,
        },
        { label: intl.formatMessage({ id: 'customers.title' }), href: customersHref },
        { label: intl.formatMessage({ id: 'claim.breadcrumb' }) },
      ]}
    />
  );

  if (!state) {
    const notFound = error instanceof ApiError && (error.status === 404 || error.status === 400);
    return (
      <Page
        title={intl.formatMessage({ id: notFound ? 'claim.notFound.title' : 'claim.titleLoading' })}
        before={crumbs}
      >
        {notFound ? (
          <>
            <Text as="p">
              <FormattedMessage id="claim.notFound.body" />
            </Text>
            <p>
              <Link href={customersHref}>
                <FormattedMessage id="claim.backToCustomers" />
              </Link>
            </p>
          </>
        ) : error ? (
          <ErrorMessage error={error} onRetry={() => void reload()} />
        ) : (
          <Spinner label={intl.formatMessage({ id: 'common.loading' })} />
        )}
      </Page>
    );
  }

  const c = state.claim;
  const title = intl.formatMessage({ id: 'claim.title' }, { customer: c.customer.name });
  return (
    <ClaimContext.Provider value={state}>
      <Page title={title} documentTitle={`${title} – ${c.engagement.name}`} before={crumbs}>
        <OperatorComment claim={c} />
        <ReadOnlyNote claim={c} />
        <Summary claim={c} />
        <ClaimChecklist />
        <ClaimDetails />
        <ClaimActions />
        <History claim={c} />
        <p>
          <Link href={customersHref}>
            <FormattedMessage id="claim.backToCustomers" />
          </Link>
        </p>
      </Page>
    </ClaimContext.Provider>
  );
}

/** The operator's latest comment while it asks something of the partner (prominent, spec §4.4). */
function OperatorComment({ claim }: { claim: WorkshopClaim }) {
  const intl = useIntl();
  const shared = useClaimStyles();
  const comment = claim.operatorComment;
  if (!comment) return null;
  const info = comment.decision === 'requestInfo';
  return (
    <MessageBar intent={info ? 'warning' : 'error'} layout="multiline" data-testid="operator-comment">
      <MessageBarBody>
        <MessageBarTitle>
          <FormattedMessage
            id={info ? 'claim.operatorComment.requestInfo' : 'claim.operatorComment.reject'}
            values={{ date: dateTime(intl, comment.at) }}
          />
        </MessageBarTitle>
        <span className={shared.preWrap}>{comment.comment}</span>
      </MessageBarBody>
    </MessageBar>
  );
}

function ReadOnlyNote({ claim }: { claim: WorkshopClaim }) {
  if (claim.actions.includes('edit')) return null;
  const id =
    claim.status === 'claim_submitted' || claim.status === 'under_review' || claim.status === 'disputed'
      ? 'claim.readOnly.inReview'
      : claim.status === 'rejected'
        ? 'claim.readOnly.rejected'
        : claim.status === 'approved'
          ? 'claim.readOnly.approved'
          : 'claim.readOnly.ended';
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>
        <FormattedMessage id={id} />
      </MessageBarBody>
    </MessageBar>
  );
}

/** The countdown that matters in the claim's state, with its date. */
function deadlineOf(
  intl: IntlShape,
  claim: WorkshopClaim,
  nowMs: number,
): { label: string; value: string; note: string; days: number | null } | null {
  const s = claim.status;
  if (s === 'active' && claim.claimDueAt && claim.daysLeft !== null)
    return {
      label: intl.formatMessage({ id: 'claim.summary.submitBy' }),
      value: intl.formatMessage({ id: 'customers.countdown.claim' }, { days: claim.daysLeft }),
      note: date(intl, claim.claimDueAt),
      days: claim.daysLeft,
    };
  if (s === 'action_required' && claim.reviewDueAt) {
    const days = daysUntil(claim.reviewDueAt, nowMs);
    return {
      label: intl.formatMessage({ id: 'claim.summary.resubmitBy' }),
      value: intl.formatMessage({ id: 'claim.summary.daysLeftResubmit' }, { days }),
      note: date(intl, claim.reviewDueAt),
      days,
    };
  }
  if ((s === 'claim_submitted' || s === 'under_review' || s === 'disputed') && claim.reviewDueAt) {
    const days = daysUntil(claim.reviewDueAt, nowMs);
    return {
      label: intl.formatMessage({ id: 'claim.summary.reviewBy' }),
      value: intl.formatMessage({ id: 'customers.countdown.review' }, { days }),
      note: date(intl, claim.reviewDueAt),
      days: null,
    };
  }
  if (s === 'rejected' && claim.disputeDueAt && claim.disputeDaysLeft !== null)
    return {
      label: intl.formatMessage({ id: 'claim.summary.disputeBy' }),
      value: intl.formatMessage({ id: 'customers.countdown.dispute' }, { days: claim.disputeDaysLeft }),
      note: date(intl, claim.disputeDueAt),
      days: claim.disputeDaysLeft,
    };
  return null;
}

function Summary({ claim }: { claim: WorkshopClaim }) {
  const styles = useStyles();
  const shared = useClaimStyles();
  const intl = useIntl();
  const offset = useClockOffset();
  const heading = useId();
  const deadline = deadlineOf(intl, claim, Date.now() + offset);
  const payout = claim.expectedPayout;
  const fact = (label: string, value: string, note?: string, urgent?: boolean) => (
    <div className={styles.fact}>
      <dt className={styles.factLabel}>{label}</dt>
      <dd className={`${styles.factValue} ${urgent ? styles.urgent : ''}`}>{value}</dd>
      {note ? <dd className={styles.factNote}>{note}</dd> : null}
    </div>
  );
  return (
    <section className={shared.section} aria-labelledby={heading}>
      <h2 id={heading} className={shared.h2}>
        <FormattedMessage id="claim.summary.heading" />
      </h2>
      <dl className={styles.summary}>
        {fact(
          intl.formatMessage({ id: 'claim.summary.customer' }),
          claim.customer.name,
          claim.customer.tenantId,
        )}
        {fact(
          intl.formatMessage({ id: 'claim.summary.workshop' }),
          claim.engagement.name,
          claim.engagement.code,
        )}
        {fact(intl.formatMessage({ id: 'claim.summary.location' }), claim.location.name)}
        {fact(
          intl.formatMessage({ id: 'claim.summary.status' }),
          statusLabel(intl, claim.status),
          claim.submittedAt
            ? intl.formatMessage(
                { id: 'claim.summary.submittedAt' },
                { date: dateTime(intl, claim.submittedAt) },
              )
            : claim.consentedAt
              ? intl.formatMessage(
                  { id: 'claim.summary.consentedAt' },
                  { date: date(intl, claim.consentedAt) },
                )
              : undefined,
        )}
        {deadline
          ? fact(
              deadline.label,
              deadline.value,
              deadline.note,
              deadline.days !== null && deadline.days <= URGENT_DAYS,
            )
          : null}
        {payout
          ? fact(
              intl.formatMessage({
                id: claim.status === 'approved' ? 'claim.summary.payout' : 'claim.summary.expectedPayout',
              }),
              formatMoney(intl, payout.amountMinor, payout.currency),
              intl.formatMessage(
                { id: payout.atConsent ? 'claim.summary.payoutAtConsent' : 'claim.summary.payoutToday' },
                { market: payout.market },
              ),
            )
          : null}
      </dl>
    </section>
  );
}

function actorName(intl: IntlShape, e: ClaimHistoryEvent): string {
  // Operators are one program office to partners: named in the UI's language, not by the server.
  if (e.actor.name && e.actor.kind !== 'operator') return e.actor.name;
  switch (e.actor.kind) {
    case 'operator':
      return intl.formatMessage({ id: 'claim.history.actor.operator' });
    case 'customer':
      return intl.formatMessage({ id: 'claim.history.actor.customer' });
    case 'partnerUser':
      return intl.formatMessage({ id: 'claim.history.actor.partner' });
    case 'apiToken':
      return intl.formatMessage({ id: 'claim.history.actor.api' });
    default:
      return intl.formatMessage({ id: 'claim.history.actor.system' });
  }
}

const HISTORY_MESSAGE_IDS = {
  addCustomer: 'claim.history.addCustomer',
  claimCustomer: 'claim.history.claimCustomer',
  requestConsent: 'claim.history.requestConsent',
  resendConsent: 'claim.history.resendConsent',
  updateConsentContact: 'claim.history.updateConsentContact',
  acceptConsent: 'claim.history.acceptConsent',
  declineConsent: 'claim.history.declineConsent',
  expireConsent: 'claim.history.expireConsent',
  supersede: 'claim.history.supersede',
  startWorkshopClaim: 'claim.history.startWorkshopClaim',
  startClaim: 'claim.history.startWorkshopClaim',
  updateWorkshopClaim: 'claim.history.updateWorkshopClaim',
  sendSurvey: 'claim.history.sendSurvey',
  submitClaim: 'claim.history.submitClaim',
  startReview: 'claim.history.startReview',
  requestInfo: 'claim.history.requestInfo',
  resubmitClaim: 'claim.history.resubmitClaim',
  approve: 'claim.history.approve',
  reject: 'claim.history.reject',
  dispute: 'claim.history.dispute',
  expireClaim: 'claim.history.expireClaim',
  expireReview: 'claim.history.expireReview',
  expireDispute: 'claim.history.expireDispute',
  cancelClaim: 'claim.history.cancelClaim',
} as const;

function eventText(intl: IntlShape, e: ClaimHistoryEvent): string {
  const kind = typeof e.data.kind === 'string' ? e.data.kind : null;
  if (
    e.action === 'completePoeItem' &&
    kind &&
    kind in { findingsReport: 1, invoice: 1, partnerSurvey: 1, customerSurvey: 1 }
  ) {
    const item = poeName(intl, kind as 'findingsReport');
    if (typeof e.data.fileName === 'string')
      return intl.formatMessage({ id: 'claim.history.uploaded' }, { item, name: e.data.fileName });
    return intl.formatMessage({ id: 'claim.history.answered' }, { item });
  }
  if (e.action === 'sendSurvey') {
    const audience = e.data.audience === 'customer' ? 'customerSurvey' : 'partnerSurvey';
    return intl.formatMessage({ id: 'claim.history.sendSurvey' }, { item: poeName(intl, audience) });
  }
  const id = (
    HISTORY_MESSAGE_IDS as Record<string, (typeof HISTORY_MESSAGE_IDS)[keyof typeof HISTORY_MESSAGE_IDS]>
  )[e.action];
  if (id) return intl.formatMessage({ id });
  if (e.toStatus)
    return intl.formatMessage(
      { id: 'claim.history.statusChanged' },
      { status: statusLabel(intl, e.toStatus) },
    );
  return e.action;
}

function History({ claim }: { claim: WorkshopClaim }) {
  const styles = useStyles();
  const shared = useClaimStyles();
  const intl = useIntl();
  const heading = useId();
  // Newest first: what happened last is what the reader came for.
  const events = [...claim.history].reverse();
  return (
    <section className={shared.section} aria-labelledby={heading}>
      <h2 id={heading} className={shared.h2}>
        <FormattedMessage id="claim.history.heading" />
      </h2>
      {events.length === 0 ? (
        <Text as="p" className={shared.muted}>
          <FormattedMessage id="claim.history.empty" />
        </Text>
      ) : (
        <ol className={styles.history}>
          {events.map((e, i) => {
            const detail =
              typeof e.data.comment === 'string' && e.data.comment
                ? e.data.comment
                : typeof e.data.justification === 'string'
                  ? e.data.justification
                  : null;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: events have no id; their order is fixed
              <li key={`${e.at}:${i}`} className={styles.event}>
                <time className={styles.eventTime} dateTime={e.at}>
                  {dateTime(intl, e.at)}
                </time>
                <span className={styles.eventText}>
                  <span>
                    <FormattedMessage
                      id="claim.history.line"
                      values={{ who: actorName(intl, e), what: eventText(intl, e) }}
                    />
                  </span>
                  {detail ? <span className={styles.eventDetail}>{detail}</span> : null}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
