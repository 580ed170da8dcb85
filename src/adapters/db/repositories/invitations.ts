import type { Invitation, InvitationRepository } from '../../../app/store/invitations.ts';
import type { Q } from './db.ts';

const COLUMNS = [
  'i.id',
  'i.partner_id',
  'i.email',
  'i.display_name',
  'i.roles',
  'i.locale',
  'i.invited_by',
  'i.created_at',
  'i.sent_at',
  'i.expires_at',
  'i.accepted_at',
  'i.revoked_at',
] as const;

type Row = {
  id: string;
  partner_id: string;
  email: string;
  display_name: string;
  roles: Invitation['roles'];
  locale: string;
  invited_by: string | null;
  created_at: Date;
  sent_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
};

const toInvitation = (r: Row): Invitation => ({
  id: r.id,
  partnerId: r.partner_id,
  email: r.email,
  displayName: r.display_name,
  roles: r.roles,
  locale: r.locale,
  invitedBy: r.invited_by,
  createdAt: r.created_at,
  sentAt: r.sent_at,
  expiresAt: r.expires_at,
  acceptedAt: r.accepted_at,
  revokedAt: r.revoked_at,
});

/** The partner's pending invitations, newest first (served by user_invitations_partner). */
const pendingQuery = (db: Q, partnerId: string) =>
  db
    .selectFrom('user_invitations as i')
    .select(COLUMNS)
    .where('i.partner_id', '=', partnerId)
    .where('i.accepted_at', 'is', null)
    .where('i.revoked_at', 'is', null);

export function invitationRepository(db: Q): InvitationRepository {
  return {
    async insert(invitation) {
      const row = await db
        .insertInto('user_invitations')
        .values({
          id: invitation.id,
          partner_id: invitation.partnerId,
          email: invitation.email,
          display_name: invitation.displayName,
          roles: JSON.stringify(invitation.roles),
          locale: invitation.locale,
          token_hash: invitation.tokenHash,
          invited_by: invitation.invitedBy,
          created_at: invitation.createdAt,
          sent_at: invitation.sentAt,
          expires_at: invitation.expiresAt,
        })
        // The only conflict possible is user_invitations_pending (the token is 256 random bits).
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      return row !== undefined;
    },

    async pending(scope) {
      const rows = await pendingQuery(db, scope.partnerId)
        .orderBy('i.created_at', 'desc')
        .orderBy('i.id')
        .execute();
      return rows.map(toInvitation);
    },

    async lockPending(scope, id) {
      const row = await pendingQuery(db, scope.partnerId)
        .where('i.id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return row && toInvitation(row);
    },

    async renew(scope, id, tokenHash, sentAt, expiresAt) {
      await db
        .updateTable('user_invitations')
        .set({ token_hash: tokenHash, sent_at: sentAt, expires_at: expiresAt })
        .where('partner_id', '=', scope.partnerId)
        .where('id', '=', id)
        .execute();
    },

    async revoke(scope, id, at) {
      await db
        .updateTable('user_invitations')
        .set({ revoked_at: at })
        .where('partner_id', '=', scope.partnerId)
        .where('id', '=', id)
        .execute();
    },

    async byLink(tokenHash, options = {}) {
      let query = db
        .selectFrom('user_invitations as i')
        .innerJoin('partners as p', 'p.id', 'i.partner_id')
        .leftJoin('users as u', 'u.id', 'i.invited_by')
        .select([...COLUMNS, 'p.name as partner_name', 'u.display_name as inviter_name'])
        .where('i.token_hash', '=', tokenHash);
      if (options.lock) query = query.forUpdate('i');
      const row = await query.executeTakeFirst();
      return row && { ...toInvitation(row), partnerName: row.partner_name, inviterName: row.inviter_name };
    },

    async markAccepted(id, userId, at) {
      await db
        .updateTable('user_invitations')
        .set({ accepted_at: at, accepted_user_id: userId })
        .where('id', '=', id)
        .execute();
    },
  };
}
