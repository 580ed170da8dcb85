import type { IntlShape } from 'react-intl';
import type { AuditEvent } from '../api/types.ts';

// The words for an audit event's action and actor, in one place for the operator's claim history and
// the Activity page: a record's lifecycle actions, then the organisation's other changes.

const HISTORY_MESSAGE_IDS = {
  addCustomer: 'operator.history.addCustomer',
  claimCustomer: 'operator.history.claimCustomer',
  requestConsent: 'operator.history.requestConsent',
  resendConsent: 'operator.history.resendConsent',
  updateConsentContact: 'operator.history.updateConsentContact',
  acceptConsent: 'operator.history.acceptConsent',
  declineConsent: 'operator.history.declineConsent',
  expireConsent: 'operator.history.expireConsent',
  supersede: 'operator.history.supersede',
  submitClaim: 'operator.history.submitClaim',
  startReview: 'operator.history.startReview',
  requestInfo: 'operator.history.requestInfo',
  resubmitClaim: 'operator.history.resubmitClaim',
  approve: 'operator.history.approve',
  reject: 'operator.history.reject',
  dispute: 'operator.history.dispute',
  expireClaim: 'operator.history.expireClaim',
  expireReview: 'operator.history.expireReview',
  expireDispute: 'operator.history.expireDispute',
  cancelClaim: 'operator.history.cancelClaim',
  startWorkshopClaim: 'operator.history.startWorkshopClaim',
  updateWorkshopClaim: 'operator.history.updateWorkshopClaim',
  completePoeItem: 'operator.history.completePoeItem',
  sendSurvey: 'operator.history.sendSurvey',
} as const;

const OTHER_MESSAGE_IDS = {
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
} as const;

type ActionMessageId =
  | (typeof HISTORY_MESSAGE_IDS)[keyof typeof HISTORY_MESSAGE_IDS]
  | (typeof OTHER_MESSAGE_IDS)[keyof typeof OTHER_MESSAGE_IDS];
const ACTION_MESSAGE_ID: Partial<Record<string, ActionMessageId>> = {
  ...HISTORY_MESSAGE_IDS,
  ...OTHER_MESSAGE_IDS,
};

/** Every action with words, in the order of a record's life, then the organisation's (the filter's list). */
export const AUDIT_ACTIONS: readonly string[] = Object.keys(ACTION_MESSAGE_ID);

/** A record's lifecycle action as the claim history says it (the API's name when this build lacks one). */
export function historyLabel(intl: IntlShape, action: string): string {
  const id = (HISTORY_MESSAGE_IDS as Partial<Record<string, ActionMessageId>>)[action];
  return id ? intl.formatMessage({ id }) : action;
}

/** Any audit action; one this build has no words for is named by its code. */
export function actionLabel(intl: IntlShape, action: string): string {
  const id = ACTION_MESSAGE_ID[action];
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
