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
import { DEFAULT_CONSENT_REMINDER_DAYS } from '../domain/consent.ts';
import {
  DEFAULT_WINDOWS,
  deadlineFor,
  decide,
  type EventType,
  type NominationRecord,
  open,
  type PartnerNoticeKind,
  type Refusal,
  type StampColumn,
  TRANSITIONS,
  type Transition,
} from '../domain/lifecycle.ts';
import { BOUNDING_DEADLINE } from '../domain/lifecycle-sets.ts';
import type { NominationStatus } from '../domain/status.ts';
import { addDays, DAY_MS, isOpen } from '../domain/time.ts';
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
import { type AuditActor, type ScenarioContext, WorkshopClaimRows } from './demo-claim-rows.ts';
import type { DemoFile } from './demo-files.ts';
import { demoNominationId, type Scenario, type Step } from './demo-scenarios.ts';
import { demoId, unusableTokenHash } from './ids.ts';

// Replays a scenario's steps through the lifecycle (spec §5): every change of status is a decide() of
// src/domain/lifecycle.ts, whose decision names the next status, the columns to stamp and the partner
// notices. The seed only adds the rows around the record that the app's use cases would write (consent
// request, workshop claim, reviews, audit). A step the lifecycle refuses throws, so a mistake in
// demo-scenarios.ts fails the seed (and its test) instead of loading odd data.

/** Sweeps run this long after the deadline they enforce, as the sweeper would. */
const SWEEP_DELAY_MS = 10 * 60 * 1000;

/** The operator's comment on a review decision, by the status the decision led to. */
const REVIEW_COMMENTS: Partial<Record<NominationStatus, string>> = {
  action_required: 'Please add the signed attendance list to the findings report.',
  rejected: 'The invoice is dated before the customer’s consent.',
  rejected_final: 'The dispute does not change the finding: the invoice still predates the consent.',
  approved: 'All proof of execution in order.',
};
const DISPUTE_COMMENT =
  'The invoice date is the date of the order, not of the workshop; the workshop followed the consent.';

/** A partner notice the lifecycle would have sent (turned into notifications and emails by demo.ts). */
export interface Notice {
  kind: PartnerNoticeKind;
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

/** Appends the rows of one scenario to `rows`. */
export function buildScenario(scenario: Scenario, now: Date, rows: TimelineRows): void {
  const replay = new Replay(scenario, now, rows);
  for (const step of scenario.steps) replay.step(step);
  replay.finish();
}

/** The record as the replay goes: what decide() reads, every column it stamps, and the row's own. */
interface SeedRecord extends NominationRecord, Record<StampColumn, Date | null> {
  consentRequestedAt: Date | null;
  payout: { market: string; amountMinor: number; currency: string } | null;
  version: number;
  /** The last change of the nomination row (its last transition). */
  updatedAt: Date;
}

type AuditData = Record<string, unknown>;

/** The first row of the table for `event`: who causes it and its timing are the same on all of them. */
function rowOf(event: EventType): Transition {
  const row = TRANSITIONS.find((r) => r.event === event);
  if (!row) throw new Error(`no transition for ${event}`);
  return row;
}

function refusalText({ event, from, code, deadline }: Refusal, t: Date): string {
  const due = deadline ? ` (deadline ${deadline.toISOString()})` : '';
  return `${event} at ${t.toISOString()} is refused from ${from}: ${code}${due}`;
}

class Replay {
  private readonly c: ScenarioContext;
  private readonly record: SeedRecord;
  private readonly claim: WorkshopClaimRows;
  private consent: Insertable<ConsentRequestsTable> | null = null;
  /** The time of the last step: steps happen in order, none after `now`. */
  private last: Date;

  constructor(
    private readonly scenario: Scenario,
    private readonly now: Date,
    private readonly rows: TimelineRows,
  ) {
    const tenant = tenantSeed(scenario.tenant);
    const engagement = engagementSeed(scenario.engagement);
    const actor = userSeed(scenario.by);
    const key = `${scenario.partner}/${scenario.engagement}/${scenario.tenant}`;
    this.c = {
      scenario,
      key,
      nominationId: demoNominationId(scenario.partner, scenario.engagement, scenario.tenant),
      partnerId: partnerId(scenario.partner),
      tenant,
      engagement,
      actor,
      actorId: userId(actor.key),
      operatorId: userId('olga'),
      customerEmail: `${tenant.contact.local}@${tenant.domains[0]}`,
      customerLocale: localeOfCountry(tenant.country),
      audit: (t, action, by, data) => this.audit(t, action, by, null, data),
      fail: (message) => {
        throw new Error(`demo scenario ${tenant.name}, ${engagement.name} (${key}): ${message}`);
      },
    };
    this.claim = new WorkshopClaimRows(this.c, rows);
    this.record = this.open();
    this.last = this.record.claimedAt;
  }

  /** Add (R17) or claim (R22): the record opens as the lifecycle opens it. */
  private open(): SeedRecord {
    const { scenario, c } = this;
    // The demo engagements keep the schema's default windows (demo.ts sets none).
    const windows = DEFAULT_WINDOWS;
    const opened = open(scenario.origin, this.at(scenario.claimedAt), windows);
    const record: SeedRecord = {
      ...opened,
      windows,
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
      updatedAt: opened.claimedAt,
    };
    const email = scenario.customerEmail ?? c.customerEmail;
    this.audit(
      opened.claimedAt,
      scenario.origin === 'add' ? 'addCustomer' : 'claimCustomer',
      { kind: 'partnerUser', id: c.actorId },
      { from: null, to: opened.status },
      {
        locationId: locationId(scenario.location),
        engagementId: engagementId(scenario.engagement),
        tenantId: tenantId(scenario.tenant),
        ...(scenario.origin === 'add' ? { email } : {}),
        ...(scenario.mismatchReason ? { mismatchReason: scenario.mismatchReason } : {}),
      },
    );
    return record;
  }

  step(step: Step): void {
    const [event] = step;
    const t = this.timeOf(step);
    if (t.getTime() < this.last.getTime()) {
      this.c.fail(`${event} at ${t.toISOString()} is before the previous step`);
    }
    if (t.getTime() > this.now.getTime()) this.c.fail(`${event} is in the future`);
    // A draft's items were done before whatever happened next; a submission completes them itself.
    if (event !== 'submitClaim') this.claim.settleDraft(t);
    this.last = t;
    if (event === 'startClaim') this.startClaim(t);
    else this.apply(event, t);
  }

  /** A step's day, or for a sweep (which takes none) just after the deadline the table names for it. */
  private timeOf([event, day]: Step): Date {
    if (event === 'startClaim' || rowOf(event).timing === 'action') {
      return day === undefined ? this.c.fail(`${event} needs a day`) : this.at(day);
    }
    if (day !== undefined) this.c.fail(`${event} is a sweep: it runs at its deadline, not on a day`);
    const due =
      deadlineFor(this.record, event) ?? this.c.fail(`${event} is not possible from ${this.record.status}`);
    return new Date(due.getTime() + SWEEP_DELAY_MS);
  }

  /** The partner opens the workshop claim: a draft, possible exactly where a submission would be. */
  private startClaim(t: Date): void {
    const submit = decide(this.record, { type: 'submitClaim' }, t);
    if (!submit.ok)
      this.c.fail(`startClaim where no claim could be submitted: ${refusalText(submit.refusal, t)}`);
    this.claim.start(t);
  }

  /** One lifecycle event: decide(), the rows around it, then the decision written to the record. */
  private apply(event: EventType, t: Date): void {
    const decision = decide(this.record, { type: event }, t);
    if (!decision.ok) this.c.fail(refusalText(decision.refusal, t));
    const from = this.record.status;
    const data = this.sideRows(event, t, decision.next);
    Object.assign(this.record, decision.set);
    // An event that changes no status (a resend) is audited without one and leaves the row's version.
    const change = decision.next === from ? null : { from, to: decision.next };
    if (change) {
      this.record.status = change.to;
      this.record.version += 1;
      this.record.updatedAt = t;
    }
    this.audit(t, event, this.actorOf(event), change, data);
    for (const effect of decision.effects) {
      if (effect.type === 'notifyPartner') {
        this.rows.notices.push({
          kind: effect.kind,
          at: t,
          scenario: this.scenario,
          nominationId: this.c.nominationId,
        });
      }
    }
  }

  /** Who the audit names for an event: the table's `by`, as the scenario's people. */
  private actorOf(event: EventType): AuditActor {
    switch (rowOf(event).by) {
      case 'partner':
        return { kind: 'partnerUser', id: this.c.actorId };
      case 'operator':
        return { kind: 'operator', id: this.c.operatorId };
      case 'customer':
        return { kind: 'customer', id: null };
      case 'system':
        return { kind: 'system', id: null };
    }
  }

  /** What the app's use case writes besides the record for this event; returns the audit's data. */
  private sideRows(event: EventType, t: Date, next: NominationStatus): AuditData {
    switch (event) {
      case 'requestConsent':
        return this.requestConsent(t);
      case 'resendConsent': {
        const consent = this.pendingConsent();
        consent.last_sent_at = t;
        consent.send_count = (consent.send_count ?? 1) + 1;
        return {};
      }
      case 'acceptConsent':
        this.answerConsent('accept', t);
        this.record.payout = this.payout();
        return {};
      case 'declineConsent':
        this.answerConsent('decline', t);
        return {};
      case 'supersede':
        if (this.consent) this.consent.voided_at = t; // the link stops working (§4.3)
        return {};
      case 'submitClaim':
        this.claim.submit(t);
        return {};
      case 'requestInfo':
      case 'reject':
      case 'approve': {
        const comment = REVIEW_COMMENTS[next] ?? this.c.fail(`no review comment for ${next}`);
        this.claim.review(t, event, comment);
        // As seeded so far: the audit carries the comment the partner is told about, not the approval's.
        return event === 'approve' ? {} : { comment };
      }
      case 'dispute':
        return { comment: DISPUTE_COMMENT };
      default:
        return {};
    }
  }

  private requestConsent(t: Date): AuditData {
    const { c, record } = this;
    record.consentRequestedAt = t;
    this.consent = {
      id: demoId(`consent:${c.key}`),
      nomination_id: c.nominationId,
      partner_id: c.partnerId,
      token_hash: unusableTokenHash(),
      customer_name: c.tenant.contact.name,
      customer_email: c.customerEmail,
      customer_phone: null,
      customer_locale: c.customerLocale,
      partner_contact_name: c.actor.displayName,
      partner_contact_email: c.actor.email,
      partner_contact_phone: c.actor.phone,
      expires_at: record.consentDueAt,
      created_at: t,
      last_sent_at: t,
      send_count: 1,
      reminders_sent: [],
      email_status: 'sent',
      voided_at: null,
      decided_at: null,
      decision: null,
    };
    this.rows.consentRequests.push(this.consent);
    return { locale: c.customerLocale };
  }

  private pendingConsent(): Insertable<ConsentRequestsTable> {
    return this.consent ?? this.c.fail('no consent request');
  }

  private answerConsent(decision: 'accept' | 'decline', t: Date): void {
    const consent = this.pendingConsent();
    consent.decision = decision;
    consent.decided_at = t;
  }

  /** §4.4: the rate of the customer's market, taken at the consent. */
  private payout(): SeedRecord['payout'] {
    const { tenant, engagement } = this.c;
    const market = MARKETS[tenant.country] ?? this.c.fail(`no market for ${tenant.country}`);
    return { market, amountMinor: engagement.rates[market], currency: 'USD' };
  }

  /** Checks where the steps led, then writes what only the end of the history decides. */
  finish(): void {
    const { record, scenario } = this;
    this.claim.settleDraft(this.now);
    if (record.status !== scenario.expect)
      this.c.fail(`reached ${record.status}, expected ${scenario.expect}`);
    this.checkLiveDeadline();
    if (this.consent) this.consent.reminders_sent = this.remindersSent(this.consent);
    this.claim.close(record.endedAt, this.last);
    this.rows.nominations.push(this.nominationRow());
  }

  /** A record that has not ended must still be inside the window that bounds its status (§5). */
  private checkLiveDeadline(): void {
    const { status } = this.record;
    const column = BOUNDING_DEADLINE[status];
    if (!column) return;
    const due = this.record[column];
    if (!due || !isOpen(due, this.now)) this.c.fail(`live status ${status} is past its deadline`);
  }

  /** The reminders (§4.3) that fell due while the request was pending. */
  private remindersSent(consent: Insertable<ConsentRequestsTable>): number[] {
    const { consentDueAt, endedAt } = this.record;
    const pendingUntil = consent.decided_at ?? consent.voided_at ?? (endedAt ? consentDueAt : this.now);
    return DEFAULT_CONSENT_REMINDER_DAYS.filter((days) => {
      const due = addDays(consentDueAt, -days).getTime();
      return due >= new Date(consent.created_at).getTime() && due < new Date(pendingUntil).getTime();
    });
  }

  private nominationRow(): Insertable<NominationsTable> {
    const { c, record: r, scenario } = this;
    return {
      id: c.nominationId,
      partner_id: c.partnerId,
      location_id: locationId(scenario.location),
      engagement_id: engagementId(scenario.engagement),
      tenant_id: tenantId(scenario.tenant),
      origin: scenario.origin,
      status: r.status,
      customer_email: scenario.origin === 'add' ? (scenario.customerEmail ?? c.customerEmail) : null,
      mismatch_reason: scenario.mismatchReason ?? null,
      created_by: c.actorId,
      claimed_at: r.claimedAt,
      consent_due_at: r.consentDueAt,
      consent_requested_at: r.consentRequestedAt,
      consented_at: r.consentedAt,
      claim_due_at: r.claimDueAt,
      review_due_at: r.reviewDueAt,
      first_submitted_at: r.firstSubmittedAt,
      submitted_at: r.submittedAt,
      rejected_at: r.rejectedAt,
      dispute_due_at: r.disputeDueAt,
      disputed_at: r.disputedAt,
      ended_at: r.endedAt,
      payout_market: r.payout?.market ?? null,
      payout_amount_minor: r.payout?.amountMinor ?? null,
      payout_currency: r.payout?.currency ?? null,
      version: r.version,
      updated_at: r.updatedAt,
    };
  }

  private audit(
    t: Date,
    action: string,
    by: AuditActor,
    change: { from: NominationStatus | null; to: NominationStatus } | null,
    data: AuditData = {},
  ): void {
    this.rows.audit.push({
      partner_id: this.c.partnerId,
      nomination_id: this.c.nominationId,
      claim_id: this.claim.row?.id ?? null,
      actor_kind: by.kind,
      actor_id: by.id,
      action,
      from_status: change?.from ?? null,
      to_status: change?.to ?? null,
      data: JSON.stringify(data),
      created_at: t,
    });
  }

  private at(day: number): Date {
    return new Date(this.now.getTime() + day * DAY_MS);
  }
}
