import type { Insertable } from 'kysely';
import type {
  AuditEventsTable,
  ConsentRequestsTable,
  NominationsTable,
  PoeItemsTable,
  ReviewDecisionsTable,
  SurveysTable,
  WorkshopClaimsTable,
} from '../adapters/db/schema.ts';
import type { NominationStatus } from '../domain/status.ts';
import {
  engagementId,
  engagementSeed,
  localeOfCountry,
  locationId,
  MARKETS,
  partnerId,
  tenantId,
  tenantSeed,
  userId,
  userSeed,
} from './demo-catalogue.ts';
import { type ClaimContext, WorkshopClaimRows } from './demo-claim-rows.ts';
import type { DemoFile } from './demo-files.ts';
import { demoNominationId, type Scenario } from './demo-scenarios.ts';
import { demoId, unusableTokenHash } from './ids.ts';

// Replays a scenario's steps with the lifecycle rules of spec §5 (the same table as
// src/domain/transitions.ts, restated here so that the seed does not follow the domain's
// refactorings) and produces every row the record needs. Throws on an impossible history, so a
// mistake in demo-scenarios.ts fails the seed (and its test) instead of loading odd data.

const DAY_MS = 24 * 60 * 60 * 1000;
const SWEEP_DELAY_MS = 10 * 60 * 1000;

/** The engagements' windows (the schema defaults, which the demo catalogue does not change). */
export const DEMO_WINDOWS = { consentDays: 30, claimDays: 90, reviewDays: 120, disputeDays: 30 } as const;
const REMINDER_DAYS = [7, 2];
const REVIEW_STATES: readonly NominationStatus[] = [
  'claim_submitted',
  'under_review',
  'action_required',
  'disputed',
];

export type NoticeKind =
  | 'consentAccepted'
  | 'consentDeclined'
  | 'consentExpired'
  | 'superseded'
  | 'claimExpired'
  | 'actionRequired'
  | 'claimApproved'
  | 'claimRejected'
  | 'claimRejectedFinal'
  | 'reviewExpired'
  | 'disputeExpired';

/** A partner notice the lifecycle would have sent (turned into notifications and emails by demo.ts). */
export interface Notice {
  kind: NoticeKind;
  at: Date;
  scenario: Scenario;
  nominationId: string;
}

export interface TimelineRows {
  nominations: Insertable<NominationsTable>[];
  consentRequests: Insertable<ConsentRequestsTable>[];
  claims: Insertable<WorkshopClaimsTable>[];
  poeItems: Insertable<PoeItemsTable>[];
  surveys: Insertable<SurveysTable>[];
  reviews: Insertable<ReviewDecisionsTable>[];
  files: DemoFile[];
  audit: Insertable<AuditEventsTable>[];
  notices: Notice[];
}

export function emptyRows(): TimelineRows {
  return {
    nominations: [],
    consentRequests: [],
    claims: [],
    poeItems: [],
    surveys: [],
    reviews: [],
    files: [],
    audit: [],
    notices: [],
  };
}

const REVIEW_COMMENTS = {
  requestInfo: 'Please add the signed attendance list to the findings report.',
  reject: 'The invoice is dated before the customer’s consent.',
  rejectFinal: 'The dispute does not change the finding: the invoice still predates the consent.',
  approve: 'All proof of execution in order.',
} as const;

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

interface State {
  status: NominationStatus;
  claimedAt: Date;
  consentDueAt: Date;
  consentRequestedAt: Date | null;
  consentedAt: Date | null;
  claimDueAt: Date | null;
  reviewDueAt: Date | null;
  firstSubmittedAt: Date | null;
  submittedAt: Date | null;
  rejectedAt: Date | null;
  disputeDueAt: Date | null;
  disputedAt: Date | null;
  endedAt: Date | null;
  payout: { market: string; amountMinor: number; currency: string } | null;
  version: number;
  /** The last change of the nomination row (its last transition). */
  updatedAt: Date;
}

/** Appends the rows of one scenario to `rows`. */
export function buildScenario(scenario: Scenario, now: Date, rows: TimelineRows): void {
  const at = (day: number) => new Date(now.getTime() + day * DAY_MS);
  const engagement = engagementSeed(scenario.engagement);
  const tenant = tenantSeed(scenario.tenant);
  const actor = userSeed(scenario.by);
  const operator = userSeed('olga');
  const nominationId = demoNominationId(scenario.partner, scenario.engagement, scenario.tenant);
  const key = `${scenario.partner}/${scenario.engagement}/${scenario.tenant}`;
  const pid = partnerId(scenario.partner);
  const customerEmail = `${tenant.contact.local}@${tenant.domains[0]}`;
  const customerLocale = localeOfCountry(tenant.country);
  const label = `${tenant.name}, ${engagement.name} (${key})`;

  const claimedAt = at(scenario.claimedAt);
  const s: State = {
    status: 'claimed',
    claimedAt,
    consentDueAt: addDays(claimedAt, DEMO_WINDOWS.consentDays),
    consentRequestedAt: null,
    consentedAt: null,
    claimDueAt: null,
    reviewDueAt: null,
    firstSubmittedAt: null,
    submittedAt: null,
    rejectedAt: null,
    disputeDueAt: null,
    disputedAt: null,
    endedAt: null,
    payout: null,
    version: 1,
    updatedAt: claimedAt,
  };
  let last = claimedAt;
  let consent: Insertable<ConsentRequestsTable> | null = null;

  const audit = (
    t: Date,
    action: string,
    actorKind: Insertable<AuditEventsTable>['actor_kind'],
    actorId: string | null,
    from: NominationStatus | null,
    to: NominationStatus | null,
    data: Record<string, unknown> = {},
  ) => {
    rows.audit.push({
      partner_id: pid,
      nomination_id: nominationId,
      claim_id: claim.row?.id ?? null,
      actor_kind: actorKind,
      actor_id: actorId,
      action,
      from_status: from,
      to_status: to,
      data: JSON.stringify(data),
      created_at: t,
    });
  };

  const fail: (message: string) => never = (message) => {
    throw new Error(`demo scenario ${label}: ${message}`);
  };
  const requireStatus = (event: string, ...allowed: NominationStatus[]) => {
    if (!allowed.includes(s.status)) fail(`${event} is not possible from ${s.status}`);
  };
  const requireOpen = (event: string, t: Date, due: Date | null) => {
    if (!due || t.getTime() >= due.getTime()) fail(`${event} at ${t.toISOString()} is past its deadline`);
  };

  const moveTo = (
    t: Date,
    event: string,
    to: NominationStatus,
    actorKind: Insertable<AuditEventsTable>['actor_kind'],
    actorId: string | null,
    notice?: NoticeKind,
    data: Record<string, unknown> = {},
  ) => {
    const from = s.status;
    s.status = to;
    s.version += 1;
    s.updatedAt = t;
    audit(t, event, actorKind, actorId, from, to, data);
    if (notice) rows.notices.push({ kind: notice, at: t, scenario, nominationId });
  };

  const context: ClaimContext = {
    scenario,
    key,
    nominationId,
    partnerId: pid,
    tenant,
    engagement,
    actor,
    actorId: userId(actor.key),
    operatorId: userId(operator.key),
    customerEmail,
    customerLocale,
    audit: (t, action, actorKind, actorId, data) => audit(t, action, actorKind, actorId, null, null, data),
    fail,
  };
  const claim = new WorkshopClaimRows(context, rows);

  audit(
    claimedAt,
    scenario.origin === 'add' ? 'addCustomer' : 'claimCustomer',
    'partnerUser',
    userId(actor.key),
    null,
    'claimed',
    {
      locationId: locationId(scenario.location),
      engagementId: engagementId(scenario.engagement),
      tenantId: tenantId(scenario.tenant),
      ...(scenario.origin === 'add' ? { email: scenario.customerEmail ?? customerEmail } : {}),
      ...(scenario.mismatchReason ? { mismatchReason: scenario.mismatchReason } : {}),
    },
  );

  for (const step of scenario.steps) {
    const event = step[0];
    const t = step.length === 2 ? at(step[1]) : sweepTime(event, s, fail);
    if (t.getTime() < last.getTime()) fail(`${event} at ${t.toISOString()} is before the previous step`);
    if (t.getTime() > now.getTime()) fail(`${event} is in the future`);
    if (event !== 'submitClaim') claim.settleDraft(t);
    last = t;
    const partnerActor = userId(actor.key);
    switch (event) {
      case 'requestConsent':
        requireStatus(event, 'claimed');
        requireOpen(event, t, s.consentDueAt);
        s.consentRequestedAt = t;
        consent = {
          id: demoId(`consent:${key}`),
          nomination_id: nominationId,
          partner_id: pid,
          token_hash: unusableTokenHash(),
          customer_name: tenant.contact.name,
          customer_email: customerEmail,
          customer_phone: null,
          customer_locale: customerLocale,
          partner_contact_name: actor.displayName,
          partner_contact_email: actor.email,
          partner_contact_phone: actor.phone,
          expires_at: s.consentDueAt,
          created_at: t,
          last_sent_at: t,
          send_count: 1,
          reminders_sent: [],
          email_status: 'sent',
          voided_at: null,
          decided_at: null,
          decision: null,
        };
        rows.consentRequests.push(consent);
        moveTo(t, event, 'consent_pending', 'partnerUser', partnerActor, undefined, {
          locale: customerLocale,
        });
        break;
      case 'resendConsent':
        requireStatus(event, 'consent_pending');
        requireOpen(event, t, s.consentDueAt);
        if (!consent) fail('no consent request');
        consent.last_sent_at = t;
        consent.send_count = (consent.send_count ?? 1) + 1;
        audit(t, event, 'partnerUser', partnerActor, null, null);
        break;
      case 'acceptConsent': {
        requireStatus(event, 'consent_pending');
        requireOpen(event, t, s.consentDueAt);
        if (!consent) fail('no consent request');
        const market = MARKETS[tenant.country] ?? fail(`no market for ${tenant.country}`);
        s.consentedAt = t;
        s.claimDueAt = addDays(t, DEMO_WINDOWS.claimDays);
        s.reviewDueAt = addDays(t, DEMO_WINDOWS.reviewDays);
        s.payout = { market, amountMinor: engagement.rates[market], currency: 'USD' };
        consent.decision = 'accept';
        consent.decided_at = t;
        moveTo(t, event, 'active', 'customer', null, 'consentAccepted');
        break;
      }
      case 'declineConsent':
        requireStatus(event, 'consent_pending');
        requireOpen(event, t, s.consentDueAt);
        if (!consent) fail('no consent request');
        consent.decision = 'decline';
        consent.decided_at = t;
        s.endedAt = t;
        moveTo(t, event, 'consent_declined', 'customer', null, 'consentDeclined');
        break;
      case 'expireConsent':
        requireStatus(event, 'claimed', 'consent_pending');
        s.endedAt = t;
        moveTo(t, event, 'consent_expired', 'system', null, 'consentExpired');
        break;
      case 'supersede':
        requireStatus(event, 'claimed', 'consent_pending');
        requireOpen(event, t, s.consentDueAt);
        if (consent) consent.voided_at = t; // the link stops working (§4.3)
        s.endedAt = t;
        moveTo(t, event, 'superseded', 'system', null, 'superseded');
        break;
      case 'startClaim': {
        requireStatus(event, 'active');
        requireOpen(event, t, s.claimDueAt);
        claim.start(t);
        break;
      }
      case 'submitClaim':
        requireStatus(event, 'active');
        requireOpen(event, t, s.claimDueAt);
        claim.submit(t);
        s.firstSubmittedAt ??= t;
        s.submittedAt = t;
        moveTo(t, event, 'claim_submitted', 'partnerUser', partnerActor);
        break;
      case 'startReview':
        requireStatus(event, 'claim_submitted', 'disputed');
        requireOpen(event, t, s.reviewDueAt);
        moveTo(t, event, 'under_review', 'operator', userId(operator.key));
        break;
      case 'requestInfo':
        requireStatus(event, 'under_review');
        requireOpen(event, t, s.reviewDueAt);
        claim.review(t, 'requestInfo', REVIEW_COMMENTS.requestInfo);
        moveTo(t, event, 'action_required', 'operator', userId(operator.key), 'actionRequired', {
          comment: REVIEW_COMMENTS.requestInfo,
        });
        break;
      case 'resubmitClaim':
        requireStatus(event, 'action_required');
        requireOpen(event, t, s.reviewDueAt);
        s.submittedAt = t;
        moveTo(t, event, 'claim_submitted', 'partnerUser', partnerActor);
        break;
      case 'approve':
        requireStatus(event, 'under_review');
        requireOpen(event, t, s.reviewDueAt);
        claim.review(t, 'approve', REVIEW_COMMENTS.approve);
        s.endedAt = t;
        moveTo(t, event, 'approved', 'operator', userId(operator.key), 'claimApproved');
        break;
      case 'reject': {
        requireStatus(event, 'under_review');
        requireOpen(event, t, s.reviewDueAt);
        const final = s.disputedAt !== null;
        const comment = final ? REVIEW_COMMENTS.rejectFinal : REVIEW_COMMENTS.reject;
        claim.review(t, 'reject', comment);
        s.rejectedAt = t;
        if (final) s.endedAt = t;
        else s.disputeDueAt = addDays(t, DEMO_WINDOWS.disputeDays);
        moveTo(
          t,
          event,
          final ? 'rejected_final' : 'rejected',
          'operator',
          userId(operator.key),
          final ? 'claimRejectedFinal' : 'claimRejected',
          { comment },
        );
        break;
      }
      case 'dispute':
        requireStatus(event, 'rejected');
        requireOpen(event, t, s.disputeDueAt);
        s.disputedAt = t;
        moveTo(t, event, 'disputed', 'partnerUser', partnerActor, undefined, {
          comment:
            'The invoice date is the date of the order, not of the workshop; the workshop followed the consent.',
        });
        break;
      case 'expireClaim':
        requireStatus(event, 'active');
        s.endedAt = t;
        moveTo(t, event, 'not_submitted_expired', 'system', null, 'claimExpired');
        break;
      case 'expireReview':
        requireStatus(event, ...REVIEW_STATES);
        s.endedAt = t;
        moveTo(t, event, 'post_submission_expired', 'system', null, 'reviewExpired');
        break;
      case 'expireDispute':
        requireStatus(event, 'rejected');
        s.endedAt = t;
        moveTo(t, event, 'dispute_expired', 'system', null, 'disputeExpired');
        break;
      case 'cancelClaim':
        requireStatus(event, 'active');
        requireOpen(event, t, s.claimDueAt);
        s.endedAt = t;
        moveTo(t, event, 'cancelled', 'partnerUser', partnerActor);
        break;
    }
  }
  claim.settleDraft(now);

  if (s.status !== scenario.expect) fail(`reached ${s.status}, expected ${scenario.expect}`);
  checkLiveDeadline(s, now, fail);

  // Links and surveys of a record that ended are void; reminders that fell due were sent (§4.3).
  if (consent) {
    const pendingUntil = consent.decided_at ?? consent.voided_at ?? (s.endedAt ? s.consentDueAt : now);
    consent.reminders_sent = REMINDER_DAYS.filter((days) => {
      const due = addDays(s.consentDueAt, -days).getTime();
      return due >= new Date(consent!.created_at).getTime() && due < new Date(pendingUntil).getTime();
    });
  }
  claim.close(s.endedAt, last);

  rows.nominations.push({
    id: nominationId,
    partner_id: pid,
    location_id: locationId(scenario.location),
    engagement_id: engagementId(scenario.engagement),
    tenant_id: tenantId(scenario.tenant),
    origin: scenario.origin,
    status: s.status,
    customer_email: scenario.origin === 'add' ? (scenario.customerEmail ?? customerEmail) : null,
    mismatch_reason: scenario.mismatchReason ?? null,
    created_by: userId(actor.key),
    claimed_at: s.claimedAt,
    consent_due_at: s.consentDueAt,
    consent_requested_at: s.consentRequestedAt,
    consented_at: s.consentedAt,
    claim_due_at: s.claimDueAt,
    review_due_at: s.reviewDueAt,
    first_submitted_at: s.firstSubmittedAt,
    submitted_at: s.submittedAt,
    rejected_at: s.rejectedAt,
    dispute_due_at: s.disputeDueAt,
    disputed_at: s.disputedAt,
    ended_at: s.endedAt,
    payout_market: s.payout?.market ?? null,
    payout_amount_minor: s.payout?.amountMinor ?? null,
    payout_currency: s.payout?.currency ?? null,
    version: s.version,
    updated_at: s.updatedAt,
  });
}

/** Sweeps run just after the deadline they enforce. */
function sweepTime(event: string, s: State, fail: (message: string) => never): Date {
  const due =
    event === 'expireConsent'
      ? s.consentDueAt
      : event === 'expireClaim'
        ? s.claimDueAt
        : event === 'expireReview'
          ? s.reviewDueAt
          : s.disputeDueAt;
  if (!due) return fail(`${event} without its deadline`);
  return new Date(due.getTime() + SWEEP_DELAY_MS);
}

/** A record that has not ended must still be inside the window that governs its status (§5). */
function checkLiveDeadline(s: State, now: Date, fail: (message: string) => never): void {
  const governing: Partial<Record<NominationStatus, Date | null>> = {
    claimed: s.consentDueAt,
    consent_pending: s.consentDueAt,
    active: s.claimDueAt,
    claim_submitted: s.reviewDueAt,
    under_review: s.reviewDueAt,
    action_required: s.reviewDueAt,
    disputed: s.reviewDueAt,
    rejected: s.disputeDueAt,
  };
  if (!(s.status in governing)) return;
  const due = governing[s.status];
  if (!due || due.getTime() <= now.getTime()) fail(`live status ${s.status} is past its deadline`);
}
