import { FILE_KINDS, POE_KINDS, type PoeKind, type WorkshopClaim } from '../../contracts/claims.ts';
import { type EventType, effectiveStatus, TRANSITIONS } from '../../domain/lifecycle.ts';
import { deadlineOf } from '../../domain/lifecycle-sets.ts';
import type { NominationStatus } from '../../domain/status.ts';
import { daysLeft } from '../../domain/time.ts';
import type { HistoryEntry } from '../store/audit.ts';
import type { ClaimFacts, PoeItemFacts, ReviewDecision, Survey, SurveyAudience } from '../store/claims.ts';
import { allowedActions, missingItems } from './claim-rules.ts';

// The workshop claim as the partner and the program operator see it (spec §4.4): a pure function of
// what the repositories loaded (the claim's facts and the record's history) and `now`, tested without
// a database (test/unit/claims/derive-claim.test.ts). Operators see everything, including the customer
// survey's answers and every review decision; partners see operators as "Program operator".

export type ClaimAudience = 'partner' | 'operator';

/** Shown to partners instead of an operator's name (the operator side is one program office). */
export const OPERATOR_DISPLAY_NAME = 'Program operator';

/** Audit data keys that a claim's history shows (nothing else of an event's data leaves the server). */
const HISTORY_DATA_KEYS = ['kind', 'fileName', 'justification', 'comment', 'audience', 'decision', 'via'];

const SURVEY_OF: Partial<Record<PoeKind, SurveyAudience>> = {
  partnerSurvey: 'partner',
  customerSurvey: 'customer',
};

const FILE_ITEMS: readonly PoeKind[] = FILE_KINDS;

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

type Item = WorkshopClaim['items'][number];
type NameOf = (kind: HistoryEntry['actorKind'], name: string | null) => string | null;

/** How `audience` sees who acted: people of the partner by name, operators by name to operators only. */
function namesFor(audience: ClaimAudience): NameOf {
  return (kind, name) => {
    if (kind === 'operator' && audience === 'partner') return OPERATOR_DISPLAY_NAME;
    return kind === 'partnerUser' || kind === 'operator' ? name : null;
  };
}

function surveyView(of: SurveyAudience, survey: Survey | undefined, audience: ClaimAudience): Item['survey'] {
  // The customer's answers are for the program operator; the partner sees its own.
  const showAnswers = audience === 'operator' || of === 'partner';
  return {
    audience: of,
    state: survey?.completedAt ? 'completed' : survey?.sentAt ? 'sent' : 'notSent',
    contact:
      survey?.contactEmail && survey.contactName
        ? { name: survey.contactName, email: survey.contactEmail }
        : null,
    sentAt: iso(survey?.sentAt),
    completedAt: iso(survey?.completedAt),
    answers: showAnswers ? (survey?.answers ?? null) : null,
  };
}

/** An uploaded file as the checklist shows it (S1, S2). */
function fileView(item: PoeItemFacts, completedAt: Date, uploadedBy: string | null): Item['file'] {
  if (!item.fileName) return null;
  return {
    name: item.fileName,
    sizeBytes: item.file?.sizeBytes ?? 0,
    contentType: item.file?.contentType ?? 'application/octet-stream',
    uploadedAt: completedAt.toISOString(),
    uploadedBy,
  };
}

/** The checklist (S1–S4), in its fixed order, whatever the claim has of it. */
function checklist(facts: ClaimFacts, nameOf: NameOf, audience: ClaimAudience): Item[] {
  return POE_KINDS.map((kind) => {
    const item = facts.items.find((i) => i.kind === kind);
    const completedAt = item?.completedAt ?? null;
    const completedBy =
      completedAt && item?.completedBy ? nameOf(item.completedBy.kind, item.completedBy.name) : null;
    const surveyOf = SURVEY_OF[kind];
    const survey = facts.surveys.find((s) => s.audience === surveyOf);
    return {
      kind,
      required: facts.engagement.poeRequirements[kind],
      done: completedAt !== null,
      completedAt: iso(completedAt),
      completedBy,
      file:
        FILE_ITEMS.includes(kind) && item && completedAt ? fileView(item, completedAt, completedBy) : null,
      survey: surveyOf ? surveyView(surveyOf, survey, audience) : null,
    };
  });
}

/** The claim's contacts, or until it exists those of the consent request (a new claim's defaults). */
function contacts(facts: ClaimFacts): Pick<WorkshopClaim, 'partnerContact' | 'customerContact'> {
  const { partnerContact, customerContact } = facts.claim ??
    facts.consentContacts ?? { partnerContact: null, customerContact: null };
  return {
    partnerContact: partnerContact
      ? { name: partnerContact.name, email: partnerContact.email, phone: partnerContact.phone }
      : null,
    customerContact: customerContact
      ? {
          name: customerContact.name,
          email: customerContact.email,
          phone: customerContact.phone,
          locale: customerContact.locale ?? 'en',
        }
      : null,
  };
}

function expectedPayout(facts: ClaimFacts): WorkshopClaim['expectedPayout'] {
  if (facts.payoutAtConsent) return { ...facts.payoutAtConsent, atConsent: true };
  // Not consented yet (or a record from before payouts were stored): today's rate, for display.
  if (!facts.todaysRate) return null;
  return { ...facts.todaysRate, currency: facts.engagement.currency, atConsent: false };
}

/** The decisions whose comment explains the status they lead to (the partner must act on it). */
const EXPLAINED_BY_COMMENT: readonly EventType[] = ['requestInfo', 'reject'];

/** The latest decision's comment while it is what the status is about (action required, rejections). */
function operatorComment(status: NominationStatus, decisions: readonly ReviewDecision[]) {
  const explains = TRANSITIONS.find((row) => row.to === status && EXPLAINED_BY_COMMENT.includes(row.event));
  const last = decisions.at(-1);
  if (!explains || last?.decision !== explains.event) return null;
  return { decision: last.decision, comment: last.comment, at: last.at.toISOString() };
}

function historyView(history: readonly HistoryEntry[], nameOf: NameOf): WorkshopClaim['history'] {
  return history.map((e) => ({
    at: e.at.toISOString(),
    action: e.action,
    actor: { kind: e.actorKind, name: nameOf(e.actorKind, e.actorName) },
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    data: Object.fromEntries(
      HISTORY_DATA_KEYS.filter((k) => e.data[k] !== undefined).map((k) => [k, e.data[k]]),
    ),
  }));
}

/** The deadlines and their countdowns as the claim page shows them. */
function deadlines(facts: ClaimFacts, now: Date) {
  const r = facts.record;
  const countdown = deadlineOf(r.status, r);
  const dispute = countdown?.kind === 'dispute' ? countdown : null;
  return {
    consentedAt: iso(r.consentedAt),
    claimDueAt: iso(r.claimDueAt),
    // Days left to submit apply until the first submission only.
    daysLeft: r.claimDueAt && r.firstSubmittedAt === null ? daysLeft(r.claimDueAt, now) : null,
    reviewDueAt: iso(r.reviewDueAt),
    firstSubmittedAt: iso(r.firstSubmittedAt),
    submittedAt: iso(facts.submittedAt),
    disputeDueAt: iso(r.disputeDueAt),
    // Days left to dispute while the status counts down to the dispute deadline (not after a dispute).
    disputeDaysLeft: dispute && r.disputedAt === null ? daysLeft(dispute.due, now) : null,
    disputedAt: iso(r.disputedAt),
  };
}

/** The claim of one record as `audience` sees it at `now`. */
export function deriveClaimView(
  facts: ClaimFacts,
  history: readonly HistoryEntry[],
  now: Date,
  audience: ClaimAudience,
): WorkshopClaim {
  const { record, claim, engagement } = facts;
  const status = effectiveStatus(record.status, now, record);
  const nameOf = namesFor(audience);
  const items = checklist(facts, nameOf, audience);
  const view: WorkshopClaim = {
    nominationId: record.id,
    claimId: claim?.id ?? null,
    status,
    partner: { id: facts.partner.id, name: facts.partner.name },
    location: { id: facts.location.id, name: facts.location.name },
    customer: { tenantId: facts.customer.tenantId, name: facts.customer.name },
    engagement: { id: engagement.id, code: engagement.code, name: engagement.name },
    ...deadlines(facts, now),
    items,
    missingItems: missingItems(
      engagement.poeRequirements,
      items.filter((i) => i.done).map((i) => i.kind),
    ),
    comments: claim?.comments ?? '',
    ...contacts(facts),
    contactsLocked: claim !== null && claim.contactsLockedAt !== null,
    expectedPayout: expectedPayout(facts),
    operatorComment: operatorComment(status, facts.decisions),
    actions: allowedActions(record, now),
    history: historyView(history, nameOf),
    version: claim?.version ?? 0,
  };
  if (audience === 'operator')
    view.reviews = facts.decisions.map((d) => ({
      decision: d.decision,
      comment: d.comment,
      at: d.at.toISOString(),
    }));
  return view;
}
