import type { Insertable } from 'kysely';
import type {
  AuditEventsTable,
  PoeItemsTable,
  ReviewDecisionsTable,
  WorkshopClaimsTable,
} from '../adapters/db/schema.ts';
import { HOUR_MS } from '../domain/time.ts';
import { type EngagementSeed, type TenantSeed, tenantId, type UserSeed } from './demo-catalogue.ts';
import { demoPdf } from './demo-files.ts';
import type { PoeKind, Scenario } from './demo-scenarios.ts';
import type { TimelineRows } from './demo-timeline.ts';
import { demoId, unusableTokenHash } from './ids.ts';

// The workshop claim of a demo record (spec §4.4): the claim row, its POE items with their files and
// surveys, and the operator's review decisions. The timeline (demo-timeline.ts) calls it at the steps
// that touch the claim; nothing here changes the record's status, which only decide() does.

const POE_KINDS: readonly PoeKind[] = ['findingsReport', 'invoice', 'partnerSurvey', 'customerSurvey'];

/** What the rows of a record need to know about its scenario (built once by the timeline). */
export interface ScenarioContext {
  scenario: Scenario;
  /** partner/engagement/tenant: the stem of every demo id of the record. */
  key: string;
  nominationId: string;
  partnerId: string;
  tenant: TenantSeed;
  engagement: EngagementSeed;
  /** The partner user who acts on the record. */
  actor: UserSeed;
  actorId: string;
  operatorId: string;
  customerEmail: string;
  customerLocale: string;
  /** An audit event of the record (no change of status). */
  audit: (t: Date, action: string, actor: AuditActor, data?: Record<string, unknown>) => void;
  /** Throws: the scenario cannot happen. */
  fail: (message: string) => never;
}

/** Who an audit event names. */
export interface AuditActor {
  kind: Insertable<AuditEventsTable>['actor_kind'];
  id: string | null;
}

type ReviewDecision = Insertable<ReviewDecisionsTable>['decision'];

/** The workshop claim of one record, from its start (a draft) to its last review. */
export class WorkshopClaimRows {
  row: Insertable<WorkshopClaimsTable> | null = null;
  private startedAt: Date | null = null;
  /** Draft items (scenario.draftItems) not yet completed: they are done before the next step. */
  private draftPending = false;
  private reviewCount = 0;

  constructor(
    private readonly c: ScenarioContext,
    private readonly rows: TimelineRows,
  ) {}

  /** The partner opens the claim (first write, §4.4); the customer survey goes out an hour later. */
  start(t: Date): void {
    const { c } = this;
    if (this.row) c.fail('workshop claim started twice');
    this.startedAt = t;
    const claim: Insertable<WorkshopClaimsTable> = {
      id: demoId(`claim:${c.key}`),
      nomination_id: c.nominationId,
      partner_id: c.partnerId,
      comments: '',
      partner_contact: JSON.stringify({
        name: c.actor.displayName,
        email: c.actor.email,
        phone: c.actor.phone,
      }),
      customer_contact: JSON.stringify({
        name: c.tenant.contact.name,
        email: c.customerEmail,
        locale: c.customerLocale,
      }),
      customer_contacts_locked_at: null,
      version: 1,
      created_at: t,
      updated_at: t,
    };
    this.row = claim;
    this.rows.claims.push(claim);
    c.audit(t, 'startWorkshopClaim', { kind: 'partnerUser', id: c.actorId });
    if (c.engagement.poe.customerSurvey) this.sendCustomerSurvey(new Date(t.getTime() + HOUR_MS));
    this.draftPending = true;
  }

  /** The first submission: every required item done, the claim's comments written. */
  submit(t: Date): void {
    const claim = this.row ?? this.c.fail('submitted without a workshop claim');
    const required = POE_KINDS.filter((kind) => this.c.engagement.poe[kind]);
    this.completeItems(required, t);
    claim.comments = `Workshop delivered on site with ${4 + (this.c.tenant.seats % 9)} attendees; findings presented to the customer’s leadership team.`;
  }

  /** A draft's items are done before whatever happens next (or before `now`). */
  settleDraft(until: Date): void {
    if (this.draftPending) this.completeItems(this.c.scenario.draftItems ?? [], until);
  }

  review(t: Date, decision: ReviewDecision, comment: string): void {
    const claim = this.row ?? this.c.fail('review without a workshop claim');
    this.reviewCount += 1;
    this.rows.reviews.push({
      id: demoId(`review:${this.c.key}:${this.reviewCount}`),
      claim_id: claim.id,
      operator_id: this.c.operatorId,
      decision,
      comment,
      created_at: t,
    });
  }

  /** Surveys of a record that ended are void; the claim was last changed at the record's last step. */
  close(endedAt: Date | null, lastStep: Date): void {
    const claim = this.row;
    if (!claim) return;
    if (endedAt) {
      for (const survey of this.rows.surveys) {
        if (survey.claim_id === claim.id && !survey.completed_at) survey.voided_at = endedAt;
      }
    }
    claim.updated_at = lastStep;
  }

  private sendCustomerSurvey(sentAt: Date): void {
    const { c } = this;
    this.rows.surveys.push({
      id: demoId(`survey:${c.key}:customer`),
      claim_id: this.row!.id,
      audience: 'customer',
      token_hash: unusableTokenHash(),
      contact_name: c.tenant.contact.name,
      contact_email: c.customerEmail,
      locale: c.customerLocale,
      answers: null,
      sent_at: sentAt,
      completed_at: null,
      voided_at: null,
      created_at: sentAt,
    });
  }

  /** POE items done between the claim's start and `until`, evenly spaced (S1–S5). */
  private completeItems(kinds: readonly PoeKind[], until: Date): void {
    const claim = this.row;
    const start = this.startedAt;
    if (!claim || !start) return;
    const span = until.getTime() - start.getTime();
    kinds.forEach((kind, i) => {
      const doneAt = new Date(start.getTime() + (span * (i + 1)) / (kinds.length + 1));
      this.completeItem(claim, kind, doneAt);
    });
    this.draftPending = false;
  }

  private completeItem(claim: Insertable<WorkshopClaimsTable>, kind: PoeKind, doneAt: Date): void {
    // The customer answers their own survey; the partner user does everything else.
    const by: AuditActor =
      kind === 'customerSurvey'
        ? { kind: 'customer', id: null }
        : { kind: 'partnerUser', id: this.c.actorId };
    const item: Insertable<PoeItemsTable> = {
      claim_id: claim.id,
      kind,
      file_sha256: null,
      file_name: null,
      completed_at: doneAt,
      completed_by: by.id,
    };
    if (kind === 'findingsReport' || kind === 'invoice') {
      const file = kind === 'findingsReport' ? this.findingsReport() : this.invoice();
      this.rows.files.push(file);
      item.file_sha256 = file.sha256;
      item.file_name = file.fileName;
    }
    if (kind === 'partnerSurvey') this.answerPartnerSurvey(claim, doneAt);
    if (kind === 'customerSurvey') this.answerCustomerSurvey(claim, doneAt);
    this.c.audit(doneAt, 'completePoeItem', by, {
      kind,
      ...(item.file_name ? { fileName: item.file_name } : {}),
    });
    this.rows.poeItems.push(item);
  }

  private findingsReport() {
    const { tenant, engagement, actor, scenario } = this.c;
    return demoPdf(`Findings and recommendations - ${tenant.name}.pdf`, [
      `${engagement.name}: findings and recommendations`,
      `Customer: ${tenant.name} (tenant ${tenantId(scenario.tenant)})`,
      `Delivered by ${actor.displayName}`,
      'Demo document generated by the MCI demo seed.',
    ]);
  }

  private invoice() {
    const { tenant, engagement, scenario } = this.c;
    // Numbered by the files seeded so far, so every invoice of the demo has its own number.
    const number = `${scenario.partner === 'trey' ? 'TR' : 'PW'}-${String(10000 + this.rows.files.length)}`;
    return demoPdf(`Invoice ${number}.pdf`, [
      `Invoice ${number} for the ${engagement.name}`,
      `Customer: ${tenant.name}`,
      `Amount: the workshop fee as agreed with the customer`,
      'Demo document generated by the MCI demo seed.',
    ]);
  }

  private answerPartnerSurvey(claim: Insertable<WorkshopClaimsTable>, doneAt: Date): void {
    const { c } = this;
    this.rows.surveys.push({
      id: demoId(`survey:${c.key}:partner`),
      claim_id: claim.id,
      audience: 'partner',
      token_hash: null,
      contact_name: c.actor.displayName,
      contact_email: c.actor.email,
      locale: 'en',
      // The shape of PartnerSurveyAnswers (src/contracts/surveys.ts).
      answers: JSON.stringify({
        deliveredOn: doneAt.toISOString().slice(0, 10),
        durationHours: 6,
        attendees: 8,
        topicsCovered: 'Current posture, priorities and a 90-day roadmap.',
        nextSteps: 'Pilot the two quick wins agreed in the session.',
      }),
      sent_at: null,
      completed_at: doneAt,
      voided_at: null,
      created_at: doneAt,
    });
  }

  private answerCustomerSurvey(claim: Insertable<WorkshopClaimsTable>, doneAt: Date): void {
    const survey =
      this.rows.surveys.find((row) => row.id === demoId(`survey:${this.c.key}:customer`)) ??
      this.c.fail('customer survey completed but never sent');
    survey.completed_at = doneAt;
    survey.answers = JSON.stringify({
      satisfaction: 4,
      wouldRecommend: true,
      comments: 'Useful and concrete.',
    });
    claim.customer_contacts_locked_at = doneAt; // S7
  }
}
