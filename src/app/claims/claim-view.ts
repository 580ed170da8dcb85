import { sql } from 'kysely';
import { type ClaimAction, POE_KINDS, type PoeKind, type WorkshopClaim } from '../../contracts/claims.ts';
import { DomainError } from '../../domain/errors.ts';
import { decide, type EventType, effectiveStatus, type NominationRecord } from '../../domain/lifecycle.ts';
import { daysLeft, isOpen } from '../../domain/time.ts';
import { LIFECYCLE_COLUMNS, toNominationRecord, WINDOW_COLUMNS } from '../lifecycle/nomination-record.ts';
import type { Trx } from '../ports.ts';

// The workshop claim as the partner and the program operator see it (spec §4.4). `claimView` only
// reads: the caller has already checked that the actor may see the record (partner scope + policy, or
// the operator role). The claim row is created lazily by the first write (claims.ts); before that
// the view shows the empty checklist and the contacts the consent request carried.

export type ClaimAudience = 'partner' | 'operator';

/** Shown to partners instead of an operator's name (the operator side is one program office). */
export const OPERATOR_DISPLAY_NAME = 'Program operator';

/** Audit data keys that a claim's history shows (nothing else of an event's data leaves the server). */
const HISTORY_DATA_KEYS = ['kind', 'fileName', 'justification', 'comment', 'audience', 'decision', 'via'];

/** The record with everything the claim page needs besides its items. */
export async function loadClaimRecord(trx: Trx, nominationId: string) {
  return trx
    .selectFrom('nominations as n')
    .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
    .innerJoin('tenants as t', 't.id', 'n.tenant_id')
    .innerJoin('partners as p', 'p.id', 'n.partner_id')
    .innerJoin('locations as l', 'l.id', 'n.location_id')
    .leftJoin('workshop_claims as c', 'c.nomination_id', 'n.id')
    .select([
      'n.id',
      'n.partner_id',
      'n.location_id',
      'n.engagement_id',
      'n.tenant_id',
      'n.submitted_at',
      'n.payout_market',
      'n.payout_amount_minor',
      'n.payout_currency',
      'e.code as engagement_code',
      'e.name as engagement_name',
      'e.poe_requirements',
      'e.currency as engagement_currency',
      't.name as tenant_name',
      't.country as tenant_country',
      'p.name as partner_name',
      'l.name as location_name',
      'c.id as claim_id',
      'c.comments',
      'c.partner_contact',
      'c.customer_contact',
      'c.customer_contacts_locked_at',
      'c.version as claim_version',
    ])
    .select([...LIFECYCLE_COLUMNS, ...WINDOW_COLUMNS])
    .where('n.id', '=', nominationId)
    .executeTakeFirst();
}

export type ClaimRecord = NonNullable<Awaited<ReturnType<typeof loadClaimRecord>>>;

/** S1–S4: each item is required unless the engagement says otherwise (all four by default). */
export function requirementsOf(poe: unknown): Record<PoeKind, boolean> {
  const map = (poe && typeof poe === 'object' ? poe : {}) as Record<string, unknown>;
  return Object.fromEntries(POE_KINDS.map((k) => [k, map[k] !== false])) as Record<PoeKind, boolean>;
}

/** The event a submission is (first submit from active, resubmit after "action required"). */
export function submitEventOf(status: string): EventType {
  return status === 'action_required' ? 'resubmitClaim' : 'submitClaim';
}

/**
 * Whether the claim's fields, files and surveys may change now: while active (before claimDueAt)
 * or action_required (before reviewDueAt, the bound of a resubmission). Decided by the lifecycle
 * table: editing is possible exactly when the submission event would be.
 */
export function editRefusal(record: NominationRecord, now: Date): DomainError | null {
  if (record.status !== 'active' && record.status !== 'action_required')
    return new DomainError('InvalidTransition', {
      target: 'nominationId',
      params: { from: record.status, event: 'editClaim' },
    });
  const decision = decide(record, { type: submitEventOf(record.status) }, now);
  if (!decision.ok) {
    const deadline = decision.refusal.deadline;
    return new DomainError(
      decision.refusal.code === 'DeadlinePassed' ? 'DeadlinePassed' : 'InvalidTransition',
      {
        target: 'nominationId',
        params: { from: record.status, event: 'editClaim', ...(deadline ? { deadline } : {}) },
      },
    );
  }
  return null;
}

function allowedActions(record: NominationRecord, now: Date): ClaimAction[] {
  const actions: ClaimAction[] = [];
  const ok = (event: EventType) => decide(record, { type: event }, now).ok;
  if (editRefusal(record, now) === null) actions.push('edit');
  if (ok(submitEventOf(record.status))) actions.push('submit');
  if (ok('cancelClaim')) actions.push('cancel');
  if (ok('dispute')) actions.push('dispute');
  return actions;
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function parseJson(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    try {
      return JSON.parse(value) as Record<string, unknown>;
    } catch {
      return null;
    }
  }
  return value as Record<string, unknown>;
}

function contactOf(value: unknown) {
  const c = parseJson(value);
  if (!c || typeof c.name !== 'string' || typeof c.email !== 'string') return null;
  return {
    name: c.name,
    email: c.email,
    phone: typeof c.phone === 'string' ? c.phone : null,
    ...(typeof c.locale === 'string' ? { locale: c.locale } : {}),
  };
}

/** The contacts of the accepted (else the latest) consent request: the defaults of a new claim. */
export async function consentContacts(trx: Trx, nominationId: string) {
  const cr = await trx
    .selectFrom('consent_requests')
    .selectAll()
    .where('nomination_id', '=', nominationId)
    .orderBy(sql`case when decision = 'accept' then 0 else 1 end`)
    .orderBy('created_at', 'desc')
    .orderBy('send_count', 'desc')
    .executeTakeFirst();
  if (!cr) return { partnerContact: null, customerContact: null };
  return {
    partnerContact: {
      name: cr.partner_contact_name,
      email: cr.partner_contact_email,
      phone: cr.partner_contact_phone,
    },
    customerContact: {
      name: cr.customer_name,
      email: cr.customer_email,
      phone: cr.customer_phone,
      locale: cr.customer_locale,
    },
  };
}

async function payoutOf(trx: Trx, r: ClaimRecord): Promise<WorkshopClaim['expectedPayout']> {
  if (r.payout_market && r.payout_amount_minor !== null && r.payout_currency)
    return {
      market: r.payout_market,
      amountMinor: Number(r.payout_amount_minor),
      currency: r.payout_currency.trim(),
      atConsent: true,
    };
  // Not consented yet (or a record from before payouts were stored): today's rate, for display.
  if (!r.tenant_country) return null;
  const rate = await trx
    .selectFrom('markets as m')
    .innerJoin('engagement_rates as er', 'er.market', 'm.market')
    .select(['m.market', 'er.amount_minor'])
    .where('m.country', '=', r.tenant_country)
    .where('er.engagement_id', '=', r.engagement_id)
    .executeTakeFirst();
  if (!rate) return null;
  return {
    market: rate.market,
    amountMinor: Number(rate.amount_minor),
    currency: r.engagement_currency.trim(),
    atConsent: false,
  };
}

/**
 * The claim of one record as `audience` sees it. Throws NotFound for an unknown id; it does not check
 * access (the caller does). Operators see everything, including the customer survey's answers and
 * every review decision; partners see operators as "Program operator".
 */
export async function claimView(
  trx: Trx,
  nominationId: string,
  now: Date,
  audience: ClaimAudience,
): Promise<WorkshopClaim> {
  const r = await loadClaimRecord(trx, nominationId);
  if (!r) throw new DomainError('NotFound', { target: 'nominationId' });
  const record = toNominationRecord(r);
  const required = requirementsOf(r.poe_requirements);
  const claimId = r.claim_id;

  // Sequential on purpose: one connection per transaction (and PGlite's single one).
  const items = claimId
    ? await trx
        .selectFrom('poe_items as i')
        .leftJoin('files as f', 'f.sha256', 'i.file_sha256')
        .leftJoin('users as u', 'u.id', 'i.completed_by')
        .select([
          'i.kind',
          'i.file_name',
          'i.completed_at',
          'f.size_bytes',
          'f.content_type',
          'u.display_name',
          'u.kind as user_kind',
        ])
        .where('i.claim_id', '=', claimId)
        .execute()
    : [];
  const surveys = claimId
    ? await trx
        .selectFrom('surveys')
        .selectAll()
        .where('claim_id', '=', claimId)
        .where('voided_at', 'is', null)
        .execute()
    : [];
  const reviews = claimId
    ? await trx
        .selectFrom('review_decisions')
        .select(['decision', 'comment', 'created_at'])
        .where('claim_id', '=', claimId)
        .orderBy('created_at')
        .orderBy('id')
        .execute()
    : [];
  const events = await trx
    .selectFrom('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.actor_id')
    .select([
      'a.created_at',
      'a.action',
      'a.actor_kind',
      'a.from_status',
      'a.to_status',
      'a.data',
      'u.display_name',
    ])
    .where('a.nomination_id', '=', nominationId)
    .orderBy('a.id')
    .execute();

  const nameOf = (kind: string, displayName: string | null) =>
    kind === 'operator' && audience === 'partner'
      ? OPERATOR_DISPLAY_NAME
      : kind === 'partnerUser' || kind === 'operator'
        ? (displayName ?? null)
        : null;

  const poeItems = POE_KINDS.map((kind) => {
    const item = items.find((i) => i.kind === kind);
    const done = Boolean(item?.completed_at);
    const isFile = kind === 'findingsReport' || kind === 'invoice';
    const surveyAudience =
      kind === 'partnerSurvey' ? 'partner' : kind === 'customerSurvey' ? 'customer' : null;
    const s = surveyAudience ? surveys.find((x) => x.audience === surveyAudience) : undefined;
    const completedBy = item?.completed_at
      ? item.display_name
        ? nameOf(item.user_kind ?? 'partnerUser', item.display_name)
        : null
      : null;
    return {
      kind,
      required: required[kind],
      done,
      completedAt: iso(item?.completed_at),
      completedBy,
      file:
        isFile && item?.file_name && item.completed_at
          ? {
              name: item.file_name,
              sizeBytes: Number(item.size_bytes ?? 0),
              contentType: item.content_type ?? 'application/octet-stream',
              uploadedAt: item.completed_at.toISOString(),
              uploadedBy: completedBy,
            }
          : null,
      survey: surveyAudience
        ? {
            audience: surveyAudience,
            state: s?.completed_at ? 'completed' : s?.sent_at ? 'sent' : 'notSent',
            contact:
              s?.contact_email && s.contact_name ? { name: s.contact_name, email: s.contact_email } : null,
            sentAt: iso(s?.sent_at),
            completedAt: iso(s?.completed_at),
            answers:
              s?.answers && (audience === 'operator' || surveyAudience === 'partner')
                ? parseJson(s.answers)
                : null,
          }
        : null,
    } satisfies WorkshopClaim['items'][number];
  });

  const defaults = claimId ? null : await consentContacts(trx, nominationId);
  const partnerContact = claimId ? contactOf(r.partner_contact) : defaults!.partnerContact;
  const customerContactRaw = claimId ? contactOf(r.customer_contact) : defaults!.customerContact;
  const customerContact = customerContactRaw
    ? {
        ...customerContactRaw,
        locale: 'locale' in customerContactRaw ? String(customerContactRaw.locale) : 'en',
      }
    : null;
  const partnerContactView = partnerContact
    ? { name: partnerContact.name, email: partnerContact.email, phone: partnerContact.phone ?? null }
    : null;

  const status = effectiveStatus(record.status, now, {
    consentDueAt: record.consentDueAt,
    claimDueAt: record.claimDueAt,
    reviewDueAt: record.reviewDueAt,
    disputeDueAt: record.disputeDueAt,
  });
  const last = reviews.at(-1);
  const commentDecision =
    status === 'action_required'
      ? 'requestInfo'
      : status === 'rejected' || status === 'rejected_final'
        ? 'reject'
        : null;
  const operatorComment =
    commentDecision && last && last.decision === commentDecision
      ? { decision: last.decision, comment: last.comment, at: last.created_at.toISOString() }
      : null;

  const history = events.map((e) => {
    const data = parseJson(e.data) ?? {};
    const shown: Record<string, unknown> = {};
    for (const key of HISTORY_DATA_KEYS) if (data[key] !== undefined) shown[key] = data[key];
    return {
      at: e.created_at.toISOString(),
      action: e.action,
      actor: { kind: e.actor_kind, name: nameOf(e.actor_kind, e.display_name) },
      fromStatus: e.from_status,
      toStatus: e.to_status,
      data: shown,
    };
  });

  const view: WorkshopClaim = {
    nominationId: r.id,
    claimId,
    status,
    partner: { id: r.partner_id, name: r.partner_name },
    location: { id: r.location_id, name: r.location_name },
    customer: { tenantId: r.tenant_id, name: r.tenant_name },
    engagement: { id: r.engagement_id, code: r.engagement_code, name: r.engagement_name },
    consentedAt: iso(r.consented_at),
    claimDueAt: iso(r.claim_due_at),
    daysLeft: r.claim_due_at && r.first_submitted_at === null ? daysLeft(r.claim_due_at, now) : null,
    reviewDueAt: iso(r.review_due_at),
    firstSubmittedAt: iso(r.first_submitted_at),
    submittedAt: iso(r.submitted_at),
    disputeDueAt: iso(r.dispute_due_at),
    disputeDaysLeft:
      r.dispute_due_at && r.disputed_at === null && record.status === 'rejected'
        ? daysLeft(r.dispute_due_at, now)
        : null,
    disputedAt: iso(r.disputed_at),
    items: poeItems,
    missingItems: poeItems.filter((i) => i.required && !i.done).map((i) => i.kind),
    comments: r.comments ?? '',
    partnerContact: partnerContactView,
    customerContact,
    contactsLocked: r.customer_contacts_locked_at !== null && r.customer_contacts_locked_at !== undefined,
    expectedPayout: await payoutOf(trx, r),
    operatorComment,
    actions: allowedActions(record, now),
    history,
    version: r.claim_version ?? 0,
  };
  if (audience === 'operator')
    view.reviews = reviews.map((d) => ({
      decision: d.decision,
      comment: d.comment,
      at: d.created_at.toISOString(),
    }));
  return view;
}

/** The ETag of a claim: its version (0 before the claim row exists). */
export function claimEtag(version: number): string {
  return `W/"${version}"`;
}

/** Whether the record's claim window (or resubmission window) is still open at `now`. */
export function claimWindowOpen(record: NominationRecord, now: Date): boolean {
  const due = record.status === 'action_required' ? record.reviewDueAt : record.claimDueAt;
  return due !== null && isOpen(due, now);
}
