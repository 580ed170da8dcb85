import { hash } from '@node-rs/argon2';
import type { Insertable, Kysely } from 'kysely';
import { bindRepositories } from '../adapters/db/repositories/index.ts';
import type { Database, MailMessagesTable, NotificationsTable } from '../adapters/db/schema.ts';
import { refreshCustomerRows } from '../app/customers/read-model.ts';
import type { PartnerNoticeKind } from '../domain/lifecycle.ts';
import {
  DEMO_PASSWORD,
  ENGAGEMENTS,
  engagementId,
  engagementSeed,
  LOCATIONS,
  locationId,
  MARKETS,
  PARTNERS,
  partnerId,
  TENANTS,
  tenantId,
  tenantSeed,
  USERS,
  userId,
} from './demo-catalogue.ts';
import type { DemoFile } from './demo-files.ts';
import { SCENARIOS } from './demo-scenarios.ts';
import { buildScenario, emptyRows, type Notice, type TimelineRows } from './demo-timeline.ts';
import { demoId } from './ids.ts';

// The demo data of spec §8, loaded into an empty database in one transaction. Idempotent: if the
// demo partner exists, nothing is written. Every time is relative to `now`, so the countdowns
// read the same whatever the day (and the test clock) the demo is loaded on.

export interface DemoPersona {
  email: string;
  role: string;
}

export interface SeedDemoResult {
  users: DemoPersona[];
  /** false when the demo was already loaded and nothing was written. */
  seeded: boolean;
}

/** The five sign-ins of spec §8 (password `demo`), in the order the README lists them. */
export const DEMO_PERSONAS: readonly DemoPersona[] = USERS.flatMap((u) =>
  u.persona ? [{ email: u.email, role: u.persona }] : [],
);

/** The `app_settings` key that says demo data is loaded (demo sign-ins work only while it is). */
export const DEMO_SETTING_KEY = 'demo';

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** Every lifecycle row of the demo, for `now`. */
function buildDemoRecords(now: Date): TimelineRows {
  const rows = emptyRows();
  for (const scenario of SCENARIOS) buildScenario(scenario, now, rows);
  return rows;
}

/**
 * The POE uploads the demo's `files` rows describe (same sha256), for the file store to hold so
 * that downloads work. Their content does not depend on the seeding time.
 */
export function demoFiles(): DemoFile[] {
  return dedupeFiles(buildDemoRecords(new Date('2025-01-01T00:00:00Z')).files);
}

export async function seedDemo(db: Kysely<Database>, now: Date): Promise<SeedDemoResult> {
  const users = [...DEMO_PERSONAS];
  if (await demoLoaded(db)) return { users, seeded: false };

  // Hashed once, outside the transaction (argon2id takes tens of milliseconds), shared by all demo users.
  const passwordHash = await hash(DEMO_PASSWORD);
  const records = buildDemoRecords(now);

  const seeded = await db.transaction().execute(async (trx) => {
    // Claims the seed: a concurrent seeder (two processes starting on one PostgreSQL) waits here and
    // then finds the row, so the demo is loaded once.
    const claimed = await trx
      .insertInto('partners')
      .values(PARTNERS.map((p) => ({ id: partnerId(p.key), name: p.name, created_at: daysAgo(now, 900) })))
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .execute();
    if (claimed.length === 0) return false;

    await insertCatalogue(trx, now, passwordHash);
    await insertRecords(trx, now, records);
    // The Customers page reads its rows from the read model, derived like after any other change.
    for (const p of PARTNERS)
      await refreshCustomerRows(bindRepositories(trx), { partnerId: partnerId(p.key) }, {}, now);
    await trx
      .insertInto('app_settings')
      .values({
        key: DEMO_SETTING_KEY,
        value: JSON.stringify({ loaded: true, seededAt: now.toISOString() }),
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          value: JSON.stringify({ loaded: true, seededAt: now.toISOString() }),
          updated_at: now,
        }),
      )
      .execute();
    return true;
  });
  return { users, seeded };
}

async function demoLoaded(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('partners')
    .select('id')
    .where('id', '=', partnerId('trey'))
    .executeTakeFirst();
  return row !== undefined;
}

async function insertCatalogue(trx: Kysely<Database>, now: Date, passwordHash: string): Promise<void> {
  await trx
    .insertInto('locations')
    .values(
      LOCATIONS.map((l) => ({
        id: locationId(l.key),
        partner_id: partnerId(l.partner),
        mpn_id: l.mpnId,
        name: l.name,
        country: l.country,
        designations: [...l.designations],
        created_at: daysAgo(now, 800),
      })),
    )
    .execute();
  await trx
    .insertInto('enrolments')
    .values(
      LOCATIONS.flatMap((l) =>
        l.enrolledDaysAgo === null
          ? []
          : [
              {
                location_id: locationId(l.key),
                status: 'enrolled' as const,
                enrolled_at: daysAgo(now, l.enrolledDaysAgo),
                updated_at: daysAgo(now, l.enrolledDaysAgo),
              },
            ],
      ),
    )
    .execute();

  await trx
    .insertInto('users')
    .values(
      USERS.map((u) => ({
        id: userId(u.key),
        email: u.email,
        display_name: u.displayName,
        kind: u.partner === null ? ('operator' as const) : ('partnerUser' as const),
        partner_id: u.partner === null ? null : partnerId(u.partner),
        is_account_admin: u.isAccountAdmin,
        password_hash: passwordHash,
        oidc_issuer: null,
        oidc_subject: null,
        locale: null,
        theme: null,
        is_demo: true,
        created_at: daysAgo(now, 700),
      })),
    )
    .execute();
  const roles = USERS.flatMap((u) =>
    u.roles.map((r) => ({
      user_id: userId(u.key),
      location_id: locationId(r.location),
      role: r.role,
      // Trey Research's roles were granted by its account admin (Cleo); Proseware's predate the demo.
      granted_by: u.partner === 'trey' ? userId('cleo') : null,
      granted_at: daysAgo(now, 600),
    })),
  );
  await trx.insertInto('user_location_roles').values(roles).execute();

  await trx
    .insertInto('markets')
    .values(Object.entries(MARKETS).map(([country, market]) => ({ country, market })))
    .onConflict((oc) => oc.column('country').doNothing())
    .execute();

  await trx
    .insertInto('engagements')
    .values(
      ENGAGEMENTS.map((e) => ({
        id: engagementId(e.code),
        code: e.code,
        name: e.name,
        kind: e.kind,
        solution_area: e.solutionArea,
        availability: e.availability,
        description: e.description,
        partner_criteria: JSON.stringify(e.partnerCriteria),
        customer_criteria: JSON.stringify(e.customerCriteria),
        poe_requirements: JSON.stringify(e.poe),
        currency: 'USD',
        created_at: daysAgo(now, 720),
        updated_at: daysAgo(now, 30),
      })),
    )
    .execute();
  await trx
    .insertInto('engagement_rates')
    .values(
      ENGAGEMENTS.flatMap((e) =>
        (['A', 'B', 'C'] as const).map((market) => ({
          engagement_id: engagementId(e.code),
          market,
          amount_minor: e.rates[market],
        })),
      ),
    )
    .execute();

  const tpids = new Map<number, string>();
  for (const t of TENANTS) if (!tpids.has(t.tpid)) tpids.set(t.tpid, t.name.replace(/ (UK|Europe)$/, ''));
  await trx
    .insertInto('tpids')
    .values([...tpids].map(([tpid, name]) => ({ tpid, name })))
    .execute();
  await trx
    .insertInto('tenants')
    .values(
      TENANTS.map((t) => ({
        id: tenantId(t.key),
        name: t.name,
        tpid: t.tpid,
        country: t.country,
        segment: t.segment,
        seats: t.seats,
        products: [...t.products],
        attributes: '{}',
        updated_at: daysAgo(now, 10),
      })),
    )
    .execute();
  await trx
    .insertInto('tenant_domains')
    .values(TENANTS.flatMap((t) => t.domains.map((domain) => ({ domain, tenant_id: tenantId(t.key) }))))
    .execute();
}

function dedupeFiles(files: readonly DemoFile[]): DemoFile[] {
  return [...new Map(files.map((f) => [f.sha256, f])).values()];
}

async function insertRecords(trx: Kysely<Database>, now: Date, records: TimelineRows): Promise<void> {
  const files = dedupeFiles(records.files);
  if (files.length > 0) {
    await trx
      .insertInto('files')
      .values(
        files.map((f) => ({
          sha256: f.sha256,
          size_bytes: f.sizeBytes,
          content_type: f.contentType,
          created_at: now,
        })),
      )
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }
  await trx.insertInto('nominations').values(records.nominations).execute();
  await trx.insertInto('consent_requests').values(records.consentRequests).execute();
  await trx.insertInto('workshop_claims').values(records.claims).execute();
  await trx.insertInto('poe_items').values(records.poeItems).execute();
  await trx.insertInto('surveys').values(records.surveys).execute();
  await trx.insertInto('review_decisions').values(records.reviews).execute();
  // In time order, so that the identity ids follow the history.
  const audit = [...records.audit].sort(
    (a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime(),
  );
  await trx.insertInto('audit_events').values(audit).execute();

  const { notifications, mails } = partnerNotices(records.notices, now);
  if (notifications.length > 0) await trx.insertInto('notifications').values(notifications).execute();
  if (mails.length > 0) await trx.insertInto('mail_messages').values(mails).execute();
}

const NOTICE_SUBJECTS: Record<PartnerNoticeKind, (customer: string, workshop: string) => string> = {
  consentAccepted: (c, w) => `${c} accepted your invitation to the ${w}`,
  consentDeclined: (c, w) => `${c} declined your invitation to the ${w}`,
  consentExpired: (c, w) => `No consent from ${c} for the ${w}: the 30 days have passed`,
  superseded: (c, w) => `${c} is no longer available to you for the ${w}`,
  claimExpired: (c, w) => `The workshop claim window for ${c} (${w}) has closed`,
  actionRequired: (c, w) => `More information needed on your ${w} claim for ${c}`,
  claimApproved: (c, w) => `Your ${w} claim for ${c} was approved`,
  claimRejected: (c, w) => `Your ${w} claim for ${c} was rejected`,
  claimRejectedFinal: (c, w) => `Your ${w} claim for ${c} was finally rejected`,
  reviewExpired: (c, w) => `The review of your ${w} claim for ${c} has expired`,
  disputeExpired: (c, w) => `The dispute window for your ${w} claim for ${c} has closed`,
};

/**
 * In-app notifications of the last 60 days for every user with a role on the record's location
 * (read when older than two weeks), and the notice emails of the last 30 days, already sent.
 */
function partnerNotices(
  notices: readonly Notice[],
  now: Date,
): { notifications: Insertable<NotificationsTable>[]; mails: Insertable<MailMessagesTable>[] } {
  const notifications: Insertable<NotificationsTable>[] = [];
  const mails: Insertable<MailMessagesTable>[] = [];
  const ordered = [...notices].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const notice of ordered) {
    const age = now.getTime() - notice.at.getTime();
    if (age > 60 * DAY_MS) continue;
    const { scenario } = notice;
    const tenant = tenantSeed(scenario.tenant);
    const engagement = engagementSeed(scenario.engagement);
    const location = LOCATIONS.find((l) => l.key === scenario.location);
    const params = {
      nominationId: notice.nominationId,
      engagementId: engagementId(scenario.engagement),
      engagementName: engagement.name,
      workshopName: engagement.name,
      tenantId: tenantId(scenario.tenant),
      customerName: tenant.name,
      locationId: locationId(scenario.location),
      locationName: location?.name ?? '',
    };
    const recipients = USERS.filter((u) => u.roles.some((r) => r.location === scenario.location));
    for (const user of recipients) {
      notifications.push({
        id: demoId(`notification:${notice.nominationId}:${notice.kind}:${user.key}`),
        user_id: userId(user.key),
        partner_id: partnerId(scenario.partner),
        nomination_id: notice.nominationId,
        kind: notice.kind,
        params: JSON.stringify(params),
        // The same key the lifecycle uses, so a sweep never repeats a seeded notice.
        dedupe_key: `${notice.nominationId}:${notice.kind}`,
        created_at: notice.at,
        read_at: age > 14 * DAY_MS ? new Date(notice.at.getTime() + DAY_MS) : null,
      });
      if (age > 30 * DAY_MS) continue;
      const id = demoId(`mail:${notice.nominationId}:${notice.kind}:${user.key}`);
      const subject = NOTICE_SUBJECTS[notice.kind](tenant.name, engagement.name);
      const text = `Hello ${user.displayName},\n\n${subject}.\n\nOpen the Customers page of the ${engagement.name} to see the details.\n\n— MCI Customers (demo data)`;
      mails.push({
        id,
        message_id: `<${id}@mci.demo>`,
        dedupe_key: `notice:${notice.kind}:${notice.nominationId}:${user.key}`,
        template: 'partnerNotice',
        locale: 'en',
        params: JSON.stringify({ ...params, kind: notice.kind }),
        to_address: user.email,
        to_name: user.displayName,
        subject,
        html: `<p>Hello ${escapeHtml(user.displayName)},</p><p>${escapeHtml(subject)}.</p><p>Open the Customers page of the ${escapeHtml(engagement.name)} to see the details.</p>`,
        text,
        status: 'sent',
        attempts: 1,
        last_error: null,
        nomination_id: notice.nominationId,
        partner_id: partnerId(scenario.partner),
        created_at: notice.at,
        sent_at: new Date(notice.at.getTime() + 30_000),
      });
    }
  }
  return { notifications, mails };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
