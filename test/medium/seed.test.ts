import { verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/adapters/db/database.ts';
import {
  type CustomerCriterion,
  customerEligibility,
  type PartnerCriteria,
  partnerEligibility,
} from '../../src/domain/eligibility.ts';
import { CONSENTED_STATUSES, isTerminal } from '../../src/domain/lifecycle-sets.ts';
import { NOMINATION_STATUSES, type NominationStatus } from '../../src/domain/status.ts';
import { effectiveStatus } from '../../src/domain/transitions.ts';
import { BENCH_IDS, generateBenchData } from '../../src/seed/bench-data.ts';
import { DEMO_PERSONAS, DEMO_SETTING_KEY, seedDemo } from '../../src/seed/demo.ts';
import { engagementId, locationId, partnerId, tenantId, userId } from '../../src/seed/demo-catalogue.ts';
import { demoNominationId } from '../../src/seed/demo-scenarios.ts';
import { describeEachDatabase } from '../support/databases.ts';

// The demo data of spec §8 and the bench generator, on PGlite and on PostgreSQL 15.

const NOW = new Date('2026-03-10T09:30:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const TREY = partnerId('trey');
const PROSEWARE = partnerId('proseware');
const SHOWCASE = engagementId('SEC-WS');

const TABLES = [
  'partners',
  'locations',
  'enrolments',
  'users',
  'user_location_roles',
  'markets',
  'engagements',
  'engagement_rates',
  'tpids',
  'tenants',
  'tenant_domains',
  'nominations',
  'consent_requests',
  'workshop_claims',
  'poe_items',
  'surveys',
  'review_decisions',
  'files',
  'audit_events',
  'notifications',
  'mail_messages',
  'app_settings',
] as const;

async function counts(db: Db): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    result[table] = Number(row.n);
  }
  return result;
}

const ms = (value: Date | null) => (value === null ? null : new Date(value).getTime());

describeEachDatabase('demo seed', ({ handle }) => {
  let db: Db;
  beforeAll(async () => {
    db = handle().db;
    const result = await seedDemo(db, NOW);
    expect(result.seeded).toBe(true);
  });

  it('marks the demo as loaded', async () => {
    const row = await db
      .selectFrom('app_settings')
      .select('value')
      .where('key', '=', DEMO_SETTING_KEY)
      .executeTakeFirstOrThrow();
    expect(row.value).toEqual({ loaded: true, seededAt: NOW.toISOString() });
  });

  it('gives Trey Research a record in every §5 status, all of them on the showcase workshop', async () => {
    const rows = await db
      .selectFrom('nominations')
      .select(['status', 'engagement_id'])
      .where('partner_id', '=', TREY)
      .execute();
    const everywhere = new Set(rows.map((r) => r.status));
    const showcase = new Set(rows.filter((r) => r.engagement_id === SHOWCASE).map((r) => r.status));
    expect([...everywhere].sort()).toEqual([...NOMINATION_STATUSES].sort());
    expect([...showcase].sort()).toEqual([...NOMINATION_STATUSES].sort());
  });

  it('creates the five personas with the right roles (password demo)', async () => {
    const users = await db.selectFrom('users').selectAll().where('is_demo', '=', true).execute();
    const roles = await db.selectFrom('user_location_roles').selectAll().execute();
    const byEmail = new Map(users.map((u) => [u.email, u]));
    const rolesOf = (email: string) => roles.filter((r) => r.user_id === byEmail.get(email)?.id);
    const locations = await db.selectFrom('locations').select(['id', 'partner_id']).execute();
    const treyLocations = locations.filter((l) => l.partner_id === TREY).map((l) => l.id);
    const prosewareLocations = locations.filter((l) => l.partner_id === PROSEWARE).map((l) => l.id);

    expect(DEMO_PERSONAS.map((p) => p.email)).toEqual([
      'ada@treyresearch.example',
      'ben@treyresearch.example',
      'cleo@treyresearch.example',
      'dan@proseware.example',
      'olga@program.example',
    ]);
    expect(treyLocations.length).toBeGreaterThanOrEqual(4);
    expect(prosewareLocations).toHaveLength(2);

    const ada = rolesOf('ada@treyresearch.example');
    expect(ada.map((r) => r.location_id).sort()).toEqual([...treyLocations].sort());
    expect(ada.every((r) => r.role === 'incentivesAdmin')).toBe(true);

    const ben = rolesOf('ben@treyresearch.example');
    expect(ben).toHaveLength(1);
    expect(ben[0]).toMatchObject({ location_id: locationId('trey-warsaw'), role: 'incentivesUser' });

    expect(rolesOf('cleo@treyresearch.example')).toEqual([]);
    expect(byEmail.get('cleo@treyresearch.example')).toMatchObject({
      is_account_admin: true,
      partner_id: TREY,
    });

    const dan = rolesOf('dan@proseware.example');
    expect(dan.map((r) => r.location_id).sort()).toEqual([...prosewareLocations].sort());
    expect(dan.every((r) => r.role === 'incentivesAdmin')).toBe(true);

    expect(byEmail.get('olga@program.example')).toMatchObject({ kind: 'operator', partner_id: null });
    expect(rolesOf('olga@program.example')).toEqual([]);

    // Someone without a role, for the account admin to assign.
    const roleless = users.filter(
      (u) => u.partner_id === TREY && !u.is_account_admin && rolesOf(u.email).length === 0,
    );
    expect(roleless.length).toBeGreaterThanOrEqual(1);

    const hashes = new Set(users.map((u) => u.password_hash));
    expect(hashes.size).toBe(1);
    const [hash] = [...hashes];
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verify(hash!, 'demo')).toBe(true);
  });

  it('has enrolled, not enrolled and not eligible locations (§6 partner side)', async () => {
    const locations = await db
      .selectFrom('locations')
      .leftJoin('enrolments', 'enrolments.location_id', 'locations.id')
      .select([
        'locations.id',
        'locations.country',
        'locations.designations',
        'locations.mpn_id',
        'enrolments.status',
      ])
      .where('locations.partner_id', '=', TREY)
      .execute();
    const showcase = await db
      .selectFrom('engagements')
      .selectAll()
      .where('id', '=', SHOWCASE)
      .executeTakeFirstOrThrow();
    const check = (id: string) => {
      const l = locations.find((row) => row.id === id)!;
      return partnerEligibility(
        { enrolled: l.status === 'enrolled', country: l.country, designations: l.designations },
        {
          kind: showcase.kind,
          availability: showcase.availability,
          partnerCriteria: showcase.partner_criteria as PartnerCriteria,
        },
      );
    };
    expect(locations.every((l) => /^[0-9]{6,10}$/.test(l.mpn_id))).toBe(true);
    expect(check(locationId('trey-seattle')).eligible).toBe(true);
    expect(check(locationId('trey-warsaw')).eligible).toBe(true);
    expect(check(locationId('trey-utrecht')).reasons.map((r) => r.code)).toContain('notEnrolled');
    expect(check(locationId('trey-sao-paulo')).reasons.map((r) => r.code)).toEqual(['designationMissing']);
  });

  it('has eight or more workshops (one upcoming, one expired) and other kinds', async () => {
    const engagements = await db.selectFrom('engagements').selectAll().execute();
    const workshops = engagements.filter((e) => e.kind === 'workshop');
    expect(workshops.length).toBeGreaterThanOrEqual(8);
    expect(workshops.filter((e) => e.availability === 'upcoming')).toHaveLength(1);
    expect(workshops.filter((e) => e.availability === 'expired')).toHaveLength(1);
    expect(new Set(workshops.map((e) => e.solution_area)).size).toBe(5);
    expect(engagements.some((e) => e.kind === 'deployment')).toBe(true);
    expect(engagements.some((e) => e.kind === 'consumption')).toBe(true);
    expect(
      workshops.some((e) => (e.poe_requirements as Record<string, boolean>).customerSurvey === false),
    ).toBe(true);
    const rates = await db.selectFrom('engagement_rates').selectAll().execute();
    expect(rates).toHaveLength(engagements.length * 3);
  });

  it('resolves contoso.com and fabrikam.com to customers eligible everywhere and known to no one', async () => {
    const workshops = await db.selectFrom('engagements').selectAll().where('kind', '=', 'workshop').execute();
    for (const [domain, name] of [
      ['contoso.com', 'Contoso Ltd'],
      ['fabrikam.com', 'Fabrikam, Inc.'],
    ] as const) {
      const tenant = await db
        .selectFrom('tenant_domains')
        .innerJoin('tenants', 'tenants.id', 'tenant_domains.tenant_id')
        .selectAll('tenants')
        .where('tenant_domains.domain', '=', domain)
        .executeTakeFirstOrThrow();
      expect(tenant.name).toBe(name);
      const nominations = await db
        .selectFrom('nominations')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .execute();
      expect(nominations).toEqual([]);
      for (const workshop of workshops) {
        const result = customerEligibility(tenant, workshop.customer_criteria as CustomerCriterion[]);
        expect({ domain, workshop: workshop.code, ...result }).toEqual({
          domain,
          workshop: workshop.code,
          eligible: true,
          failed: [],
        });
      }
    }
  });

  it('resolves no free-mail or .invalid domain', async () => {
    const rows = await db
      .selectFrom('tenant_domains')
      .select('domain')
      .where((eb) =>
        eb.or([
          eb('domain', 'in', ['gmail.com', 'outlook.com', 'hotmail.com']),
          eb('domain', 'like', '%.invalid'),
        ]),
      )
      .execute();
    expect(rows).toEqual([]);
    const directory = await db
      .selectFrom('tenants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(directory.n)).toBeGreaterThanOrEqual(25);
    const multi = await db
      .selectFrom('tenants')
      .select('tpid')
      .groupBy('tpid')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(multi.length).toBeGreaterThanOrEqual(2);
  });

  it('writes consistent deadline columns, and every live deadline lies ahead (§5)', async () => {
    const rows = await db.selectFrom('nominations').selectAll().execute();
    for (const n of rows) {
      const status = n.status as NominationStatus;
      const label = `${n.id} (${status})`;
      expect(ms(n.consent_due_at)! - ms(n.claimed_at)!, label).toBe(30 * DAY);
      if (n.consented_at) {
        expect(ms(n.claim_due_at)! - ms(n.consented_at)!, label).toBe(90 * DAY);
        expect(ms(n.review_due_at)! - ms(n.consented_at)!, label).toBe(120 * DAY);
        expect(n.payout_market, label).toMatch(/^[ABC]$/);
        expect(n.payout_amount_minor, label).toBeGreaterThan(0);
        expect(n.payout_currency?.trim(), label).toBe('USD');
      } else {
        expect([n.claim_due_at, n.review_due_at, n.payout_market], label).toEqual([null, null, null]);
      }
      if (n.disputed_at === null && n.rejected_at !== null) {
        expect(ms(n.dispute_due_at)! - ms(n.rejected_at)!, label).toBe(30 * DAY);
      }
      if (status === 'disputed' || status === 'rejected_final') expect(n.disputed_at, label).not.toBeNull();
      if (status === 'claim_submitted' || status === 'under_review')
        expect(n.submitted_at, label).not.toBeNull();
      expect(n.ended_at !== null, label).toBe(isTerminal(status));
      if (CONSENTED_STATUSES.includes(status)) expect(n.consented_at, label).not.toBeNull();
      if (n.origin === 'add') expect(n.customer_email, label).toMatch(/@/);
      // Nothing the seed wrote is overdue: the status shown equals the status stored.
      const deadlines = {
        consentDueAt: new Date(n.consent_due_at),
        claimDueAt: n.claim_due_at,
        reviewDueAt: n.review_due_at,
        disputeDueAt: n.dispute_due_at,
      };
      expect(effectiveStatus(status, NOW, deadlines), label).toBe(status);
      for (const moment of [n.claimed_at, n.consented_at, n.submitted_at, n.rejected_at, n.ended_at]) {
        if (moment) expect(ms(moment)!, label).toBeLessThanOrEqual(NOW.getTime());
      }
    }
  });

  it('gives every record its consent request, claim, reviews and history', async () => {
    const nominations = await db.selectFrom('nominations').selectAll().execute();
    const consents = await db.selectFrom('consent_requests').selectAll().execute();
    const claims = await db.selectFrom('workshop_claims').selectAll().execute();
    const audit = await db.selectFrom('audit_events').selectAll().orderBy('id').execute();
    for (const n of nominations) {
      const label = `${n.id} (${n.status})`;
      const consent = consents.filter((c) => c.nomination_id === n.id);
      expect(consent.length, label).toBe(n.consent_requested_at ? 1 : 0);
      if (consent[0]) expect(ms(consent[0].expires_at), label).toBe(ms(n.consent_due_at));
      if (n.consented_at) expect(consent[0]?.decision, label).toBe('accept');
      if (n.status === 'consent_declined') expect(consent[0]?.decision, label).toBe('decline');
      if (n.first_submitted_at)
        expect(
          claims.some((c) => c.nomination_id === n.id),
          label,
        ).toBe(true);
      const history = audit.filter((a) => a.nomination_id === n.id && a.to_status !== null);
      expect(history[0]?.to_status, label).toBe('claimed');
      expect(history.at(-1)?.to_status, label).toBe(n.status);
      expect(ms(history.at(-1)!.created_at), label).toBe(ms(n.updated_at));
    }
    const reviews = await db.selectFrom('review_decisions').select('decision').execute();
    expect(new Set(reviews.map((r) => r.decision))).toEqual(new Set(['approve', 'reject', 'requestInfo']));
  });

  it('shows every Ineligible reason and claim candidates to Trey Research on the showcase', async () => {
    const nominations = await db
      .selectFrom('nominations')
      .select(['partner_id', 'engagement_id', 'tenant_id', 'status'])
      .execute();
    const treyKnows = new Set(nominations.filter((n) => n.partner_id === TREY).map((n) => n.tenant_id));
    const onShowcase = (partner: string, tenant: string) =>
      nominations.filter(
        (n) => n.partner_id === partner && n.engagement_id === SHOWCASE && n.tenant_id === tenant,
      );

    // consented_to_other_partner: Trey's record was superseded by Proseware's consent.
    expect(onShowcase(TREY, tenantId('relecloud')).map((n) => n.status)).toEqual(['superseded']);
    expect(onShowcase(PROSEWARE, tenantId('relecloud')).map((n) => n.status)).toEqual(['active']);
    // completed_with_other_partner: known to Trey elsewhere, approved with Proseware here.
    expect(treyKnows.has(tenantId('citypower'))).toBe(true);
    expect(onShowcase(TREY, tenantId('citypower'))).toEqual([]);
    expect(onShowcase(PROSEWARE, tenantId('citypower')).map((n) => n.status)).toEqual(['approved']);
    // criteria_not_met: known to Trey elsewhere, fails the showcase's customer criteria.
    const showcase = await db
      .selectFrom('engagements')
      .select('customer_criteria')
      .where('id', '=', SHOWCASE)
      .executeTakeFirstOrThrow();
    const fourthCoffee = await db
      .selectFrom('tenants')
      .selectAll()
      .where('id', '=', tenantId('fourthcoffee'))
      .executeTakeFirstOrThrow();
    expect(treyKnows.has(fourthCoffee.id)).toBe(true);
    expect(
      customerEligibility(fourthCoffee, showcase.customer_criteria as CustomerCriterion[]).failed,
    ).toEqual([expect.objectContaining({ code: 'seatsOutOfRange' })]);
    // Claim candidates (R4, R18): known to Trey, no record of Trey's on the showcase; one consented elsewhere.
    expect(onShowcase(TREY, tenantId('northwind'))).toEqual([]);
    expect(
      nominations.some(
        (n) => n.partner_id === TREY && n.tenant_id === tenantId('northwind') && n.status === 'active',
      ),
    ).toBe(true);
    expect(onShowcase(TREY, tenantId('datum'))).toEqual([]);
    expect(treyKnows.has(tenantId('datum'))).toBe(true);
  });

  it('only holds records that could have been added: eligible location and customer', async () => {
    const rows = await db
      .selectFrom('nominations')
      .innerJoin('locations', 'locations.id', 'nominations.location_id')
      .leftJoin('enrolments', 'enrolments.location_id', 'locations.id')
      .innerJoin('engagements', 'engagements.id', 'nominations.engagement_id')
      .innerJoin('tenants', 'tenants.id', 'nominations.tenant_id')
      .select([
        'nominations.id',
        'enrolments.status as enrolment',
        'locations.country as locationCountry',
        'locations.designations',
        'engagements.kind',
        'engagements.partner_criteria',
        'engagements.customer_criteria',
        'tenants.country',
        'tenants.segment',
        'tenants.seats',
        'tenants.products',
      ])
      .execute();
    for (const r of rows) {
      const location = {
        enrolled: r.enrolment === 'enrolled',
        country: r.locationCountry,
        designations: r.designations,
      };
      // Availability as it was when the record was added (the expired workshop was active then).
      const engagement = {
        kind: r.kind,
        availability: 'active' as const,
        partnerCriteria: r.partner_criteria as PartnerCriteria,
      };
      expect({ id: r.id, ...partnerEligibility(location, engagement) }).toEqual({
        id: r.id,
        eligible: true,
        reasons: [],
      });
      const customer = customerEligibility(r, r.customer_criteria as CustomerCriterion[]);
      expect({ id: r.id, ...customer }).toEqual({ id: r.id, eligible: true, failed: [] });
    }
  });

  it('uses stable ids', async () => {
    const ada = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'ada@treyresearch.example')
      .executeTakeFirst();
    expect(ada?.id).toBe(userId('ada'));
    const tailspin = await db
      .selectFrom('nominations')
      .select('status')
      .where('id', '=', demoNominationId('trey', 'SEC-WS', 'tailspin'))
      .executeTakeFirst();
    expect(tailspin?.status).toBe('claimed');
  });

  it('does nothing when seeded again', async () => {
    const before = await counts(db);
    const again = await seedDemo(db, new Date(NOW.getTime() + DAY));
    expect(again).toEqual({ users: [...DEMO_PERSONAS], seeded: false });
    expect(await counts(db)).toEqual(before);
  });
});

describeEachDatabase('bench data generator', ({ handle }) => {
  it('loads the requested counts on top of the demo, respecting both unique indexes', async () => {
    const db = handle().db;
    await seedDemo(db, NOW);
    const before = await counts(db);
    const result = await generateBenchData(db, {
      tenants: 3000,
      nominations: 1200,
      partnerNominations: 400,
      now: NOW,
    });
    expect(result).toMatchObject({
      skipped: false,
      tenants: 3000,
      nominations: 1200,
      partnerNominations: 400,
    });
    const after = await counts(db);
    expect(after.tenants! - before.tenants!).toBe(3000);
    expect(after.tenant_domains! - before.tenant_domains!).toBe(3000);
    expect(after.nominations! - before.nominations!).toBe(1200);

    const measured = await db
      .selectFrom('nominations')
      .select(['status', 'engagement_id', 'location_id'])
      .where('partner_id', '=', BENCH_IDS.partner)
      .execute();
    expect(measured).toHaveLength(400);
    expect(new Set(measured.map((n) => n.engagement_id))).toEqual(new Set([BENCH_IDS.engagement]));
    expect(new Set(measured.map((n) => n.location_id))).toEqual(new Set([BENCH_IDS.location]));
    expect(new Set(measured.map((n) => n.status)).size).toBeGreaterThanOrEqual(12);

    // No bench record is overdue at NOW either.
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from nominations
      where engagement_id in (${sql.join(BENCH_IDS.engagements)})
        and ((status in ('claimed', 'consent_pending') and consent_due_at <= ${NOW})
          or (status = 'active' and claim_due_at <= ${NOW})
          or (status in ('claim_submitted', 'under_review', 'action_required', 'disputed') and review_due_at <= ${NOW})
          or (status = 'rejected' and dispute_due_at <= ${NOW}))`.execute(db);
    expect(rows[0]?.n).toBe(0);

    const again = await generateBenchData(db, {
      tenants: 10,
      nominations: 1,
      partnerNominations: 1,
      now: NOW,
    });
    expect(again.skipped).toBe(true);
    expect(await counts(db)).toEqual(after);
  });
});
