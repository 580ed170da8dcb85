import type { UserRepository } from '../../../app/store/users.ts';
import { emailDomain } from '../../../domain/identifiers.ts';
import type { Q } from './db.ts';

export function userRepository(db: Q): UserRepository {
  const locationQuery = (partnerId: string) =>
    db
      .selectFrom('locations as l')
      .leftJoin('enrolments as e', 'e.location_id', 'l.id')
      .select(['l.id', 'l.partner_id', 'l.mpn_id', 'l.name', 'l.country', 'l.designations', 'e.status'])
      .where('l.partner_id', '=', partnerId);
  const toLocation = (
    r: Awaited<ReturnType<ReturnType<typeof locationQuery>['executeTakeFirstOrThrow']>>,
  ) => ({
    id: r.id,
    partnerId: r.partner_id,
    mpnId: r.mpn_id,
    name: r.name,
    country: r.country,
    designations: r.designations,
    enrolled: r.status === 'enrolled',
  });
  return {
    async location(scope, id) {
      const row = await locationQuery(scope.partnerId).where('l.id', '=', id).executeTakeFirst();
      return row ? toLocation(row) : undefined;
    },
    async locations(scope, ids) {
      if (ids.length === 0) return [];
      const rows = await locationQuery(scope.partnerId)
        .where('l.id', 'in', [...ids])
        .orderBy('l.name')
        .execute();
      return rows.map(toLocation);
    },
    async domains(scope) {
      const rows = await db
        .selectFrom('users')
        .select('email')
        .where('partner_id', '=', scope.partnerId)
        .execute();
      return new Set(rows.flatMap((r) => emailDomain(r.email) ?? []));
    },
  };
}
