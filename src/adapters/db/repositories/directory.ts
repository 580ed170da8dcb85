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
  };
}
