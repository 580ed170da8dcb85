import { isLocale } from '../../i18n/locales.ts';
import type { NoticeKind } from '../../i18n/mail-render.ts';
import { newId } from '../ids.ts';
import { appLink, type MailRequest, queueMails } from '../mail/queue-mail.ts';
import type { AppContext, Trx } from '../ports.ts';

// Partner notices (spec §4.3 R30 and "Beyond Partner Center", §4.4): an in-app notification for every
// user with an incentive role on the record's location, and one email to the record's partner contact
// (the one given with the consent request; else the user who added the record). Both are written in
// the transaction of the change, and each notice has a dedupe key, so a sweep that runs twice, or two
// sweeps at once, notify once.

export interface Notice {
  nominationId: string;
  kind: NoticeKind;
  /** Unique per notice, e.g. `${nominationId}:consentExpired`. */
  dedupeKey: string;
  params?: Record<string, unknown>;
}

const CHUNK = 1000;

export async function notifyPartners(trx: Trx, ctx: AppContext, notices: Notice[], now: Date): Promise<void> {
  for (let i = 0; i < notices.length; i += CHUNK)
    await notifyChunk(trx, ctx, notices.slice(i, i + CHUNK), now);
}

async function notifyChunk(trx: Trx, ctx: AppContext, notices: Notice[], now: Date): Promise<void> {
  if (notices.length === 0) return;
  const ids = [...new Set(notices.map((n) => n.nominationId))];
  const facts = await trx
    .selectFrom('nominations as n')
    .innerJoin('engagements as e', 'e.id', 'n.engagement_id')
    .innerJoin('tenants as t', 't.id', 'n.tenant_id')
    .leftJoin('users as u', 'u.id', 'n.created_by')
    .leftJoin('consent_requests as cr', (join) =>
      join.onRef('cr.nomination_id', '=', 'n.id').on('cr.voided_at', 'is', null),
    )
    .select([
      'n.id',
      'n.partner_id',
      'n.location_id',
      'n.engagement_id',
      'e.name as workshop_name',
      't.name as customer_name',
      'u.email as creator_email',
      'u.display_name as creator_name',
      'u.locale as creator_locale',
      'cr.partner_contact_email',
      'cr.partner_contact_name',
    ])
    .where('n.id', 'in', ids)
    .execute();
  const byId = new Map(facts.map((f) => [f.id, f]));
  const locations = [...new Set(facts.map((f) => f.location_id))];
  const roles = await trx
    .selectFrom('user_location_roles')
    .select(['user_id', 'location_id'])
    .where('location_id', 'in', locations)
    .execute();
  const usersOf = new Map<string, string[]>();
  for (const r of roles) usersOf.set(r.location_id, [...(usersOf.get(r.location_id) ?? []), r.user_id]);

  const rows: {
    id: string;
    user_id: string;
    partner_id: string;
    nomination_id: string;
    kind: string;
    params: string;
    dedupe_key: string;
    created_at: Date;
  }[] = [];
  const mails: MailRequest[] = [];
  for (const notice of notices) {
    const f = byId.get(notice.nominationId);
    if (!f) continue;
    const params = {
      customerName: f.customer_name,
      workshopName: f.workshop_name,
      engagementId: f.engagement_id,
      ...notice.params,
    };
    for (const userId of usersOf.get(f.location_id) ?? [])
      rows.push({
        id: newId(),
        user_id: userId,
        partner_id: f.partner_id,
        nomination_id: f.id,
        kind: notice.kind,
        params: JSON.stringify(params),
        dedupe_key: notice.dedupeKey,
        created_at: now,
      });
    const to = f.partner_contact_email ?? f.creator_email;
    if (to)
      mails.push({
        template: 'partnerNotice',
        locale: isLocale(f.creator_locale) ? f.creator_locale : 'en',
        to,
        toName: f.partner_contact_name ?? f.creator_name ?? null,
        params: {
          ...params,
          kind: notice.kind,
          link: appLink(ctx, `/engagements/${f.engagement_id}/customers`),
        },
        nominationId: f.id,
        dedupeKey: `notice:${notice.dedupeKey}`,
      });
  }
  for (let i = 0; i < rows.length; i += CHUNK)
    await trx
      .insertInto('notifications')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(['user_id', 'dedupe_key']).where('dedupe_key', 'is not', null).doNothing(),
      )
      .execute();
  await queueMails(trx, ctx, mails, now);
}
