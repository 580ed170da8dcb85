import type { DirectoryRepository } from '../../../app/store/directory.ts';
import type { Q } from './db.ts';

export function directoryRepository(db: Q): DirectoryRepository {
  return {
    async tenant(id) {
      return db.selectFrom('tenants').select(['id', 'name', 'tpid']).where('id', '=', id).executeTakeFirst();
    },
    async tenantsUnderTpid(tpid) {
      return db
        .selectFrom('tenants')
        .select(['id', 'name', 'tpid'])
        .where('tpid', '=', tpid)
        .orderBy('name')
        .orderBy('id')
        .execute();
    },
    async facts(tenantId) {
      return db
        .selectFrom('tenants')
        .select(['country', 'segment', 'seats', 'products'])
        .where('id', '=', tenantId)
        .executeTakeFirst();
    },
    async domainsOf(tenantId) {
      const rows = await db
        .selectFrom('tenant_domains')
        .select('domain')
        .where('tenant_id', '=', tenantId)
        .orderBy('domain')
        .execute();
      return rows.map((r) => r.domain);
    },

    async domainsTakenFrom(tenantId, domains) {
      if (domains.length === 0) return false;
      const other = await db
        .selectFrom('tenant_domains')
        .select('domain')
        .where('domain', 'in', [...domains])
        .where('tenant_id', '!=', tenantId)
        .limit(1)
        .executeTakeFirst();
      return other !== undefined;
    },
    async saveTenant(tenant, now) {
      if (tenant.tpid !== null)
        await db
          .insertInto('tpids')
          .values({ tpid: tenant.tpid, name: tenant.tpidName })
          .onConflict((oc) => oc.column('tpid').doNothing())
          .execute();
      const existed = await db
        .selectFrom('tenants')
        .select('id')
        .where('id', '=', tenant.id)
        .executeTakeFirst();
      const values = {
        name: tenant.name,
        tpid: tenant.tpid,
        country: tenant.country,
        segment: tenant.segment,
        seats: tenant.seats,
        products: tenant.products,
        updated_at: now,
      };
      await db
        .insertInto('tenants')
        .values({ id: tenant.id, ...values, attributes: '{}' })
        .onConflict((oc) => oc.column('id').doUpdateSet(values))
        .execute();
      if (tenant.domains.length > 0)
        await db
          .insertInto('tenant_domains')
          .values(tenant.domains.map((domain) => ({ domain, tenant_id: tenant.id })))
          .onConflict((oc) => oc.column('domain').doNothing())
          .execute();
      return existed ? 'updated' : 'created';
    },
  };
}
