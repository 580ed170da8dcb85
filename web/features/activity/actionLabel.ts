import type { IntlShape } from 'react-intl';
import type { AuditEvent } from '../../api/types.ts';

// The words for an audit event's action. A record's lifecycle actions say what the record's own
// history says (claim.history.*, the claim page); the organisation's other changes have their own.

const RECORD_ACTIONS = [
  'addCustomer',
  'claimCustomer',
  'requestConsent',
  'resendConsent',
  'updateConsentContact',
  'acceptConsent',
  'declineConsent',
  'expireConsent',
  'supersede',
  'startWorkshopClaim',
  'updateWorkshopClaim',
  'sendSurvey',
  'submitClaim',
  'startReview',
  'requestInfo',
  'resubmitClaim',
  'approve',
  'reject',
  'dispute',
  'expireClaim',
  'expireReview',
  'expireDispute',
  'cancelClaim',
] as const;

const OTHER_ACTIONS = {
  'apiToken.create': 'activity.action.apiTokenCreate',
  'apiToken.revoke': 'activity.action.apiTokenRevoke',
  'directory.import': 'activity.action.directoryImport',
  'engagement.create': 'activity.action.engagementCreate',
  'engagement.update': 'activity.action.engagementUpdate',
  'location.enrol': 'activity.action.locationEnrol',
  'location.withdraw': 'activity.action.locationWithdraw',
  'role.assign': 'activity.action.roleAssign',
  'role.revoke': 'activity.action.roleRevoke',
  'session.signOut': 'activity.action.sessionSignOut',
  completePoeItem: 'operator.history.completePoeItem',
} as const;

/** Every action the filter offers, in the order of a record's life, then the organisation's. */
export const FILTER_ACTIONS: readonly string[] = [...RECORD_ACTIONS, ...Object.keys(OTHER_ACTIONS)];

export function actionLabel(intl: IntlShape, action: string): string {
  if ((RECORD_ACTIONS as readonly string[]).includes(action))
    return intl.formatMessage({ id: `claim.history.${action as (typeof RECORD_ACTIONS)[number]}` });
  const id = (OTHER_ACTIONS as Record<string, (typeof OTHER_ACTIONS)[keyof typeof OTHER_ACTIONS]>)[action];
  return id
    ? intl.formatMessage({ id })
    : intl.formatMessage({ id: 'activity.otherAction' }, { code: action });
}

const ACTOR_KIND = {
  partnerUser: 'claim.history.actor.partner',
  operator: 'claim.history.actor.operator',
  customer: 'claim.history.actor.customer',
  system: 'claim.history.actor.system',
  apiToken: 'claim.history.actor.api',
} as const satisfies Record<AuditEvent['actor']['kind'], string>;

/** Who: a partner user by name (and the token they used), anyone else by role. */
export function actorLabel(intl: IntlShape, actor: AuditEvent['actor']): string {
  const who = actor.name ?? intl.formatMessage({ id: ACTOR_KIND[actor.kind] });
  return actor.tokenName
    ? intl.formatMessage({ id: 'activity.viaToken' }, { who, token: actor.tokenName })
    : who;
}
