import type { TenantFacts } from '../../domain/eligibility.ts';

// The customer directory's data (spec §7): tenants, TPIDs, domains and the attributes criteria read.
// Resolving a domain is the CustomerDirectory port (embedded or Entra discovery); this is the store.

export interface Tenant {
  id: string;
  name: string;
  tpid: number | null;
}

export interface DirectoryRepository {
  tenant(id: string): Promise<Tenant | undefined>;
  /** The tenants grouped under a TPID, by name. */
  tenantsUnderTpid(tpid: number): Promise<Tenant[]>;
  /** What customer criteria read about a tenant (§6). */
  facts(tenantId: string): Promise<TenantFacts | undefined>;
  /** The tenant's email domains known to the directory, sorted. */
  domainsOf(tenantId: string): Promise<string[]>;
}
