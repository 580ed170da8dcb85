import { DomainError } from '../../domain/errors.ts';
import { type Actor, type Permission, requireAccess } from '../../domain/policy.ts';
import type { AuditActor } from '../store/audit.ts';

// Operator routes are a separate role (spec §4.5): partner users can never reach them. Every use case
// of the back office starts here; the policy table (src/domain/policy.ts) decides.

export type OperatorActor = Extract<Actor, { kind: 'operator' }>;

export function requireOperator(actor: Actor, permission: Permission): OperatorActor {
  requireAccess(actor, permission);
  // requireAccess grants operator permissions to operators only; this narrows the type.
  if (actor.kind !== 'operator') throw new DomainError('Forbidden', { params: { permission } });
  return actor;
}

export const auditActor = (operator: OperatorActor): AuditActor => ({
  kind: 'operator',
  id: operator.userId,
});
