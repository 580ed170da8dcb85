import type {
  DisputeBody,
  FileKind,
  PoeKind,
  WorkshopClaim,
  WorkshopClaimPatch,
} from '../../contracts/claims.ts';
import type { PartnerSurveyAnswers, SurveyAudience, SurveyContact } from '../../contracts/surveys.ts';
import { DomainError, errorFromRefusal } from '../../domain/errors.ts';
import { decide } from '../../domain/lifecycle.ts';
import { type Actor, can, type Permission } from '../../domain/policy.ts';
import { isLocale, type Locale } from '../../i18n/locales.ts';
import { audit } from '../audit.ts';
import { refreshCustomerRows } from '../customers/read-model.ts';
import { idempotent } from '../idempotency.ts';
import { hashSecret, newId, newSecret } from '../ids.ts';
import { applyEvent, type LockedNomination, lockNomination } from '../lifecycle/apply-event.ts';
import { appLink, queueMail } from '../mail/queue-mail.ts';
import type { AppContext, FileStore, Trx } from '../ports.ts';
import { partnerScope } from '../scope.ts';
import {
  claimEtag,
  claimView,
  consentContacts,
  editRefusal,
  loadClaimRecord,
  requirementsOf,
  submitEventOf,
} from './claim-view.ts';
import { checkedUpload, type UploadMeta, uploadRule } from './uploads.ts';

// The partner's side of a workshop claim (spec §4.4, S1–S9). Status changes go through applyEvent
// (the lifecycle table); this file owns the claim row, its POE items, files and surveys.
//
// - The claim row is created lazily by the first write on an active record (ensureClaim), with the
//   contacts of the accepted consent request as defaults, and the Customers page row is refreshed so
//   that it carries the claimId.
// - Editing (fields, files, surveys) is possible exactly while a submission would be: active before
//   claimDueAt, action_required before reviewDueAt (editRefusal).
// - The ETag is the claim's version; only a change of the editable fields (PATCH) bumps it.

type PartnerActor = Extract<Actor, { kind: 'partnerUser' }>;

function partnerActor(actor: Actor): PartnerActor {
  if (actor.kind !== 'partnerUser') throw new DomainError('Forbidden');
  return actor;
}

/** Locks a record of the actor's partner that the actor may act on; anything else is a 404 or 403. */
async function lockOwn(trx: Trx, actor: PartnerActor, nominationId: string, permission: Permission) {
  const scope = partnerScope(trx, actor);
  const record = await lockNomination(trx, nominationId);
  const target = record ? { partnerId: record.partnerId, locationId: record.locationId } : null;
  if (!record || record.partnerId !== scope.partnerId || !can(actor, 'workshopClaim.view', target!))
    throw new DomainError('NotFound', { target: 'nominationId' });
  if (!can(actor, permission, target!)) throw new DomainError('Forbidden', { params: { permission } });
  return record;
}

/**
 * Who may read a record's claim: the owning partner's users with workshopClaim.view on its location
 * (the same 404 as a missing id for anyone else), and program operators.
 */
async function verifyReader(trx: Trx, actor: Actor, nominationId: string): Promise<'partner' | 'operator'> {
  if (actor.kind === 'operator') {
    if (!can(actor, 'operator.review')) throw new DomainError('NotFound', { target: 'nominationId' });
    const exists = await trx
      .selectFrom('nominations')
      .select('id')
      .where('id', '=', nominationId)
      .executeTakeFirst();
    if (!exists) throw new DomainError('NotFound', { target: 'nominationId' });
    return 'operator';
  }
  const scope = partnerScope(trx, actor);
  const n = await scope
    .nominations()
    .select(['id', 'location_id'])
    .where('id', '=', nominationId)
    .executeTakeFirst();
  if (!n || !can(actor, 'workshopClaim.view', { partnerId: scope.partnerId, locationId: n.location_id }))
    throw new DomainError('NotFound', { target: 'nominationId' });
  return 'partner';
}

function claimRow(trx: Trx, nominationId: string) {
  return trx
    .selectFrom('workshop_claims')
    .selectAll()
    .where('nomination_id', '=', nominationId)
    .executeTakeFirst();
}

type ClaimRow = NonNullable<Awaited<ReturnType<typeof claimRow>>>;

/** The claim of a locked, editable record: the existing one, or a new one (first write, §4.4). */
async function ensureClaim(trx: Trx, record: LockedNomination, userId: string, now: Date): Promise<ClaimRow> {
  const existing = await claimRow(trx, record.id);
  if (existing) return existing;
  const defaults = await consentContacts(trx, record.id);
  const id = newId();
  await trx
    .insertInto('workshop_claims')
    .values({
      id,
      nomination_id: record.id,
      partner_id: record.partnerId,
      comments: '',
      partner_contact: defaults.partnerContact ? JSON.stringify(defaults.partnerContact) : null,
      customer_contact: defaults.customerContact ? JSON.stringify(defaults.customerContact) : null,
      customer_contacts_locked_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await audit(trx, {
    actor: { kind: 'partnerUser', id: userId },
    action: 'startWorkshopClaim',
    at: now,
    partnerId: record.partnerId,
    nominationId: record.id,
    claimId: id,
  });
  // The Customers page row's actions carry the claimId (continue / view workshop claim).
  await refreshCustomerRows(
    trx,
    { partnerId: record.partnerId, engagementIds: [record.engagementId], tenantIds: [record.tenantId] },
    now,
  );
  return (await claimRow(trx, record.id))!;
}

function assertEditable(record: LockedNomination, now: Date) {
  const refusal = editRefusal(record, now);
  if (refusal) throw refusal;
}

// ── Read ───────────────────────────────────────────────────────────────────────────────────────

export async function getClaim(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
): Promise<{ view: WorkshopClaim; etag: string }> {
  const now = ctx.clock.now();
  const audience = await verifyReader(ctx.db, actor, nominationId);
  const view = await claimView(ctx.db, nominationId, now, audience);
  return { view, etag: claimEtag(view.version) };
}

// ── Editable fields (S7, S8) ───────────────────────────────────────────────────────────────────

interface StoredContact {
  name: string;
  email: string;
  phone?: string | null;
  locale?: string;
}

function parseContact(value: unknown): StoredContact | null {
  if (value === null || value === undefined) return null;
  const v = (typeof value === 'string' ? JSON.parse(value) : value) as StoredContact;
  return v && typeof v.email === 'string' ? v : null;
}

function sameContact(a: StoredContact | null, b: StoredContact | null): boolean {
  if (!a || !b) return a === b;
  return (
    a.name === b.name &&
    a.email.toLowerCase() === b.email.toLowerCase() &&
    (a.phone ?? null) === (b.phone ?? null) &&
    (a.locale ?? null) === (b.locale ?? null)
  );
}

/** Does an If-Match header name this version? (weak or strong form of the same tag) */
function matches(ifMatch: string, version: number): boolean {
  const wanted = claimEtag(version).replace(/^W\//, '');
  return ifMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === wanted || t === '*');
}

/** Voids the current survey of an audience unless it is completed (S7); its links stop working. */
async function voidOpenSurvey(trx: Trx, claimId: string, audience: SurveyAudience, now: Date) {
  const result = await trx
    .updateTable('surveys')
    .set({ voided_at: now })
    .where('claim_id', '=', claimId)
    .where('audience', '=', audience)
    .where('voided_at', 'is', null)
    .where('completed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * PATCH of comments and contacts. `If-Match` is checked when sent (412 on a mismatch); without it
 * the change is accepted (last writer wins), as for the consent contact.
 */
export async function updateClaim(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  patch: WorkshopClaimPatch,
  ifMatch: string | undefined,
): Promise<{ view: WorkshopClaim; etag: string }> {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const record = await lockOwn(trx, partner, nominationId, 'workshopClaim.edit');
    assertEditable(record, now);
    const existing = await claimRow(trx, record.id);
    if (ifMatch !== undefined && !matches(ifMatch, existing?.version ?? 0))
      throw new DomainError('PreconditionFailed', { target: 'If-Match' });
    const claim = existing ?? (await ensureClaim(trx, record, partner.userId, now));

    const set: Record<string, unknown> = {};
    const changed: string[] = [];
    const voided: SurveyAudience[] = [];
    if (patch.comments !== undefined && patch.comments !== claim.comments) {
      set.comments = patch.comments;
      changed.push('comments');
    }
    if (patch.partnerContact) {
      const next: StoredContact = {
        name: patch.partnerContact.name,
        email: patch.partnerContact.email.toLowerCase(),
        phone: patch.partnerContact.phone ?? null,
      };
      if (!sameContact(parseContact(claim.partner_contact), next)) {
        set.partner_contact = JSON.stringify(next);
        changed.push('partnerContact');
        if (await voidOpenSurvey(trx, claim.id, 'partner', now)) voided.push('partner');
      }
    }
    if (patch.customerContact) {
      const next: StoredContact = {
        name: patch.customerContact.name,
        email: patch.customerContact.email.toLowerCase(),
        phone: patch.customerContact.phone ?? null,
        locale: patch.customerContact.locale,
      };
      if (!sameContact(parseContact(claim.customer_contact), next)) {
        // S7: once the customer survey is done, the customer contacts are locked.
        if (claim.customer_contacts_locked_at !== null)
          throw new DomainError('ContactsLocked', { target: 'customerContact' });
        set.customer_contact = JSON.stringify(next);
        changed.push('customerContact');
        if (await voidOpenSurvey(trx, claim.id, 'customer', now)) voided.push('customer');
      }
    }
    if (changed.length > 0) {
      await trx
        .updateTable('workshop_claims')
        .set((eb) => ({ ...set, updated_at: now, version: eb('version', '+', 1) }) as never)
        .where('id', '=', claim.id)
        .execute();
      await audit(trx, {
        actor: { kind: 'partnerUser', id: partner.userId },
        action: 'updateWorkshopClaim',
        at: now,
        partnerId: record.partnerId,
        nominationId: record.id,
        claimId: claim.id,
        data: { fields: changed, ...(voided.length ? { voidedSurveys: voided } : {}) },
      });
    }
    const view = await claimView(trx, record.id, now, 'partner');
    return { view, etag: claimEtag(view.version) };
  });
}

// ── Files (S1, S2) ─────────────────────────────────────────────────────────────────────────────

async function completeItem(
  trx: Trx,
  claimId: string,
  kind: PoeKind,
  by: string | null,
  now: Date,
  file: { sha256: string; name: string } | null = null,
) {
  await trx
    .insertInto('poe_items')
    .values({
      claim_id: claimId,
      kind,
      file_sha256: file?.sha256 ?? null,
      file_name: file?.name ?? null,
      completed_at: now,
      completed_by: by,
    })
    .onConflict((oc) =>
      oc.columns(['claim_id', 'kind']).doUpdateSet({
        file_sha256: file?.sha256 ?? null,
        file_name: file?.name ?? null,
        completed_at: now,
        completed_by: by,
      }),
    )
    .execute();
}

function fileStore(ctx: AppContext): FileStore {
  if (!ctx.files) throw new Error('no file store configured (AppContext.files)');
  return ctx.files;
}

/**
 * Streams one POE upload into the file store (S1, S2). The route has already refused a wrong type or a
 * too large Content-Length before any byte was read; here access and state are checked before the
 * body is read, the first bytes must match the declared type, and the store aborts past the limit.
 * The blob is stored before the transaction (a long upload never holds a database lock); a blob whose
 * transaction then fails is an unreferenced, content-addressed file and harms nothing.
 */
export async function uploadClaimFile(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  kind: FileKind,
  meta: UploadMeta,
  body: AsyncIterable<Uint8Array> | NodeJS.ReadableStream,
): Promise<WorkshopClaim> {
  const partner = partnerActor(actor);
  const rule = uploadRule(kind, meta);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const record = await lockOwn(trx, partner, nominationId, 'workshopClaim.edit');
    assertEditable(record, now);
  });
  const stored = await fileStore(ctx).put(checkedUpload(body, rule), rule.maxBytes);
  return ctx.db.transaction().execute(async (trx) => {
    const at = ctx.clock.now();
    const record = await lockOwn(trx, partner, nominationId, 'workshopClaim.edit');
    assertEditable(record, at);
    const claim = await ensureClaim(trx, record, partner.userId, at);
    await trx
      .insertInto('files')
      .values({
        sha256: stored.sha256,
        size_bytes: stored.sizeBytes,
        content_type: rule.contentType,
        created_at: at,
      })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    await completeItem(trx, claim.id, kind, partner.userId, at, {
      sha256: stored.sha256,
      name: meta.fileName,
    });
    await audit(trx, {
      actor: { kind: 'partnerUser', id: partner.userId },
      action: 'completePoeItem',
      at,
      partnerId: record.partnerId,
      nominationId: record.id,
      claimId: claim.id,
      data: { kind, fileName: meta.fileName, sizeBytes: stored.sizeBytes },
    });
    return claimView(trx, record.id, at, 'partner');
  });
}

export interface Download {
  stream: NodeJS.ReadableStream;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

/** A POE file, for the owning partner's users and for program operators; anyone else gets 404. */
export async function downloadClaimFile(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  kind: FileKind,
): Promise<Download> {
  await verifyReader(ctx.db, actor, nominationId);
  const item = await ctx.db
    .selectFrom('workshop_claims as c')
    .innerJoin('poe_items as i', 'i.claim_id', 'c.id')
    .innerJoin('files as f', 'f.sha256', 'i.file_sha256')
    .select(['i.file_name', 'f.sha256', 'f.content_type', 'f.size_bytes'])
    .where('c.nomination_id', '=', nominationId)
    .where('i.kind', '=', kind)
    .where('i.completed_at', 'is not', null)
    .executeTakeFirst();
  if (!item) throw new DomainError('NotFound', { target: 'kind' });
  const stream = await fileStore(ctx).get(item.sha256);
  if (!stream) throw new DomainError('NotFound', { target: 'kind' });
  return {
    stream,
    fileName: item.file_name ?? `${kind}`,
    contentType: item.content_type,
    sizeBytes: Number(item.size_bytes),
  };
}

// ── Surveys (S3–S7) ────────────────────────────────────────────────────────────────────────────

function currentSurvey(trx: Trx, claimId: string, audience: SurveyAudience) {
  return trx
    .selectFrom('surveys')
    .selectAll()
    .where('claim_id', '=', claimId)
    .where('audience', '=', audience)
    .where('voided_at', 'is', null)
    .executeTakeFirst();
}

/** The partner survey answered in the app (S3): completes the item; a later answer replaces it. */
export async function answerPartnerSurvey(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  answers: PartnerSurveyAnswers,
): Promise<WorkshopClaim> {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const record = await lockOwn(trx, partner, nominationId, 'workshopClaim.edit');
    assertEditable(record, now);
    const claim = await ensureClaim(trx, record, partner.userId, now);
    const current = await currentSurvey(trx, claim.id, 'partner');
    if (current) {
      await trx
        .updateTable('surveys')
        .set({ answers: JSON.stringify(answers), completed_at: now })
        .where('id', '=', current.id)
        .execute();
    } else {
      const user = await trx
        .selectFrom('users')
        .select(['display_name', 'email', 'locale'])
        .where('id', '=', partner.userId)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('surveys')
        .values({
          id: newId(),
          claim_id: claim.id,
          audience: 'partner',
          token_hash: null,
          contact_name: user.display_name,
          contact_email: user.email,
          locale: user.locale ?? 'en',
          answers: JSON.stringify(answers),
          sent_at: null,
          completed_at: now,
          voided_at: null,
          created_at: now,
        })
        .execute();
    }
    await completeItem(trx, claim.id, 'partnerSurvey', partner.userId, now);
    await audit(trx, {
      actor: { kind: 'partnerUser', id: partner.userId },
      action: 'completePoeItem',
      at: now,
      partnerId: record.partnerId,
      nominationId: record.id,
      claimId: claim.id,
      data: { kind: 'partnerSurvey', via: 'app' },
    });
    return claimView(trx, record.id, now, 'partner');
  });
}

/**
 * Emails a survey link (S4–S6): the partner survey to `contact` or the claim's partner contact, the
 * customer survey to the claim's customer contact. Each send adds a new single-purpose link (256
 * bits, stored hashed) to the current survey; earlier links of the same survey stay valid. A send to
 * another contact than the current survey's starts a new survey (the old links stop working). A
 * completed survey is not sent again.
 */
export async function sendSurvey(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  audience: SurveyAudience,
  contact: SurveyContact | undefined,
): Promise<WorkshopClaim> {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const record = await lockOwn(trx, partner, nominationId, 'workshopClaim.edit');
    assertEditable(record, now);
    const claim = await ensureClaim(trx, record, partner.userId, now);
    const stored =
      audience === 'customer' ? parseContact(claim.customer_contact) : parseContact(claim.partner_contact);
    const to = audience === 'partner' && contact ? { name: contact.name, email: contact.email } : stored;
    if (!to)
      throw new DomainError('ValidationFailed', {
        target: audience === 'customer' ? 'customerContact' : 'contact',
      });
    let locale: Locale = 'en';
    if (audience === 'customer') {
      if (stored?.locale && isLocale(stored.locale)) locale = stored.locale;
    } else {
      const user = await trx
        .selectFrom('users')
        .select('locale')
        .where('id', '=', partner.userId)
        .executeTakeFirst();
      if (user?.locale && isLocale(user.locale)) locale = user.locale;
    }
    const email = to.email.toLowerCase();
    let survey = await currentSurvey(trx, claim.id, audience);
    if (survey?.completed_at)
      throw new DomainError('InvalidTransition', {
        target: 'audience',
        params: { from: 'surveyCompleted', event: 'sendSurvey' },
      });
    if (survey && (survey.contact_email !== email || survey.contact_name !== to.name)) {
      await voidOpenSurvey(trx, claim.id, audience, now);
      survey = undefined;
    }
    const surveyId = survey?.id ?? newId();
    if (!survey)
      await trx
        .insertInto('surveys')
        .values({
          id: surveyId,
          claim_id: claim.id,
          audience,
          token_hash: null,
          contact_name: to.name,
          contact_email: email,
          locale,
          answers: null,
          sent_at: now,
          completed_at: null,
          voided_at: null,
          created_at: now,
        })
        .execute();
    else await trx.updateTable('surveys').set({ sent_at: now, locale }).where('id', '=', surveyId).execute();
    const token = newSecret();
    await trx
      .insertInto('survey_links')
      .values({ token_hash: hashSecret(token), survey_id: surveyId, created_at: now })
      .execute();
    const names = await trx
      .selectFrom('nominations as n')
      .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
      .innerJoin('tenants as t', 't.id', 'n.tenant_id')
      .innerJoin('partners as p', 'p.id', 'n.partner_id')
      .select(['e.name as workshop_name', 't.name as tenant_name', 'p.name as partner_name'])
      .where('n.id', '=', record.id)
      .executeTakeFirstOrThrow();
    const dueAt = record.status === 'action_required' ? record.reviewDueAt : record.claimDueAt;
    await queueMail(
      trx,
      ctx,
      {
        template: 'surveyRequest',
        locale,
        to: email,
        toName: to.name,
        nominationId: record.id,
        params: {
          contactName: to.name,
          customerName: names.tenant_name,
          partnerName: names.partner_name,
          workshopName: names.workshop_name,
          audience,
          link: appLink(ctx, `/survey/${token}`),
          dueAt: dueAt ? dueAt.toISOString() : null,
          surveyId,
        },
      },
      now,
    );
    await audit(trx, {
      actor: { kind: 'partnerUser', id: partner.userId },
      action: 'sendSurvey',
      at: now,
      partnerId: record.partnerId,
      nominationId: record.id,
      claimId: claim.id,
      data: { audience },
    });
    return claimView(trx, record.id, now, 'partner');
  });
}

// ── Lifecycle: submit, cancel, dispute (S9, §4.4) ─────────────────────────────────────────────

type Result = { status: number; body: WorkshopClaim; replayed: boolean };

/** S9: only with every required POE item, and before the deadline (decide() rules on the deadline). */
export async function submitClaim(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  idempotencyKey: string | undefined,
): Promise<Result> {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  return idempotent<WorkshopClaim>(
    ctx.db,
    {
      scope: `partner:${partner.partnerId}`,
      key: idempotencyKey,
      fingerprintOf: { op: 'submitClaim', nominationId },
      now,
    },
    async (trx) => {
      const record = await lockOwn(trx, partner, nominationId, 'workshopClaim.submit');
      const event = submitEventOf(record.status);
      const decision = decide(record, { type: event }, now);
      if (!decision.ok) throw errorFromRefusal(decision.refusal, 'nominationId');
      const claim = await ensureClaim(trx, record, partner.userId, now);
      const r = await loadClaimRecord(trx, record.id);
      const required = requirementsOf(r!.poe_requirements);
      const done = await trx
        .selectFrom('poe_items')
        .select('kind')
        .where('claim_id', '=', claim.id)
        .where('completed_at', 'is not', null)
        .execute();
      const missing = (Object.keys(required) as PoeKind[]).filter(
        (kind) => required[kind] && !done.some((d) => d.kind === kind),
      );
      if (missing.length > 0)
        throw new DomainError('ClaimIncomplete', {
          target: 'items',
          details: missing.map((kind) => ({ code: 'ClaimIncomplete', target: kind, params: { kind } })),
        });
      await applyEvent(trx, ctx, record, event, { kind: 'partnerUser', id: partner.userId }, now, {
        auditData: { claimId: claim.id },
      });
      return { status: 200, body: await claimView(trx, record.id, now, 'partner') };
    },
  );
}

/** §4.4: any time before the first submit (the table allows it only from `active`, before claimDueAt). */
export async function cancelClaim(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  idempotencyKey: string | undefined,
): Promise<Result> {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  return idempotent<WorkshopClaim>(
    ctx.db,
    {
      scope: `partner:${partner.partnerId}`,
      key: idempotencyKey,
      fingerprintOf: { op: 'cancelClaim', nominationId },
      now,
    },
    async (trx) => {
      const record = await lockOwn(trx, partner, nominationId, 'workshopClaim.submit');
      await applyEvent(trx, ctx, record, 'cancelClaim', { kind: 'partnerUser', id: partner.userId }, now, {
        target: 'nominationId',
      });
      return { status: 200, body: await claimView(trx, record.id, now, 'partner') };
    },
  );
}

/** §4.4: once, within the dispute window after a rejection; the justification goes to the history. */
export async function disputeClaim(
  ctx: AppContext,
  actor: Actor,
  nominationId: string,
  body: DisputeBody,
  idempotencyKey: string | undefined,
): Promise<Result> {
  const partner = partnerActor(actor);
  const now = ctx.clock.now();
  return idempotent<WorkshopClaim>(
    ctx.db,
    {
      scope: `partner:${partner.partnerId}`,
      key: idempotencyKey,
      fingerprintOf: { op: 'disputeClaim', nominationId, body },
      now,
    },
    async (trx) => {
      const record = await lockOwn(trx, partner, nominationId, 'workshopClaim.submit');
      await applyEvent(trx, ctx, record, 'dispute', { kind: 'partnerUser', id: partner.userId }, now, {
        auditData: { justification: body.justification },
        target: 'nominationId',
      });
      return { status: 200, body: await claimView(trx, record.id, now, 'partner') };
    },
  );
}
