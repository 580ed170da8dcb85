import type { AuditEvent, AuditExportQuery } from '../../contracts/audit.ts';
import { DomainError } from '../../domain/errors.ts';
import { type Actor, requireAccess } from '../../domain/policy.ts';
import { decodeCursor, encodeCursor } from '../customers/cursor.ts';
import type { AuditLogEntry, AuditLogFilter } from '../store/audit.ts';
import type { Repositories } from '../store/index.ts';
import { OPERATOR_SCOPE, type Scope } from '../store/scope.ts';

// The audit log (issue 14): a partner's Incentives admin reads the partner's events; the operator every
// partner's, or one with `partnerId`. A token narrowed to locations sees the events of records at them.

export interface AuditLogCaller {
  actor: Actor;
  /** The locations a token is narrowed to (null or absent: not narrowed). */
  locationIds?: readonly string[] | null | undefined;
}

const SORT = 'audit';
const EVENT_ID = /^\d{1,18}$/;

function scopeOf(caller: AuditLogCaller): Scope {
  const { actor } = caller;
  if (actor.kind === 'operator') {
    requireAccess(actor, 'operator.audit');
    return OPERATOR_SCOPE;
  }
  requireAccess(actor, 'audit.view', { partnerId: actor.partnerId });
  return { partnerId: actor.partnerId };
}

/** A time the database can compare (years 1 to 9999), or a field error. */
function instant(value: string | undefined, target: string): Date | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  const year = at.getUTCFullYear();
  if (Number.isNaN(at.getTime()) || year < 1 || year > 9999)
    throw new DomainError('ValidationFailed', { target, details: [{ code: 'invalid', target }] });
  return at;
}

function filterOf(caller: AuditLogCaller, query: AuditExportQuery): AuditLogFilter {
  return {
    from: instant(query.from, 'from'),
    to: instant(query.to, 'to'),
    action: query.action,
    actorId: query.actorId,
    nominationId: query.nominationId,
    // A partner's own scope decides; the filter is the operator's.
    partnerId: caller.actor.kind === 'operator' ? query.partnerId : undefined,
    locationIds: caller.locationIds ?? undefined,
  };
}

const auditEventView = (e: AuditLogEntry): AuditEvent => ({
  id: e.id,
  at: e.at.toISOString(),
  actor: {
    kind: e.actorKind,
    id: e.actorId,
    name: e.actorName,
    ...(e.tokenName === null ? {} : { tokenName: e.tokenName }),
  },
  action: e.action,
  target: { nominationId: e.nominationId, claimId: e.claimId },
  fromStatus: e.fromStatus,
  toStatus: e.toStatus,
});

/** One page of the log, newest first, with the cursor of the next page when there is one. */
export async function auditLogPage(
  store: Repositories,
  caller: AuditLogCaller,
  query: AuditExportQuery & { cursor?: string | undefined; maxpagesize: number },
): Promise<{ value: AuditEvent[]; nextCursor?: string }> {
  const scope = scopeOf(caller);
  let afterId: string | undefined;
  if (query.cursor) {
    const key = decodeCursor(query.cursor, SORT, ['text']).key[0] as string;
    if (!EVENT_ID.test(key))
      throw new DomainError('ValidationFailed', {
        target: 'cursor',
        details: [{ code: 'invalid', target: 'cursor' }],
      });
    afterId = key;
  }
  const rows = await store.audit.log(scope, filterOf(caller, query), {
    limit: query.maxpagesize + 1,
    afterId,
  });
  const more = rows.length > query.maxpagesize;
  const value = rows.slice(0, query.maxpagesize).map(auditEventView);
  const last = value.at(-1);
  return more && last ? { value, nextCursor: encodeCursor({ sort: SORT, key: [last.id] }) } : { value };
}

/** Every event the filters select, newest first, page by page (for the CSV export). */
export async function* auditLogAll(
  store: Repositories,
  caller: AuditLogCaller,
  query: AuditExportQuery,
  pageSize = 1000,
): AsyncGenerator<AuditEvent[]> {
  const scope = scopeOf(caller);
  const filter = filterOf(caller, query);
  let afterId: string | undefined;
  for (;;) {
    const rows = await store.audit.log(scope, filter, { limit: pageSize, afterId });
    if (rows.length > 0) yield rows.map(auditEventView);
    if (rows.length < pageSize) return;
    afterId = rows.at(-1)!.id;
  }
}
