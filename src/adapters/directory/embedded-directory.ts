import type { CustomerDirectory } from '../../app/ports.ts';
import { domainNeverResolves } from '../../domain/identifiers.ts';
import type { Db } from '../db/database.ts';

// The embedded customer directory (default, spec §7): domains and tenants in our own database,
// loaded by the demo seed or the operator's CSV import.
export function embeddedDirectory(db: Db): CustomerDirectory {
  return {
    async resolveDomain(domain) {
      const normalised = domain.trim().toLowerCase();
      if (domainNeverResolves(normalised)) return { kind: 'notFound' };
      const row = await db
        .selectFrom('tenant_domains')
        .select('tenant_id')
        .where('domain', '=', normalised)
        .executeTakeFirst();
      return row ? { kind: 'found', tenantId: row.tenant_id } : { kind: 'notFound' };
    },
  };
}
