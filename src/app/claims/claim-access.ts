import type { PoeKind } from '../../contracts/claims.ts';
import type { SurveyAudience } from '../../contracts/surveys.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Actor, can, type Permission } from '../../domain/policy.ts';
import { audit } from '../audit.ts';
import { refreshCustomerRows } from '../customers/read-model.ts';
import { newId } from '../ids.ts';
import type { LockedNomination } from '../lifecycle/apply-event.ts';
import { lockOwnRecord } from '../lifecycle/own-record.ts';
import type { Trx } from '../ports.ts';
import { type PartnerActor, partnerScope } from '../scope.ts';
import type { Repositories } from '../store/index.ts';
import { consentContacts, editRefusal } from './claim-view.ts';

// The partner's side of a workshop claim (spec §4.4, S1–S9). Status changes go through applyEvent
// (the lifecycle table); this file owns the claim row, its POE items, files and surveys.
//
// - The claim row is created lazily by the first write on an active record (ensureClaim), with the
//   contacts of the accepted consent request as defaults, and the Customers page row is refreshed so
//   that it carries the claimId.
// - Editing (fields, files, surveys) is possible exactly while a submission would be: active before
//   claimDueAt, action_required before reviewDueAt (editRefusal).
// - The ETag is the claim's version; only a change of the editable fields (PATCH) bumps it.

// Shared by the claim use cases: who may act on or read a record's claim, the claim row (created
// lazily by the first write), and the item and survey bookkeeping that several of them do.

/** Locks a record for a claim action (view: the claim; act: the claim permission). */
export const lockOwn = (tx: Repositories, actor: PartnerActor, nominationId: string, act: Permission) =>
  lockOwnRecord(tx, actor, nominationId, { view: 'workshopClaim.view', act });

/**
 * Who may read a record's claim: the owning partner's users with workshopClaim.view on its location
 * (the same 404 as a missing id for anyone else), and program operators.
 */
export async function verifyReader(
  trx: Trx,
  actor: Actor,
  nominationId: string,
): Promise<'partner' | 'operator'> {
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

export function claimRow(trx: Trx, nominationId: string) {
  return trx
    .selectFrom('workshop_claims')
    .selectAll()
    .where('nomination_id', '=', nominationId)
    .executeTakeFirst();
}

export type ClaimRow = NonNullable<Awaited<ReturnType<typeof claimRow>>>;

/** The claim of a locked, editable record: the existing one, or a new one (first write, §4.4). */
export async function ensureClaim(
  tx: Repositories,
  record: LockedNomination,
  userId: string,
  now: Date,
): Promise<ClaimRow> {
  const trx = tx.legacyDb;
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
    tx,
    { partnerId: record.partnerId },
    { engagementIds: [record.engagementId], tenantIds: [record.tenantId] },
    now,
  );
  return (await claimRow(trx, record.id))!;
}

export function assertEditable(record: LockedNomination, now: Date) {
  const refusal = editRefusal(record, now);
  if (refusal) throw refusal;
}

export interface StoredContact {
  name: string;
  email: string;
  phone?: string | null;
  locale?: string;
}

export function parseContact(value: unknown): StoredContact | null {
  if (value === null || value === undefined) return null;
  const v = (typeof value === 'string' ? JSON.parse(value) : value) as StoredContact;
  return v && typeof v.email === 'string' ? v : null;
}

export function sameContact(a: StoredContact | null, b: StoredContact | null): boolean {
  if (!a || !b) return a === b;
  return (
    a.name === b.name &&
    a.email.toLowerCase() === b.email.toLowerCase() &&
    (a.phone ?? null) === (b.phone ?? null) &&
    (a.locale ?? null) === (b.locale ?? null)
  );
}

/** Voids the current survey of an audience unless it is completed (S7); its links stop working. */
export async function voidOpenSurvey(trx: Trx, claimId: string, audience: SurveyAudience, now: Date) {
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

export async function completeItem(
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
