import { sql } from 'kysely';
import { LOCALES } from '../../i18n/locales.ts';
import type { NoticeKind } from '../../i18n/mail-render.ts';
import { appLink, mailSettings, messageIdDomain, RENDER_BATCH } from '../mail/queue-mail.ts';
import type { AppContext, Trx } from '../ports.ts';

// Partner notices (spec §4.3 R30 and "Beyond Partner Center", §4.4): an in-app notification for every
// user with an incentive role on the record's location, and one email to the record's partner contact
// (the one given with the consent request; else the user who added the record), in that user's
// language. Both are written in the transaction of the change, set-based (a sweep notifies thousands
// of records in two statements), and each notice has a dedupe key, so a sweep that runs twice, or
// two sweeps at once, notify once.

export interface Notice {
  nominationId: string;
  kind: NoticeKind;
  /** Unique per notice, e.g. `${nominationId}:consentExpired`. */
  dedupeKey: string;
  params?: Record<string, unknown>;
}

const CHUNK = 2000;

export async function notifyPartners(trx: Trx, ctx: AppContext, notices: Notice[], now: Date): Promise<void> {
  for (let i = 0; i < notices.length; i += CHUNK)
    await notifyChunk(trx, ctx, notices.slice(i, i + CHUNK), now);
}

async function notifyChunk(trx: Trx, ctx: AppContext, notices: Notice[], now: Date): Promise<void> {
  if (notices.length === 0) return;
  const input = JSON.stringify(
    notices.map((n) => ({
      nomination_id: n.nominationId,
      kind: n.kind,
      dedupe_key: n.dedupeKey,
      params: n.params ?? {},
    })),
  );
  // What every notice says: the customer, the workshop, the engagement (never another partner).
  const facts = sql`
    select gen_random_uuid() as mail_id, x.nomination_id, x.kind, x.dedupe_key, n.partner_id, n.location_id, n.engagement_id,
           jsonb_build_object('customerName', t.name, 'workshopName', e.name, 'engagementId', n.engagement_id)
             || x.params as params,
           coalesce(cr.partner_contact_email, u.email) as to_address,
           coalesce(cr.partner_contact_name, u.display_name) as to_name,
           case when u.locale in (${sql.join(LOCALES.map((l) => sql`${l}`))}) then u.locale else 'en' end as locale
      from jsonb_to_recordset(${input}::jsonb) as x(nomination_id uuid, kind text, dedupe_key text, params jsonb)
      join nominations n on n.id = x.nomination_id
      join engagements e on e.id = n.engagement_id
      join tenants t on t.id = n.tenant_id
      left join users u on u.id = n.created_by
      left join consent_requests cr on cr.nomination_id = n.id and cr.voided_at is null`;
  const base = appLink(ctx, '/engagements/');
  const domain = messageIdDomain(mailSettings(ctx).from);
  // One statement: the notifications and the emails from the same facts (a data-modifying CTE).
  const mails = await sql<{ id: string }>`
    with f as (${facts}),
    inbox as (
      insert into notifications (id, user_id, partner_id, nomination_id, kind, params, dedupe_key, created_at)
      select gen_random_uuid(), r.user_id, f.partner_id, f.nomination_id, f.kind, f.params, f.dedupe_key,
             ${now}::timestamptz
        from f join user_location_roles r on r.location_id = f.location_id
      on conflict (user_id, dedupe_key) where dedupe_key is not null do nothing)
    insert into mail_messages (id, message_id, dedupe_key, template, locale, params, to_address, to_name,
                               nomination_id, partner_id, created_at)
    select f.mail_id, '<' || f.mail_id || ${`@${domain}>`}, 'notice:' || f.dedupe_key, 'partnerNotice', f.locale,
           f.params || jsonb_build_object('kind', f.kind, 'link', ${base} || f.engagement_id || '/customers'),
           f.to_address, f.to_name, f.nomination_id, f.partner_id, ${now}::timestamptz
      from f
     where f.to_address is not null
    on conflict (dedupe_key) do nothing
    returning id`.execute(trx);
  const ids = mails.rows.map((r) => r.id);
  const batches: { mailIds: string[] }[] = [];
  for (let i = 0; i < ids.length; i += RENDER_BATCH)
    batches.push({ mailIds: ids.slice(i, i + RENDER_BATCH) });
  await ctx.jobs.enqueueMany(trx, 'mail.render', batches);
}
