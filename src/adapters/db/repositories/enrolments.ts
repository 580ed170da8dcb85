import type { EnrolmentRepository, LocationEnrolment } from '../../../app/store/enrolments.ts';
import type { Q } from './db.ts';

// Enrolment of a partner's locations in the MCI program (issue 15 item 3): the Account admin's list,
// enrol and withdraw, and the records still running at a location.

/** The partner's locations with their enrolment and who enrolled them. */
const locationEnrolmentsQuery = (db: Q, partnerId: string) =>
  db
    .selectFrom('locations as l')
    .leftJoin('enrolments as e', 'e.location_id', 'l.id')
    // Only a user of the same partner is named (a user never changes partner; belt and braces).
    .leftJoin('users as u', (join) =>
      join.onRef('u.id', '=', 'e.enrolled_by').onRef('u.partner_id', '=', 'l.partner_id'),
    )
    .select([
      'l.id',
      'l.mpn_id',
      'l.name',
      'l.country',
      'e.status',
      'e.enrolled_at',
      'u.id as enrolled_by',
      'u.display_name as enrolled_by_name',
    ])
    .where('l.partner_id', '=', partnerId);

type Row = Awaited<ReturnType<ReturnType<typeof locationEnrolmentsQuery>['executeTakeFirstOrThrow']>>;

function toEnrolment(r: Row): LocationEnrolment {
  return {
    id: r.id,
    mpnId: r.mpn_id,
    name: r.name,
    country: r.country,
    status: r.status,
    enrolled: r.status === 'enrolled',
    enrolledAt: r.status ? r.enrolled_at : null,
    enrolledBy: r.enrolled_by ? { id: r.enrolled_by, displayName: r.enrolled_by_name ?? '' } : null,
  };
}

export function enrolmentRepository(db: Q): EnrolmentRepository {
  return {
    async list(scope) {
      const rows = await locationEnrolmentsQuery(db, scope.partnerId)
        .orderBy('l.name')
        .orderBy('l.id')
        .execute();
      return rows.map(toEnrolment);
    },
    async lock(scope, locationId) {
      const row = await locationEnrolmentsQuery(db, scope.partnerId)
        .where('l.id', '=', locationId)
        .forUpdate('l')
        .executeTakeFirst();
      return row ? toEnrolment(row) : undefined;
    },
    async enrol(scope, input) {
      // The location is the partner's (the caller locked it in this scope); the select keeps it so.
      await db
        .insertInto('enrolments')
        .columns(['location_id', 'status', 'enrolled_at', 'updated_at', 'enrolled_by', 'terms_version'])
        .expression((eb) =>
          eb
            .selectFrom('locations as l')
            .select([
              'l.id',
              eb.val('enrolled' as const).as('status'),
              eb.cast<Date>(eb.val(input.at), 'timestamptz').as('enrolled_at'),
              eb.cast<Date>(eb.val(input.at), 'timestamptz').as('updated_at'),
              eb.cast<string>(eb.val(input.by), 'uuid').as('enrolled_by'),
              eb.val(input.termsVersion).as('terms_version'),
            ])
            .where('l.id', '=', input.locationId)
            .where('l.partner_id', '=', scope.partnerId),
        )
        .onConflict((oc) =>
          oc.column('location_id').doUpdateSet({
            status: 'enrolled',
            enrolled_at: input.at,
            updated_at: input.at,
            enrolled_by: input.by,
            terms_version: input.termsVersion,
          }),
        )
        .execute();
    },
    async withdraw(scope, locationId, at) {
      await db
        .updateTable('enrolments')
        .set({ status: 'withdrawn', updated_at: at })
        .where('location_id', '=', locationId)
        .where('location_id', 'in', (eb) =>
          eb.selectFrom('locations').select('id').where('partner_id', '=', scope.partnerId),
        )
        .execute();
    },
    async recordsAt(scope, locationId, statuses, limit) {
      if (statuses.length === 0) return [];
      const rows = await db
        .selectFrom('nominations as n')
        .innerJoin('engagements as g', 'g.id', 'n.engagement_id')
        .innerJoin('tenants as t', 't.id', 'n.tenant_id')
        .select(['n.id', 'n.status', 'g.name as engagement_name', 't.name as customer_name'])
        .where('n.partner_id', '=', scope.partnerId)
        .where('n.location_id', '=', locationId)
        .where('n.status', 'in', [...statuses])
        .orderBy('n.claimed_at')
        .orderBy('n.id')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        nominationId: r.id,
        status: r.status,
        engagementName: r.engagement_name,
        customerName: r.customer_name,
      }));
    },
  };
}
